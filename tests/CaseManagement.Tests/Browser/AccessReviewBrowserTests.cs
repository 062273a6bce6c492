using CaseManagement.Web.Components.Pages.Recertification;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The recertification page (ADR-030) in a real browser: the administrator confirms a user of a unit without a leader; axe on the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessReviewBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task The_administrator_confirms_a_users_roles_on_an_accessible_page()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "admin");

        await BrowserSession.LoadAsync(page, AccessReviewPage.Route);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bekreft tilganger");
        var row = page.Locator("[data-testid=recert-row]").Filter(new() { HasText = "Pia Politi" });
        await Expect(row).ToContainTextAsync("Larvik politistasjon");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "recertification");

        await page.GetByRole(AriaRole.Button, new() { Name = "Bekreft tilgangen til Pia Politi" }).ClickAsync();

        await Expect(page.GetByTestId("recert-done")).ToHaveTextAsync("Tilgangen til Pia Politi er bekreftet.");
        await Expect(row.Locator("[data-testid=recert-last]")).ToContainTextAsync("av Anders Administrator");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "recertification after confirming");
    }
}
