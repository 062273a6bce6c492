using CaseManagement.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// Issue 15's journey (ADR-026): the administrator creates a user and gets the activation link; a fresh browser
/// opens it, chooses a password, enrols an authenticator and is signed in; later the user signs in through the login
/// page and sees only what the role allows. axe on every page on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationJourneyTests(BrowserFixture browser, BrowserServer server)
{
    private const string Password = "Fjordbris-over-Vestfold-7";

    [Fact]
    public async Task The_administrator_creates_a_user_who_activates_the_link_in_a_fresh_browser_and_signs_in()
    {
        await using var adminContext = await BrowserSession.NewContextAsync(browser, server);
        var admin = await adminContext.NewPageAsync();
        await BrowserSession.LoginAsync(admin, "admin");
        await BrowserSession.OpenAsync(admin, "/admin/brukere/ny");
        await admin.Locator("#new-user-unit option").Nth(1).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(admin, "new user");

        var userName = "ny-" + Guid.CreateVersion7().ToString("N")[^8..];
        await admin.GetByLabel("Brukernavn", new() { Exact = true }).FillAsync(userName);
        await admin.GetByLabel("Visningsnavn", new() { Exact = true }).FillAsync("Nina Nyansatt");
        await admin.GetByLabel("Jobb-e-post", new() { Exact = true }).FillAsync(userName + "@politiet.test");
        await admin.Locator("#new-user-unit").SelectOptionAsync(DemoData.SandefjordStation.ToString());
        await admin.Locator("label.mud-checkbox", new() { HasText = "Forebyggende politi" }).ClickAsync();
        await admin.Locator("[data-testid=new-user-submit]").ClickAsync();
        var link = (await admin.Locator("#activation-link").TextContentAsync())!.Trim();
        Assert.Contains("/aktiver/", link, StringComparison.Ordinal);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(admin, "user created");

        // A fresh browser (no cookies) opens the link.
        await using var fresh = await BrowserSession.NewContextAsync(browser, server);
        var page = await fresh.NewPageAsync();
        server.AdvanceClock(TimeSpan.FromSeconds(61));
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Aktiver brukerkontoen");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "activation");
        await page.GetByLabel("Nytt passord").FillAsync(Password);
        await page.GetByLabel("Gjenta passordet").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre passordet og gå videre" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login/enrol");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "enrolment");
        var key = (await page.Locator("#manual-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.Locator("#code").FillAsync(Totp.CodeAt(key, server.Now));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("#recovery-codes").WaitForAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "recovery codes");
        await page.Locator("#continue").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await BrowserSession.WaitForCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mine oppgaver");

        // The link is dead now; and later the user signs in through the login page like everyone else.
        await using var later = await BrowserSession.NewContextAsync(browser, server);
        var again = await later.NewPageAsync();
        await again.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(again.Locator("#activate-invalid")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(again, "dead link");
        server.AdvanceClock(TimeSpan.FromSeconds(61));
        await again.GotoAsync("/login");
        await again.GetByLabel("Brukernavn").FillAsync(userName);
        await again.GetByLabel("Passord").FillAsync(Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await again.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login/code");
        await again.Locator("#code").FillAsync(Totp.CodeAt(key, server.Now));
        await again.Locator("button[type=submit]").ClickAsync();
        await again.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await BrowserSession.WaitForCircuitAsync(again);

        // A prevention officer, not an administrator.
        await BrowserSession.OpenAsync(again, "/admin/brukere");
        await Expect(again.Locator("[data-testid=admin-forbidden]")).ToBeVisibleAsync();
    }
}
