using CaseManagement.Web.Components.Pages.Administration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The integration clients page (ADR-029): register a system, see its secret once, disable it; axe on each state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientsBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task An_administrator_registers_a_system_sees_the_secret_once_and_disables_it()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "kommuneadmin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrasjonsklienter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Integrasjonsklienter");
        await Expect(page.Locator("#new-client-unit option").Nth(1)).ToBeAttachedAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "clients");

        // Refused first (no capability chosen, bad client id), then registered.
        var clientId = "b-" + Guid.CreateVersion7().ToString("N")[^12..];
        await page.Locator("#new-client-id").FillAsync("Ugyldig ID");
        await page.Locator("#new-client-name").FillAsync("NAV fagsystem");
        await page.Locator("#new-client-unit").SelectOptionAsync(new SelectOptionValue { Label = "NAV Sandefjord (Sandefjord kommune)" });
        await page.GetByTestId("new-client-submit").ClickAsync();
        await Expect(page.Locator("#new-client-id-error")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "clients with errors");

        await page.Locator("#new-client-id").FillAsync(clientId);
        await page.GetByLabel("Lese personregisteret").CheckAsync();
        await page.GetByTestId("new-client-submit").ClickAsync();
        var secret = page.Locator("#client-secret-value");
        await Expect(secret).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9_-]{43}$"));
        var row = page.Locator($"tr[data-client='{clientId}']");
        await Expect(row).ToContainTextAsync("Lese personregisteret");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(page, "clients with a new secret");

        await page.GetByRole(AriaRole.Button, new() { Name = "Jeg har kopiert den" }).ClickAsync();
        await Expect(secret).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = "Deaktiver NAV fagsystem" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deaktivert");

        // Shown once: after a reload the page has no secret.
        await BrowserSession.LoadAsync(page, AdminRoutes.Clients);
        await Expect(page.Locator($"tr[data-client='{clientId}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#client-secret-value")).ToHaveCountAsync(0);
    }
}
