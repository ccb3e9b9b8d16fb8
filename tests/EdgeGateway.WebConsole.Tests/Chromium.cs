using Microsoft.Playwright;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>Debian's chromium, headless, driven by Playwright (which is told where it is and downloads nothing).</summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Generous: a loaded CI machine may take long to start a browser or render a page.</summary>
    public const float Timeout = 60_000;

    /// <summary>Skips the test, with the install command, when chromium is not installed.</summary>
    public static void Require()
    {
        if (!File.Exists(Executable))
        {
            Assert.Skip($"chromium is not installed ({Executable} is missing): apt-get install chromium");
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Require();
        // Playwright's assertions wait 5 s by default; a loaded machine gets the same generous deadline as everything else.
        Assertions.SetDefaultExpectTimeout(Timeout);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Without the background-networking flags chromium keeps trying Google's hosts, which a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = Timeout,
        });
        return (playwright, browser);
    }
}
