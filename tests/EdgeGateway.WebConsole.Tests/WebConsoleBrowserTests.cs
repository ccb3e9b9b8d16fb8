using Microsoft.Playwright;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>
/// Issue 17's "done when": the console against a running gateway, in headless chromium: live values that change, a
/// trend chart with data, an active alarm, a maintenance window started and ended from the page (the channel flagged
/// M meanwhile), both in the audit trail with the console's user as onBehalfOf. Conditions are waited for with
/// generous deadlines; no timing is asserted.
/// </summary>
public sealed class WebConsoleBrowserTests(ConsoleSite site) : IClassFixture<ConsoleSite>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The first minute record closes at the next minute boundary: up to a minute, plus a loaded machine's slack.
    private static readonly TimeSpan AlarmDeadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task The_page_shows_live_values_a_trend_an_alarm_and_starts_and_ends_maintenance_audited_for_the_console_user()
    {
        var (console, url) = await site.StartConsole(Path.Combine(site.Directory, "no-users"));
        using var _ = console;
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(Chromium.Timeout);
        await page.GotoAsync(url);

        // No users file on loopback: no login, and the page says so.
        await Assertions.Expect(page.Locator("#no-login-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeHiddenAsync();

        // Live values, and one of them changing.
        var so2 = page.Locator("#values tr[data-channel='cems.so2'] td.value");
        await Assertions.Expect(so2).Not.ToHaveTextAsync("–");
        var first = await so2.TextContentAsync();
        await WaitFor(page, "() => document.querySelector(\"#values tr[data-channel='cems.so2'] td.value\").textContent !== " + JsString(first!), Deadline, "the SO2 value to change");

        // A trend chart with data points.
        await page.Locator("#trend-channel").SelectOptionAsync("cems.so2");
        await WaitFor(page, "() => Number(document.getElementById('trend-chart').dataset.points) >= 2", Deadline, "the trend chart to have data points");
        await Assertions.Expect(page.Locator("#trend-chart polyline.line")).ToHaveCountAsync(1);

        // An active alarm (the SO2 limit is far below what the analyzer reads).
        await WaitFor(page, "() => document.querySelectorAll('#alarms li.alarm').length > 0", AlarmDeadline, "an active alarm");
        await Assertions.Expect(page.Locator("#alarms li.alarm").First).ToContainTextAsync("cems.so2");

        // Maintenance started from the page: the channel is flagged M and the window is listed.
        await page.Locator("#maintenance-kind").SelectOptionAsync("channel");
        await page.Locator("#maintenance-target").FillAsync("cems.so2");
        await page.Locator("#maintenance-reason").FillAsync("probe cleaning, web console test");
        await page.Locator("#maintenance-minutes").FillAsync("10");
        await page.Locator("#maintenance-start").ClickAsync();
        await Assertions.Expect(page.Locator("#maintenance-result")).ToContainTextAsync("flagged M");
        await WaitFor(page, "() => document.querySelector(\"#values tr[data-channel='cems.so2']\").dataset.flag === 'M'", Deadline, "cems.so2 flagged M");
        var window = page.Locator("#windows li.window[data-channel='cems.so2']");
        await Assertions.Expect(window).ToContainTextAsync("probe cleaning, web console test");

        // ... and ended from the page.
        await window.Locator("button.end").ClickAsync();
        await Assertions.Expect(page.Locator("#maintenance-result")).ToContainTextAsync("Maintenance ended");
        await WaitFor(page, "() => document.querySelector(\"#values tr[data-channel='cems.so2']\").dataset.flag !== 'M'", Deadline, "cems.so2 no longer flagged M");
        await Assertions.Expect(page.Locator("#windows li.window[data-channel='cems.so2']")).ToHaveCountAsync(0);

        // Both in the audit trail, on behalf of the console's user ("local": loopback without a login).
        var started = page.Locator("#audit tr[data-action='maintenance-start']");
        var ended = page.Locator("#audit tr[data-action='maintenance-stop']");
        await Assertions.Expect(started).ToHaveCountAsync(1);
        await Assertions.Expect(ended).ToHaveCountAsync(1);
        await Assertions.Expect(started).ToHaveAttributeAsync("data-on-behalf-of", "local");
        await Assertions.Expect(ended).ToHaveAttributeAsync("data-on-behalf-of", "local");
        await Assertions.Expect(started.Locator("td.who")).ToContainTextAsync("local (web console, as ");
    }

    private static async Task WaitFor(IPage page, string condition, TimeSpan deadline, string what)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = (float)deadline.TotalMilliseconds, PollingInterval = 250 });
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"waited {deadline.TotalSeconds:0} s for {what}; the page's banner: '{await page.Locator("#banner").TextContentAsync()}'", exception);
        }
    }

    private static string JsString(string text) => System.Text.Json.JsonSerializer.Serialize(text, WebConsoleTestJsonContext.Default.String);
}
