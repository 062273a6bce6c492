using System.Text.RegularExpressions;
using Bunit;
using Bunit.TestDoubles;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.FollowUps;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CaseManagement.Tests.Web;

/// <summary>The follow-up pages rendered by bUnit against the real pipeline and a real SQLite database.</summary>
public sealed class FollowUpPagesTests
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string ImageName = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_reader_through_a_disclosure_sees_the_read_only_banner_and_no_edit_actions()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        var now = DateTimeOffset.UtcNow;
        await context.SendAsync(context.PoliceLead, new GrantDisclosure(
            followUpId, DemoData.Nav, RecordKinds.FollowUp, "Samarbeid om oppfølging", now.AddHours(-1), now.AddDays(30), LegalBasisCode: "prl-24"));
        var navWorker = await context.AddUserAsync("nav-test", "Siri Saksbehandler", DemoData.Nav, Role.CaseWorker);
        context.SignInAs(navWorker);

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));

        cut.WaitForAssertion(() => Assert.Equal("Oppfølging for Ola Nordmann", cut.Find("h1").TextContent));
        Assert.Single(cut.FindAll("h1"));
        var banner = cut.Find("[data-testid=access-banner]");
        Assert.Contains("Utlevert til din enhet – kun lesetilgang", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("Oppfølgingen", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("Per Politi", cut.Find("[data-testid=team-name]").TextContent, StringComparison.Ordinal);

        // Read only: not one button that changes anything, no forms, and the team's consents and disclosures are not there.
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain(buttons, b => b.Contains("Fjern", StringComparison.Ordinal) || b.Contains("Legg til", StringComparison.Ordinal)
            || b.Contains("Registrer", StringComparison.Ordinal) || b.Contains("utlevering", StringComparison.OrdinalIgnoreCase)
            || b.Contains("Avslutt", StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("#section-consents"));
        Assert.Empty(cut.FindAll("#section-disclosures"));
        Assert.Empty(cut.FindAll("#section-close"));
        Assert.Contains("kun lesetilgang", cut.Find("dd[data-testid=followup-access]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_lead_sees_the_team_consent_disclosure_and_close_actions_and_no_banner()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (personId, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));

        cut.WaitForAssertion(() => Assert.Equal("Oppfølging for Ola Nordmann", cut.Find("h1").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=access-banner]"));
        Assert.Equal("Åpen", cut.Find("[data-testid=followup-status]").TextContent.Trim());
        Assert.Equal(CaseManagement.Web.Components.Pages.Persons.PersonRoutes.Details(personId), cut.Find("[data-testid=person-link]").GetAttribute("href"));
        Assert.NotNull(cut.Find("button[aria-label='Fjern Per Politi fra teamet']"));
        Assert.NotNull(cut.Find("#team-user-id"));
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Legg til i teamet", buttons);
        Assert.Contains("Registrer samtykke eller avslag", buttons);
        Assert.Contains("Ny utlevering", buttons);
        Assert.Contains("Avslutt oppfølgingen …", buttons);
        Assert.Contains("Ingen samtykker er registrert.", cut.Find("[data-testid=consents-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lead_picks_a_colleague_of_the_agency_removes_them_after_confirming_and_cannot_remove_the_last_lead()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        var colleague = await context.AddUserAsync("politi-kollega", "Rune Radikaliseringskontakt", DemoData.SandefjordStation, Role.RadicalisationContact);
        var municipal = await context.AddUserAsync("nav-test", "Siri Saksbehandler", DemoData.Nav, Role.CaseWorker);

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        cut.WaitForAssertion(() => cut.Find("#team-user-id"));

        // Nothing chosen: the field says so.
        await Button(cut, "Legg til i teamet").ClickAsync();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#team-user-id").GetAttribute("aria-invalid")));
        Assert.Contains("Velg en kollega fra listen", cut.Find("#team-user-id-error").TextContent, StringComparison.Ordinal);

        // The picker offers colleagues of the owning agency only, not those already on the team.
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("#team-user-id option"), o => o.GetAttribute("value") == colleague.ToString()));
        Assert.DoesNotContain(cut.FindAll("#team-user-id option"), o => o.GetAttribute("value") == municipal.ToString());
        Assert.DoesNotContain(cut.FindAll("#team-user-id option"), o => o.TextContent.StartsWith("Per Politi", StringComparison.Ordinal));
        cut.Find("#team-search").Change("radikal");
        await cut.Find("form[role=search]").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#team-user-id option").Count));
        Assert.Equal("Rune Radikaliseringskontakt (Sandefjord politistasjon)", cut.FindAll("#team-user-id option")[1].TextContent);

        cut.Find("#team-user-id").Change(colleague.ToString());
        await Radio(cut, "Mentor").ClickAsync();
        await Button(cut, "Legg til i teamet").ClickAsync();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=team-name]").Count));
        Assert.Equal("Brukeren er lagt til i teamet.", cut.Find("[data-testid=team-done]").TextContent);
        Assert.Contains("Mentor", cut.FindAll("tbody tr").First(r => r.TextContent.Contains("Rune", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#team-errors"));

        await cut.Find("button[aria-label='Fjern Rune Radikaliseringskontakt fra teamet']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("Fjerne Rune Radikaliseringskontakt fra teamet?", cut.Find("#team-remove-confirm").TextContent, StringComparison.Ordinal));
        await cut.Find("[data-testid=team-remove-confirm-confirm]").ClickAsync();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=team-name]")));
        Assert.Equal("Rune Radikaliseringskontakt er fjernet fra teamet.", cut.Find("[data-testid=team-done]").TextContent);

        await cut.Find("button[aria-label='Fjern Per Politi fra teamet']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#team-remove-confirm"));
        await cut.Find("[data-testid=team-remove-confirm-confirm]").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("Oppfølgingen må ha minst én ansvarlig.", cut.Find("#section-team").ParentElement!.TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=team-name]"));
    }

    [Fact]
    public async Task Markup_in_names_and_texts_is_shown_as_text_on_the_list_and_the_follow_up()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync(ScriptName, ImageName);
        var colleague = await context.AddUserAsync("politi-kollega", ImageName, DemoData.SandefjordStation, Role.PolicePreventionOfficer);
        await context.SendAsync(context.PoliceLead, new AddTeamMember(followUpId, colleague, TeamRole.Member));
        await context.SendAsync(context.PoliceLead, new RecordConsent(
            followUpId, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp, ScriptName, ConsentMethod.Written, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var page = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        page.WaitForAssertion(() => Assert.Equal("Oppfølging for " + ScriptName + " " + ImageName, page.Find("h1").TextContent));
        Assert.Equal(ImageName, page.FindAll("[data-testid=team-name]")[1].TextContent);
        Assert.Equal(ScriptName, page.Find("[data-testid=consent-purpose]").TextContent);

        var list = context.Bunit.Render<FollowUpListPage>();
        list.WaitForAssertion(() => Assert.Equal(ScriptName + " " + ImageName, list.Find("[data-testid=followup-person]").TextContent));

        AssertShownAsText(page);
        AssertShownAsText(list);
    }

    private static void AssertShownAsText<T>(IRenderedComponent<T> cut) where T : IComponent
    {
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror]"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_of_another_agency_looks_exactly_like_one_that_does_not_exist()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        var navWorker = await context.AddUserAsync("nav-test", "Siri Saksbehandler", DemoData.Nav, Role.CaseWorker);
        context.SignInAs(navWorker);

        var missingId = Guid.CreateVersion7();
        var foreign = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        var missing = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, missingId));

        foreign.WaitForAssertion(() => Assert.Equal("Fant ikke oppfølgingen", foreign.Find("h1").TextContent));
        missing.WaitForAssertion(() => Assert.Equal("Fant ikke oppfølgingen", missing.Find("h1").TextContent));
        Assert.Contains("Oppfølgingen finnes ikke, eller du har ikke tilgang til den.", foreign.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Nordmann", foreign.Markup, StringComparison.Ordinal);
        // The only difference is the requested id itself (in the offer of emergency access, shown for any id).
        Assert.Equal(
            WithoutIds(missing.Markup.Replace(missingId.ToString(), "ID", StringComparison.Ordinal)),
            WithoutIds(foreign.Markup.Replace(followUpId.ToString(), "ID", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_list_shows_status_source_date_and_whether_the_user_is_on_the_team()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        await context.OpenFollowUpAsync("Ola", "Nordmann");
        var navWorker = await context.AddUserAsync("nav-test", "Siri Saksbehandler", DemoData.Nav, Role.CaseWorker);
        var (_, disclosed) = await context.OpenFollowUpAsync("Aisha", "Berg");
        var now = DateTimeOffset.UtcNow;
        await context.SendAsync(context.PoliceLead, new GrantDisclosure(
            disclosed, DemoData.Nav, RecordKinds.FollowUp, "Samarbeid", now.AddHours(-1), now.AddDays(10), LegalBasisCode: "prl-24"));

        var lead = context.Bunit.Render<FollowUpListPage>();
        lead.WaitForAssertion(() => Assert.Equal(2, lead.FindAll("tbody tr").Count));
        var cells = lead.FindAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Aisha Berg", cells[0]);
        Assert.Equal("Åpen", cells[1]);
        Assert.Equal("Skole", cells[2]);
        Assert.Equal(FollowUpFormat.Date(now), cells[3]);
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", cells[3]);
        Assert.Equal("Medlem av teamet", cells[4]);
        Assert.Equal(FollowUpRoutes.Details(disclosed), lead.Find("tbody a").GetAttribute("href"));
        Assert.Equal("Åpne oppfølgingen for Aisha Berg", lead.Find("tbody a").GetAttribute("aria-label"));

        context.SignInAs(navWorker);
        var reader = context.Bunit.Render<FollowUpListPage>();
        reader.WaitForAssertion(() => Assert.Single(reader.FindAll("tbody tr")));
        Assert.Equal("Aisha Berg", reader.Find("[data-testid=followup-person]").TextContent);
        Assert.Contains("Kun lesetilgang", reader.Find("td[data-testid=followup-access]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nordmann", reader.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_follow_up_from_the_person_goes_to_the_new_follow_up_and_a_second_is_refused()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var person = await context.SendAsync(context.PoliceLead, new Application.Features.Persons.RegisterPerson("Ola", "Nordmann", new DateOnly(2001, 2, 3), null));
        var navigation = (BunitNavigationManager)context.Bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(FollowUpRoutes.NewFor(person.Id));

        var cut = context.Bunit.Render<FollowUpOpenPage>();
        cut.WaitForAssertion(() => Assert.Contains("Ola Nordmann", cut.Find("[data-testid=open-person]").TextContent, StringComparison.Ordinal));

        // Nothing chosen: refused in the form, on the group, before anything is sent.
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find("#open-errors").GetAttribute("role")));
        Assert.Contains("Velg kilde til bekymring.", cut.Find("#open-source-error").TextContent, StringComparison.Ordinal);

        await cut.FindAll("label.mud-radio").Single(l => l.TextContent.Trim() == "Familie").QuerySelector("input")!.ClickAsync();
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Matches(new Regex("/oppfolginger/[0-9a-f-]{36}$"), navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var view = await context.SendAsync(context.PoliceLead, new GetFollowUp(id));
        Assert.Equal(ConcernSource.Family, view.ConcernSource);
        Assert.True(view.IsLead);

        navigation.NavigateTo(FollowUpRoutes.NewFor(person.Id));
        var again = context.Bunit.Render<FollowUpOpenPage>();
        again.WaitForAssertion(() => again.Find("[data-testid=open-person]"));
        await again.FindAll("label.mud-radio").Single(l => l.TextContent.Trim() == "Skole").QuerySelector("input")!.ClickAsync();
        await again.Find("form").SubmitAsync();
        again.WaitForAssertion(() => Assert.Contains("allerede en åpen oppfølging", again.Find("#open-errors").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_lead_closes_the_follow_up_with_a_reason_and_the_write_actions_go_away()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        cut.WaitForAssertion(() => cut.Find("#section-close"));
        await Button(cut, "Avslutt oppfølgingen …").ClickAsync();
        await cut.Find("#close-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Årsak", cut.Find("#close-errors").TextContent, StringComparison.Ordinal));

        await Radio(cut, "Målene er nådd").ClickAsync();
        cut.Find("#close-note").Change("Avtalene er fulgt opp.");
        await cut.Find("#close-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("Avsluttet", cut.Find("[data-testid=followup-status]").TextContent.Trim()));
        Assert.Contains("Oppfølgingen er avsluttet.", cut.Find("[data-testid=followup-closed-message]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Målene er nådd", cut.Find("[data-testid=followup-closed]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#section-close"));
        Assert.Empty(cut.FindAll("#team-user-id"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Registrer samtykke", StringComparison.Ordinal));
        Assert.Equal(FollowUpStatus.Closed, (await context.SendAsync(context.PoliceLead, new GetFollowUp(followUpId))).Status);
    }

    [Fact]
    public async Task Closing_over_someone_elses_change_shows_the_conflict_and_keeps_the_input()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        cut.WaitForAssertion(() => cut.Find("#section-close"));
        await Button(cut, "Avslutt oppfølgingen …").ClickAsync();
        await Radio(cut, "Personen har flyttet").ClickAsync();
        cut.Find("#close-note").Change("Flyttet til Bergen.");
        await context.ChangeVersionBehindThePageAsync(followUpId);

        await cut.Find("#close-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find("#close-conflict").GetAttribute("role")));
        Assert.Contains("Noen andre har endret oppfølgingen", cut.Find("#close-conflict").TextContent, StringComparison.Ordinal);
        Assert.Equal("Flyttet til Bergen.", cut.Find("#close-note").GetAttribute("value"));
        Assert.Equal(FollowUpStatus.Open, (await context.SendAsync(context.PoliceLead, new GetFollowUp(followUpId))).Status);

        await cut.Find("#close-conflict button").ClickAsync();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#close-conflict")));
        await cut.Find("#close-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("Avsluttet", cut.Find("[data-testid=followup-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_lead_records_a_refusal_and_withdraws_a_consent_after_confirming()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        await context.SendAsync(context.PoliceLead, new RecordConsent(
            followUpId, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp | RecordKinds.Conversations, "Oppfølging hos NAV",
            ConsentMethod.Written, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        cut.WaitForAssertion(() => Assert.Equal("Gyldig", cut.Find("[data-testid=consent-status]").TextContent.Trim()));
        Assert.Contains("Oppfølgingen, Samtaler", cut.Find("[data-testid=consent-row]").TextContent, StringComparison.Ordinal);

        await cut.Find("button[aria-label='Trekk tilbake samtykket til NAV Sandefjord: Oppfølging hos NAV']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#consent-withdraw-confirm"));
        Assert.Equal("group", cut.Find("#consent-withdraw-confirm").GetAttribute("role"));
        await cut.Find("[data-testid=consent-withdraw-confirm-confirm]").ClickAsync();

        cut.WaitForAssertion(() => Assert.StartsWith("Trukket tilbake", cut.Find("[data-testid=consent-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("Samtykket er trukket tilbake", cut.Find("[data-testid=consent-done]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#consent-withdraw-confirm"));

        // A refusal, recorded through the form: the unit is chosen in the picker the way a user does.
        await Button(cut, "Registrer samtykke eller avslag").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#consent-form"));
        await cut.Find("#consent-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("alert", cut.Find("#consent-errors").GetAttribute("role")));
        var summary = cut.Find("#consent-errors").TextContent;
        Assert.Contains("Tjeneste samtykket gjelder: Velg tjeneste.", summary, StringComparison.Ordinal);
        Assert.Contains("Svar: Velg ett av alternativene.", summary, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#consent-unit").GetAttribute("aria-invalid"));

        var unitSelect = cut.FindComponent<MudBlazor.MudSelect<Guid?>>();
        await cut.InvokeAsync(() => unitSelect.Instance.ValueChanged.InvokeAsync(DemoData.ChildWelfare));
        await cut.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == "Oppfølgingen").QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = true });
        cut.Find("#consent-purpose").Change("Undersøkelse i barnevernet");
        await Radio(cut, "Nekter (registrer avslaget)").ClickAsync();
        await Radio(cut, "Muntlig").ClickAsync();
        await cut.Find("#consent-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=consent-row]").Count));
        Assert.Contains("Avslaget er registrert.", cut.Find("[data-testid=consent-done]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Nektet", cut.FindAll("[data-testid=consent-status]")[1].TextContent.Trim());
        var view = await context.SendAsync(context.PoliceLead, new GetFollowUp(followUpId));
        Assert.True(view.Consents[1].Refused);
        Assert.Equal(DemoData.ChildWelfare, view.Consents[1].ToUnitId);
        Assert.Equal(FollowUpFormat.StartOf(FollowUpFormat.Today(TimeProvider.System)), view.Consents[1].ValidFrom);
    }

    [Fact]
    public async Task The_lead_discloses_on_a_legal_basis_to_a_unit_of_the_other_agency_and_ends_it_after_confirming()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");

        var cut = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=disclosures-empty]"));
        await Button(cut, "Ny utlevering").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#disclosure-form"));

        // The picker offers only the other agency's units: access inside the owning agency follows the team.
        var unitSelect = cut.FindComponent<UnitSelect>();
        Assert.All(unitSelect.Instance.Units, u => Assert.Equal("Sandefjord kommune", u.AgencyName));
        Assert.Contains(unitSelect.Instance.Units, u => u.Id == DemoData.ChildWelfare);

        await cut.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == "Samtaler").QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = true });
        await Radio(cut, "Lovgrunnlag").ClickAsync();
        await cut.Find("#disclosure-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Utlevert til: Velg tjeneste.", cut.Find("#disclosure-errors").TextContent, StringComparison.Ordinal));
        Assert.Contains("Lovgrunnlag: Velg lovgrunnlaget.", cut.Find("#disclosure-errors").TextContent, StringComparison.Ordinal);
        Assert.Contains("Gyldig til og med: Skriv en dato", cut.Find("#disclosure-errors").TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => unitSelect.Instance.ValueChanged.InvokeAsync(DemoData.ChildWelfare));
        var basisSelect = cut.FindComponent<MudBlazor.MudSelect<string>>();
        await cut.InvokeAsync(() => basisSelect.Instance.ValueChanged.InvokeAsync("bvl-13-2"));
        cut.Find("#disclosure-reason").Change("Bekymring for omsorgssituasjonen.");
        var lastDay = FollowUpFormat.Today(TimeProvider.System).AddDays(30);
        cut.Find("#disclosure-valid-to").Change(CaseManagement.Web.Components.Pages.Persons.PersonFormat.Date(lastDay));
        await cut.Find("#disclosure-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=disclosure-row]")));
        var row = cut.Find("[data-testid=disclosure-row]").TextContent;
        Assert.Contains("Barneverntjenesten", row, StringComparison.Ordinal);
        Assert.Contains("Samtaler", row, StringComparison.Ordinal);
        Assert.Contains("Opplysningsplikt til barnevernet (barnevernsloven § 13-2)", row, StringComparison.Ordinal);
        Assert.Contains("–" + CaseManagement.Web.Components.Pages.Persons.PersonFormat.Date(lastDay), row, StringComparison.Ordinal);
        Assert.Equal("Aktiv", cut.Find("[data-testid=disclosure-status]").TextContent.Trim());
        var stored = (await context.SendAsync(context.PoliceLead, new GetFollowUp(followUpId))).Disclosures.Single();
        Assert.Equal(FollowUpFormat.EndOf(lastDay), stored.ValidTo);

        await cut.Find("button[aria-label='Avslutt utleveringen til Barneverntjenesten']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#disclosure-end-confirm"));
        await cut.Find("[data-testid=disclosure-end-confirm-confirm]").ClickAsync();
        cut.WaitForAssertion(() => Assert.StartsWith("Avsluttet", cut.Find("[data-testid=disclosure-status]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("button[aria-label='Avslutt utleveringen til Barneverntjenesten']"));
    }

    [Fact]
    public async Task Emergency_access_with_a_fresh_code_opens_the_follow_up_under_the_emergency_banner()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        var colleague = await context.AddUserAsync("politi-larvik", "Pia Politi", DemoData.LarvikStation, Role.PolicePreventionOfficer);
        var key = await context.EnrolAuthenticatorAsync(colleague);
        context.SignInAs(colleague);
        var navigation = context.Bunit.Services.GetRequiredService<NavigationManager>();

        var cut = context.Bunit.Render<EmergencyAccessPage>(p => p.Add(x => x.Id, followUpId));
        Assert.Equal("one-time-code", cut.Find("#emergency-code").GetAttribute("autocomplete"));
        Assert.DoesNotContain("Nordmann", cut.Markup, StringComparison.Ordinal);

        // Too short a reason and a wrong code: both refused, each on its field, nothing granted.
        cut.Find("#emergency-reason").Change("Haster.");
        cut.Find("#emergency-code").Change("000000");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#emergency-reason").GetAttribute("aria-invalid")));
        Assert.Equal("alert", cut.Find("#emergency-errors").GetAttribute("role"));
        Assert.Contains("emergency-reason-error", cut.Find("#emergency-reason").GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);

        cut.Find("#emergency-reason").Change("Personen er meldt savnet, og vi må vite hvem som har hatt kontakt med ham i det siste.");
        cut.Find("#emergency-code").Change("000000");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#emergency-code").GetAttribute("aria-invalid")));
        Assert.Contains("Engangskoden er feil eller utløpt", cut.Find("#emergency-code-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("", cut.Find("#emergency-code").GetAttribute("value") ?? "");

        cut.Find("#emergency-code").Change(CaseManagement.Infrastructure.Totp.CodeAt(key, TimeProvider.System.GetUtcNow()));
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.EndsWith(FollowUpRoutes.Details(followUpId), navigation.Uri, StringComparison.Ordinal));
        var page = context.Bunit.Render<FollowUpPage>(p => p.Add(x => x.Id, followUpId));
        page.WaitForAssertion(() => Assert.Contains("Nødtilgang – all bruk logges og kontrolleres", page.Find("[data-testid=access-banner]").TextContent, StringComparison.Ordinal));
        Assert.Matches(new Regex(@"Tilgangen utløper \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\."), page.Find("[data-testid=emergency-expiry]").TextContent);
        Assert.Empty(page.FindAll("form"));
        Assert.Empty(page.FindAll("#section-consents"));
    }

    [Fact]
    public void Every_label_of_every_enum_exists_in_bokmal_and_english()
    {
        var keys = Enum.GetValues<ConcernSource>().Select(FollowUpTexts.Key)
            .Concat(Enum.GetValues<FollowUpStatus>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<CloseReason>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<TeamRole>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<ConsentGiver>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<ConsentMethod>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<RecordKinds>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<Application.Access.AccessBasis>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<DisclosureBasisKind>().Select(FollowUpTexts.Key))
            .Concat(Enum.GetValues<Role>().Select(CaseManagement.Web.Components.Pages.Administration.RoleTexts.Key))
            .ToList();
        var resources = CaseManagement.Web.Resources.Ui.ResourceManager;

        foreach (var key in keys)
        {
            var norwegian = resources.GetString(key, PersonPagesContext.Norwegian);
            var english = resources.GetString(key, new System.Globalization.CultureInfo("en"));
            Assert.False(string.IsNullOrWhiteSpace(norwegian), key);
            Assert.False(string.IsNullOrWhiteSpace(english), key);
        }

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> cut, string text) where T : IComponent =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static AngleSharp.Dom.IElement Radio<T>(IRenderedComponent<T> cut, string text) where T : IComponent =>
        cut.FindAll("label.mud-radio").Single(l => l.TextContent.Trim() == text).QuerySelector("input")!;

    /// <summary>Markup without the renderer's per-instance ids (event handlers, element references, generated ids).</summary>
    private static string WithoutIds(string markup) =>
        Regex.Replace(markup, @" (blazor:[A-Za-z:]+|id)=""[^""]*""", "", RegexOptions.None, TimeSpan.FromSeconds(1));
}
