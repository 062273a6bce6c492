using CaseManagement.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>Signing in through a real browser: password and TOTP reach the home page; a wrong code does not.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LoginBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task Password_and_a_fresh_totp_code_reach_the_home_page()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();

        await BrowserSession.LoginAsync(page, "koordinator");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Mine oppgaver");
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_totp_code_is_refused_and_no_session_is_given()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Brukernavn").FillAsync("saksbehandler");
        await page.GetByLabel("Passord").FillAsync(DemoData.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login/code");

        var right = await server.NextCodeAsync("saksbehandler");
        var wrong = right == "000000" ? "111111" : "000000";
        await page.Locator("#code").FillAsync(wrong);
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.StartsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        // No session: the home page still sends the browser to the login page.
        await page.GotoAsync("/");
        Assert.StartsWith("/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }
}
