using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The reference-data pages (ADR-027, ADR-028) in a real browser, with axe: units and legal bases.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReferenceDataBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task The_administrator_creates_a_unit_is_refused_deactivating_one_with_users_and_deactivates_the_new_one()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "admin");
        await BrowserSession.OpenAsync(page, "/admin/enheter");
        await page.Locator("[data-testid=unit-row]").First.WaitForAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "units");

        // Nothing filled in: both fields are named.
        await page.Locator("[data-testid=new-unit-submit]").ClickAsync();
        await Expect(page.Locator("#new-unit-name-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-unit-kind-error")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "units with errors");

        var name = "Horten politistasjon " + Guid.CreateVersion7().ToString("N")[^6..];
        await page.Locator("#new-unit-name").FillAsync(name);
        await page.Locator("#new-unit-kind").SelectOptionAsync("PoliceStation");
        await page.Locator("[data-testid=new-unit-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=units-done]")).ToContainTextAsync(name);

        // A unit with users: refused, saying why.
        var station = page.Locator("[data-testid=unit-row]", new() { HasText = "Sandefjord politistasjon" });
        await station.Locator("[data-testid=unit-edit]").ClickAsync();
        await page.Locator("[data-testid=deactivate-unit]").ClickAsync();
        await Expect(page.Locator("#deactivate-unit-errors")).ToContainTextAsync("aktive brukere");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "unit refused");

        var created = page.Locator("[data-testid=unit-row]", new() { HasText = name });
        await created.Locator("[data-testid=unit-edit]").ClickAsync();
        await page.Locator("[data-testid=deactivate-unit]").ClickAsync();
        await Expect(created.Locator("[data-testid=unit-state]")).ToContainTextAsync("Lagt ned");
    }

    [Fact]
    public async Task The_administrator_adds_a_legal_basis_and_retires_it()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "kommuneadmin");
        await BrowserSession.OpenAsync(page, "/admin/rettsgrunnlag");
        await page.Locator("[data-testid=legal-basis-row]").First.WaitForAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "legal bases");

        var code = "prove-" + Guid.CreateVersion7().ToString("N")[^6..];
        await page.Locator("#legal-basis-code").FillAsync(code);
        await page.Locator("#legal-basis-title").FillAsync("Prøvegrunnlag");
        await page.Locator("#legal-basis-law").FillAsync("forvaltningsloven");
        await page.Locator("#legal-basis-section").FillAsync("13 b");
        await page.Locator("#legal-basis-summary").FillAsync("Til prøving i nettleseren.");
        await page.Locator("[data-testid=new-legal-basis-submit]").ClickAsync();
        await Expect(page.Locator("#legal-basis-section-error")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "legal basis with an error");

        await page.Locator("#legal-basis-section").FillAsync("§ 13 b");
        await page.Locator("[data-testid=new-legal-basis-submit]").ClickAsync();
        var row = page.Locator("[data-testid=legal-basis-row]", new() { HasText = code });
        await Expect(row.Locator("[data-testid=legal-basis-state]")).ToHaveTextAsync("Kan brukes");

        await row.Locator("[data-testid=legal-basis-retire]").ClickAsync();
        await row.Locator("[data-testid=legal-basis-retire-confirm]").ClickAsync();
        await Expect(row.Locator("[data-testid=legal-basis-state]")).ToContainTextAsync("Trukket tilbake");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "legal basis retired");
    }
}
