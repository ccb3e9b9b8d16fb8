using Microsoft.Playwright;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>
/// <c>edge-gateway --demo</c> starts the console and prints its URL; the page shows the demo's values and trend.
/// With <c>EGW_CONSOLE_SCREENSHOTS</c> naming a directory, it also writes the screenshots of docs/technician-guide.md
/// there (console-desktop.png, console-phone.png).
/// </summary>
public sealed class DemoConsoleTests
{
    public const string ScreenshotVariable = "EGW_CONSOLE_SCREENSHOTS";

    [Fact]
    public async Task The_demo_starts_the_console_and_prints_its_url_and_the_page_shows_the_demo()
    {
        Chromium.Require();
        using var demo = ChildProcess.Start(BuiltBinaries.Gateway, "--demo");
        var line = await demo.WaitForLineAsync(text => text.StartsWith("web console: http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var url = line["web console: ".Length..].Trim();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var directory = Environment.GetEnvironmentVariable(ScreenshotVariable);

        foreach (var (name, width, height, scale) in new[] { ("desktop", 1280, 1000, 1f), ("phone", 390, 844, 2f) })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = scale });
            page.SetDefaultTimeout(Chromium.Timeout);
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("#values tr[data-channel='cems.so2'] td.value")).Not.ToHaveTextAsync("–");
            await Assertions.Expect(page.Locator("#gateway-name")).ToContainTextAsync("demo");
            await page.WaitForFunctionAsync("() => Number(document.getElementById('trend-chart').dataset.points) >= 10 || document.getElementById('trend-note').textContent.includes('cannot give trends')", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 500 });
            if (directory is not null)
            {
                // For the guide's pictures: a minute of trend, and a maintenance window in the panels and the audit trail.
                await page.WaitForFunctionAsync("() => Number(document.getElementById('trend-chart').dataset.points) >= 60", null, new PageWaitForFunctionOptions { Timeout = 180_000, PollingInterval = 1000 });
                if (name == "desktop")
                {
                    await page.Locator("#maintenance-kind").SelectOptionAsync("device");
                    await page.Locator("#maintenance-target").FillAsync("water");
                    await page.Locator("#maintenance-reason").FillAsync("cleaning the COD analyzer's sample line");
                    await page.Locator("#maintenance-minutes").FillAsync("30");
                    await page.Locator("#maintenance-start").ClickAsync();
                    await Assertions.Expect(page.Locator("#windows li.window[data-channel='water.cod']")).ToHaveCountAsync(1);
                    await Assertions.Expect(page.Locator("#audit tr[data-action='maintenance-start']")).ToHaveCountAsync(1);
                    await Assertions.Expect(page.Locator("#values tr[data-channel='water.cod']")).ToHaveAttributeAsync("data-flag", "M");
                }

                Directory.CreateDirectory(directory);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"console-{name}.png"), FullPage = name == "phone" ? false : true });
            }

            await page.CloseAsync();
        }
    }
}
