using EdgeGateway.Control.Contract.Console;
using Microsoft.Playwright;

namespace EdgeGateway.WebConsole.Tests;

/// <summary>With a users file the console asks for a login, enforces it on the API, refuses a wrong password, lets the right one in.</summary>
public sealed class WebConsoleLoginTests(ConsoleSite site) : IClassFixture<ConsoleSite>
{
    [Fact]
    public async Task A_users_file_makes_the_console_ask_for_a_login_refuse_a_wrong_password_and_let_the_right_one_in()
    {
        var usersFile = Path.Combine(site.Directory, "console-users");
        ConsoleUserFile.Empty.WithUser("alice", "correct horse battery", iterations: 10_000).Save(usersFile);
        var (console, url) = await site.StartConsole(usersFile);
        using var _ = console;
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var __ = playwright;
        await using var ___ = browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Chromium.Timeout);
        await page.GotoAsync(url);

        // The form, not the panels; and the API itself refuses without a session (not only the page hiding things).
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#panels")).ToBeHiddenAsync();
        Assert.Equal(401, await page.EvaluateAsync<int>("() => fetch('/api/overview').then(response => response.status)"));
        Assert.Equal(401, await page.EvaluateAsync<int>(
            "() => fetch('/api/maintenance', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-EGW-Console': '1' }, body: JSON.stringify({ action: 'start', channel: 'cems.so2', reason: 'x' }) }).then(response => response.status)"));

        // A wrong password is refused.
        await page.Locator("#login-user").FillAsync("alice");
        await page.Locator("#login-password").FillAsync("wrong horse");
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("wrong user name or password");
        await Assertions.Expect(page.Locator("#panels")).ToBeHiddenAsync();

        // The right one gets in (after the throttle's wait for the failure before it).
        await page.Locator("#login-password").FillAsync("correct horse battery");
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#panels")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("as alice");
        await Assertions.Expect(page.Locator("#values tr[data-channel='cems.so2']")).ToHaveCountAsync(1);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), candidate => candidate.Name == "egw-console-session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.True(cookie.Expires > 0);

        // A state-changing request without the console's header is refused even with a session (CSRF).
        Assert.Equal(403, await page.EvaluateAsync<int>(
            "() => fetch('/api/maintenance', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'start', channel: 'cems.so2', reason: 'x' }) }).then(response => response.status)"));

        // Logging out ends the session.
        await page.Locator("#logout").ClickAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        Assert.Equal(401, await page.EvaluateAsync<int>("() => fetch('/api/overview').then(response => response.status)"));
    }
}
