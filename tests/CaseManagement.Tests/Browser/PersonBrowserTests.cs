using System.Text.RegularExpressions;
using CaseManagement.Tests.Web;
using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CaseManagement.Tests.Browser;

/// <summary>The person register through a real browser: login, register, list, search, details.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PersonBrowserTests(BrowserFixture browser, BrowserServer server)
{
    [Fact]
    public async Task A_person_registered_in_the_browser_is_shown_masked_and_appears_in_the_list()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, request) => urls.Add(request.Url);
        await BrowserSession.LoginAsync(page, "politi");

        var familyName = Unique("Registrert");
        var nin = TestIdentityNumbers.BirthNumber(new DateOnly(2012, 5, 17), 37);
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, "Nora", familyName, "17.05.2012", nin,
            new PersonFormDriver.GuardianEntry("Mona " + familyName, "Mor", "+47 900 11 222"));
        await PersonFormDriver.SubmitAsync(page);

        await page.WaitForURLAsync(DetailsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nora " + familyName);
        await Expect(page.GetByTestId("age-group")).ToContainTextAsync("Under 18");
        await Expect(page.GetByTestId("person-nin")).ToHaveTextAsync(nin[..6] + "*****");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Mona " + familyName })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis fødselsnummer" }).ClickAsync();
        await Expect(page.GetByTestId("person-nin")).ToHaveTextAsync(nin);

        await BrowserSession.OpenAsync(page, PersonRoutes.List);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = familyName + ", Nora", Exact = true })).ToBeVisibleAsync();

        // Search by the number: it travels inside the circuit, never in an address.
        await page.GetByLabel("Fødselsnummer eller D-nummer", new() { Exact = true }).FillAsync(nin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk", Exact = true }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = familyName + ", Nora", Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotContain(urls.Append(page.Url), url => url.Contains(nin, StringComparison.Ordinal));

        var stored = await server.WithDbAsync(db => db.Persons.Include(p => p.Guardians).SingleAsync(p => p.FamilyName == familyName));
        Assert.Equal(nin, stored.NationalIdentityNumber);
        Assert.Equal(new DateOnly(2012, 5, 17), stored.DateOfBirth);
        Assert.Single(stored.Guardians);
    }

    [Fact]
    public async Task An_invalid_identity_number_is_shown_on_its_field_and_nothing_is_stored()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        await BrowserSession.LoginAsync(page, "politi");

        var familyName = Unique("Ugyldig");
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, "Nina", familyName, "01.02.2010", "12345678901");
        await PersonFormDriver.SubmitAsync(page);

        var ninField = PersonFormDriver.Field(page, "Fødselsnummer eller D-nummer (valgfritt)");
        await Expect(ninField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ninField).ToHaveAccessibleDescriptionAsync("Kontrollsifrene i fødselsnummeret stemmer ikke.");
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Skjemaet har feil" });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("Kontrollsifrene i fødselsnummeret stemmer ikke.");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(PersonFormDriver.Field(page, "Fornavn")).ToHaveAttributeAsync("aria-invalid", "false");
        await Expect(PersonFormDriver.Field(page, "Etternavn")).ToHaveValueAsync(familyName);
        Assert.EndsWith(PersonRoutes.New, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        Assert.Equal(0, await server.WithDbAsync(db => db.Persons.CountAsync(p => p.FamilyName == familyName)));
    }

    [Fact]
    public async Task Markup_typed_into_names_is_shown_as_text_and_never_runs()
    {
        await using var context = await BrowserSession.NewContextAsync(browser, server);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await BrowserSession.LoginAsync(page, "politi");

        const string givenName = "<img src=x onerror=alert(1)>";
        var familyName = Unique("Skript") + "<script>alert(2)</script>";
        await BrowserSession.OpenAsync(page, PersonRoutes.New);
        await PersonFormDriver.FillAsync(page, givenName, familyName, "03.04.1995");
        await PersonFormDriver.SubmitAsync(page);

        await page.WaitForURLAsync(DetailsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(givenName + " " + familyName);
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());

        await BrowserSession.OpenAsync(page, PersonRoutes.List);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = familyName + ", " + givenName, Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.Empty(dialogs);
    }

    /// <summary>Letters only (names refuse nothing else, but the tests should read like names).</summary>
    private static string Unique(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))));

    [GeneratedRegex(@"/personer/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex DetailsUrl();
}
