using Bunit;
using Bunit.TestDoubles;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Persons;
using CaseManagement.Web.Components.Pages.Persons;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Web;

/// <summary>The person pages rendered by bUnit against the real pipeline and a real SQLite database.</summary>
public sealed class PersonPagesTests
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string ImageName = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task Person_list_renders_markup_in_names_as_text_and_hides_other_agencies()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        await context.RegisterAsync(ScriptName, ImageName, new DateOnly(1990, 4, 1));
        await context.RegisterAsync("Ola", "Nordmann", new DateOnly(2010, 3, 14));
        await context.AddPersonOfOtherAgencyAsync("Kari", "Kommunesen");

        var cut = context.Bunit.Render<PersonListPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));
        var names = cut.FindAll("td[data-testid=person-name]").Select(td => td.TextContent).ToList();
        Assert.Contains(ImageName + ", " + ScriptName, names);
        Assert.Contains("Nordmann, Ola", names);

        // Shown as text: no element was made from the name, and the encoded form is in the markup.
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror]"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);

        // The municipality's person is not there, not even by name.
        Assert.DoesNotContain("Kommunesen", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("2 personer funnet", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_list_shows_dates_in_norwegian_format_with_age_and_a_link_to_the_details()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var ola = await context.RegisterAsync("Ola", "Nordmann", new DateOnly(2010, 3, 4));

        var cut = context.Bunit.Render<PersonListPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        var cells = cut.FindAll("tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("04.03.2010", cells[1]);
        Assert.Equal(Age.At(new DateOnly(2010, 3, 4), DateOnly.FromDateTime(DateTime.UtcNow)).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
        var link = cut.Find("tbody a");
        Assert.Equal(PersonRoutes.Details(ola.Id), link.GetAttribute("href"));
        Assert.Equal("Detaljer om Nordmann, Ola", link.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Person_list_without_people_shows_the_empty_text()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        await context.AddPersonOfOtherAgencyAsync("Kari", "Kommunesen");

        var cut = context.Bunit.Render<PersonListPage>();

        cut.WaitForAssertion(() => Assert.Equal("Ingen personer er registrert ennå.", cut.Find("#persons-empty").TextContent));
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public async Task Searching_by_identity_number_finds_the_person_and_keeps_the_number_out_of_the_url()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var nin = TestIdentityNumbers.BirthNumber(new DateOnly(2009, 5, 17));
        await context.RegisterAsync("Sara", "Søkbar", new DateOnly(2009, 5, 17), nin);
        await context.RegisterAsync("Ola", "Nordmann", new DateOnly(2010, 3, 4));
        var navigation = context.Bunit.Services.GetRequiredService<NavigationManager>();
        var startUri = navigation.Uri;

        var cut = context.Bunit.Render<PersonListPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));

        cut.Find("#search-nin").Change(nin);
        await cut.Find("form[role=search]").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        Assert.Equal("Søkbar, Sara", cut.Find("td[data-testid=person-name]").TextContent);
        Assert.Equal(startUri, navigation.Uri);
        Assert.Empty(((BunitNavigationManager)navigation).History);
        Assert.DoesNotContain(nin, cut.Markup.Replace("value=\"" + nin + "\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_with_an_invalid_identity_number_shows_the_error_on_the_field()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var cut = context.Bunit.Render<PersonListPage>();
        cut.WaitForAssertion(() => cut.Find("#persons-empty"));

        cut.Find("#search-nin").Change("12345678901");
        await cut.Find("form[role=search]").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#search-nin").GetAttribute("aria-invalid")));
        Assert.Contains("search-nin-error", cut.Find("#search-nin").GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.NotEmpty(cut.Find("#search-nin-error").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task Person_list_pages_through_the_results_twenty_at_a_time()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        for (var i = 0; i < 21; i++)
        {
            await context.RegisterAsync("Person", $"Nummer{i:00}", new DateOnly(1980, 1, 1).AddDays(i));
        }

        var cut = context.Bunit.Render<PersonListPage>();
        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll("tbody tr").Count));
        Assert.Contains("Side 1 av 2", cut.Markup, StringComparison.Ordinal);

        await cut.FindAll("nav button").Single(b => b.TextContent.Contains("Neste side", StringComparison.Ordinal)).ClickAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr")));
        Assert.Equal("Nummer20, Person", cut.Find("td[data-testid=person-name]").TextContent);
        Assert.Contains("Side 2 av 2", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_page_masks_the_identity_number_until_the_user_asks_to_see_it()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var nin = TestIdentityNumbers.BirthNumber(new DateOnly(2010, 3, 14));
        var person = await context.RegisterAsync("Ola", "Nordmann", new DateOnly(2010, 3, 14), nin,
            [new GuardianInput("Mor Nordmann", GuardianRelation.Mother, "+47 900 00 000")]);

        var cut = context.Bunit.Render<PersonDetailsPage>(p => p.Add(x => x.Id, person.Id));

        cut.WaitForAssertion(() => Assert.Equal("Ola Nordmann", cut.Find("h1").TextContent));
        Assert.Equal(nin[..6] + "*****", cut.Find("[data-testid=person-nin]").TextContent);
        Assert.DoesNotContain(nin, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Under 18", cut.Find("[data-testid=age-group]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Mor Nordmann", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(">Mor<", cut.Markup, StringComparison.Ordinal);

        var toggle = cut.Find("button[aria-controls=person-nin]");
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        await toggle.ClickAsync();

        Assert.Equal(nin, cut.Find("[data-testid=person-nin]").TextContent);
        Assert.Equal("true", cut.Find("button[aria-controls=person-nin]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Details_page_shows_an_adult_as_adult()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var person = await context.RegisterAsync("Aisha", "Berg", new DateOnly(1990, 11, 2));

        var cut = context.Bunit.Render<PersonDetailsPage>(p => p.Add(x => x.Id, person.Id));

        cut.WaitForAssertion(() => Assert.Contains("Voksen (18+)", cut.Find("[data-testid=age-group]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Ikke registrert", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_page_of_another_agencys_person_looks_like_a_person_that_does_not_exist()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var foreign = await context.AddPersonOfOtherAgencyAsync("Kari", "Kommunesen");

        var foreignPage = context.Bunit.Render<PersonDetailsPage>(p => p.Add(x => x.Id, foreign));
        var missingPage = context.Bunit.Render<PersonDetailsPage>(p => p.Add(x => x.Id, Guid.CreateVersion7()));

        foreignPage.WaitForAssertion(() => Assert.Equal("Fant ikke personen", foreignPage.Find("h1").TextContent));
        missingPage.WaitForAssertion(() => Assert.Equal("Fant ikke personen", missingPage.Find("h1").TextContent));
        Assert.DoesNotContain("Kommunesen", foreignPage.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Kari", foreignPage.Markup, StringComparison.Ordinal);
        Assert.Equal(WithoutEventIds(missingPage.Markup), WithoutEventIds(foreignPage.Markup));
    }

    [Fact]
    public async Task Edit_page_on_a_concurrent_change_keeps_the_input_and_offers_the_latest_version()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var person = await context.RegisterAsync("Ola", "Nordmann", new DateOnly(2010, 3, 14));

        var cut = context.Bunit.Render<PersonEditPage>(p => p.Add(x => x.Id, person.Id));
        cut.WaitForAssertion(() => Assert.Equal("Ola", cut.Find("#person-givenName").GetAttribute("value")));

        // Someone else corrects the person after the form was filled.
        var current = await context.SendAsync(new GetPerson(person.Id));
        await context.SendAsync(new CorrectPersonDetails(person.Id, current.Version, "Ole", "Nordmann", current.DateOfBirth, null));

        cut.Find("#person-familyName").Change("Nordmann-Hansen");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Noen andre har endret personen", cut.Find("#conflict-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("#conflict-alert").GetAttribute("role"));
        Assert.Equal("Nordmann-Hansen", cut.Find("#person-familyName").GetAttribute("value"));
        Assert.Equal("Nordmann", (await context.SendAsync(new GetPerson(person.Id))).FamilyName);

        await cut.FindAll("#conflict-alert button").Single().ClickAsync();

        cut.WaitForAssertion(() => Assert.Equal("Ole", cut.Find("#person-givenName").GetAttribute("value")));
        Assert.Equal("Nordmann", cut.Find("#person-familyName").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#conflict-alert"));

        cut.Find("#person-familyName").Change("Nordmann-Hansen");
        await cut.Find("form").SubmitAsync();

        var navigation = context.Bunit.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith(PersonRoutes.Details(person.Id), navigation.Uri, StringComparison.Ordinal));
        Assert.Equal("Nordmann-Hansen", (await context.SendAsync(new GetPerson(person.Id))).FamilyName);
    }

    [Fact]
    public async Task Register_page_shows_each_refusal_on_its_field_and_in_a_summary()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var cut = context.Bunit.Render<PersonRegisterPage>();

        cut.Find("#person-givenName").Change("Ola");
        cut.Find("#person-nin").Change("12345678901");
        cut.Find("#person-dateOfBirth").Change("14.03.2010");
        await cut.FindAll("button").Single(b => b.TextContent.Contains("Legg til foresatt", StringComparison.Ordinal)).ClickAsync();
        await cut.Find("form").SubmitAsync();

        // The relation is not chosen: refused in the form, before anything is sent.
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#guardian-0-relation").GetAttribute("aria-invalid")));
        Assert.Equal("alert", cut.Find("#form-errors").GetAttribute("role"));

        await cut.FindAll("button").Single(b => b.TextContent.Contains("Fjern foresatt 1", StringComparison.Ordinal)).ClickAsync();
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#person-nin").GetAttribute("aria-invalid")));
        Assert.Equal("true", cut.Find("#person-familyName").GetAttribute("aria-invalid"));
        Assert.NotEqual("true", cut.Find("#person-givenName").GetAttribute("aria-invalid"));
        Assert.Contains("Kontrollsifrene", cut.Find("#person-nin-error").TextContent, StringComparison.Ordinal);
        var summary = cut.Find("#form-errors").TextContent;
        Assert.Contains("Etternavn", summary, StringComparison.Ordinal);
        Assert.Contains("Fødselsnummer", summary, StringComparison.Ordinal);
        Assert.Equal(0, (await context.SendAsync(new FindPersons())).TotalCount);
    }

    /// <summary>Markup without the renderer's per-instance event handler ids.</summary>
    private static string WithoutEventIds(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, @" blazor:[A-Za-z:]+=""[0-9a-f-]*""", "", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}
