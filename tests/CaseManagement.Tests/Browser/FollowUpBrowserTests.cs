using CaseManagement.Web.Components.Pages.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The follow-up pages through a real browser, as the police prevention officer uses them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task An_officer_opens_a_follow_up_for_a_new_person_finds_it_in_the_list_and_records_a_consent()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await BrowserSession.LoginAsync(page, "politi");

        var familyName = FollowUpDriver.Unique("Oppfulgt");
        var personId = await FollowUpDriver.RegisterPersonAsync(page, "Nora", familyName, "17.05.1990");
        var followUpId = await FollowUpDriver.OpenFollowUpAsync(page, "Nora", familyName, "17.05.1990", "Skole");
        await Expect(page.GetByTestId("followup-status")).ToHaveTextAsync("Åpen");
        await Expect(page.GetByTestId("person-link")).ToHaveAttributeAsync("href", $"/personer/{personId}");

        // "Mine oppfølginger": the new one is there, with its status, source, date and the officer on the team.
        await BrowserSession.OpenAsync(page, FollowUpRoutes.List);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = "Nora " + familyName, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Åpen");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Skole");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync(FollowUpFormat.Date(server.Now));
        await Expect(row.GetByRole(AriaRole.Cell).Nth(4)).ToHaveTextAsync("Medlem av teamet");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "follow-up list");

        await row.GetByRole(AriaRole.Link, new() { Name = "Åpne oppfølgingen for Nora " + familyName }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == FollowUpRoutes.Details(followUpId));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Oppfølging for Nora " + familyName);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Per Politi", Exact = true })).ToBeVisibleAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "follow-up page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer samtykke eller avslag" }).ClickAsync();
        await Expect(page.Locator("#consent-form")).ToBeVisibleAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "follow-up page with the consent form open");
        await page.Locator("#consent-form").GetByRole(AriaRole.Button, new() { Name = "Avbryt" }).ClickAsync();

        await FollowUpDriver.RecordConsentAsync(page, "NAV Sandefjord (Sandefjord kommune)", "Oppfølgingen", "Samordnet oppfølging med NAV");
        var consent = page.GetByTestId("consent-row");
        await Expect(consent).ToHaveCountAsync(1);
        await Expect(consent).ToContainTextAsync("NAV Sandefjord");
        await Expect(consent).ToContainTextAsync("Samordnet oppfølging med NAV");
        await Expect(consent.GetByTestId("consent-status")).ToHaveTextAsync("Gyldig");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "follow-up page with a consent");

        var stored = await server.WithDbAsync(db => db.Consents.SingleAsync(c => c.FollowUpId == followUpId));
        Assert.Equal("Samordnet oppfølging med NAV", stored.Purpose);
        Assert.False(stored.Refused);
        Assert.Equal(CaseManagement.Domain.Sharing.RecordKinds.FollowUp, stored.RecordKinds);
        // Only ids travel in addresses: never the name typed into the person search.
        Assert.DoesNotContain(urls.Append(page.Url), url => url.Contains(familyName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_emergency_access_and_user_administration_pages_have_no_serious_accessibility_violations()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        await BrowserSession.LoadAsync(page, FollowUpRoutes.Emergency(Guid.CreateVersion7()));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Be om nødtilgang");
        await Expect(page.GetByLabel("Engangskode", new() { Exact = true })).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "emergency access page");
        await page.GetByLabel("Begrunnelse", new() { Exact = true }).FillAsync("Haster.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Be om nødtilgang" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Skjemaet har feil" });
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Begrunnelse", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await FollowUpDriver.AssertNoSeriousViolationsAsync(page, "emergency access page with errors");

        await BrowserSession.OpenAsync(page, "/admin/brukere");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Du har ikke tilgang");

        await using var adminContext = await BrowserSession.NewContextAsync(browser, server);
        var admin = await adminContext.NewPageAsync();
        await BrowserSession.LoginAsync(admin, "admin");
        await BrowserSession.LoadAsync(admin, "/admin/brukere");
        await Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Per Politi", Exact = true })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Endre roller for Per Politi" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Checkbox, new() { Name = "Forebyggende politi" })).ToBeCheckedAsync();
        await FollowUpDriver.AssertNoSeriousViolationsAsync(admin, "user administration page");
    }
}
