using Bunit;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Web;

/// <summary>The user administration page on the real pipeline: only the administrator gets past it.</summary>
public sealed class AdminPagesTests
{
    [Fact]
    public async Task A_user_who_is_not_an_administrator_is_told_they_have_no_access_and_sees_no_users()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();

        var cut = context.Bunit.Render<UserAdminPage>();

        cut.WaitForAssertion(() => Assert.Contains("Du har ikke tilgang", cut.Find("[data-testid=admin-forbidden]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("[data-testid=admin-forbidden]").GetAttribute("role"));
        Assert.Single(cut.FindAll("h1"));
        Assert.Empty(cut.FindAll("table"));
        Assert.DoesNotContain("politi-test", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_lists_users_cannot_disable_themselves_and_disables_another_after_confirming()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=user-row]").Count));
        var adminRow = cut.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains("admin-test", StringComparison.Ordinal));
        Assert.Contains("(deg)", adminRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Administrator", adminRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Politiets fellestjenester", adminRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sør-Øst politidistrikt", adminRow.TextContent, StringComparison.Ordinal);
        Assert.Null(adminRow.QuerySelector("button[aria-label^='Deaktiver']"));
        var officerRow = cut.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains("politi-test", StringComparison.Ordinal));
        Assert.Contains("Forebyggende politi", officerRow.TextContent, StringComparison.Ordinal);
        Assert.Equal("Aktiv", officerRow.QuerySelector("[data-testid=user-state]")!.TextContent.Trim());

        await cut.Find("button[aria-label='Deaktiver Per Politi']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("Deaktivere Per Politi?", cut.Find("#user-disable-confirm").TextContent, StringComparison.Ordinal));
        await cut.Find("[data-testid=user-disable-confirm-confirm]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Contains("Per Politi er deaktivert.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        var disabled = cut.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains("politi-test", StringComparison.Ordinal));
        Assert.Contains("Deaktivert", disabled.QuerySelector("[data-testid=user-state]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(disabled.QuerySelector("button[aria-label='Aktiver Per Politi']"));
        var users = await context.SendAsync(admin, new ListUsers("politi-test"));
        Assert.True(users.Items.Single().IsDisabled);
    }

    [Fact]
    public async Task The_administrator_changes_roles_with_checkboxes_and_no_role_at_all_is_refused_on_the_field()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Endre roller for Per Politi']"));
        await cut.Find("button[aria-label='Endre roller for Per Politi']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("#roles-form"));
        Assert.Equal(context.PoliceLead.ToString(), cut.Find("[data-testid=user-id]").TextContent);

        await Checkbox(cut, "Forebyggende politi").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });
        await cut.Find("#roles-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Velg minst én rolle.", cut.Find("#roles-errors").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("#roles-errors").GetAttribute("role"));

        await Checkbox(cut, "Radikaliseringskontakt").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await Checkbox(cut, "Forebyggende politi").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await cut.Find("#roles-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Rollene til Per Politi er lagret.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        var user = (await context.SendAsync(admin, new ListUsers("politi-test"))).Items.Single();
        Assert.Equal([Role.PolicePreventionOfficer, Role.RadicalisationContact], user.Roles);
    }

    [Fact]
    public async Task The_roles_offered_are_those_of_the_users_agency()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var policeAdmin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        var municipalAdmin = await context.AddUserAsync("kommuneadmin-test", "Kristin Kommuneadministrator", DemoData.MunicipalAdministration, Role.Administrator);
        await context.AddUserAsync("mentor-test", "Mats Mentor", DemoData.MentorService, Role.Mentor);

        context.SignInAs(policeAdmin);
        var police = context.Bunit.Render<UserAdminPage>();
        police.WaitForAssertion(() => police.Find("button[aria-label='Endre roller for Per Politi']"));
        await police.Find("button[aria-label='Endre roller for Per Politi']").ClickAsync();
        police.WaitForAssertion(() => police.Find("#roles-form"));
        Assert.Equal(
            ["Forebyggende politi", "Radikaliseringskontakt", "Personvernombud", "Administrator"],
            police.FindAll("#roles-form label.mud-checkbox").Select(l => l.TextContent.Trim()));

        context.SignInAs(municipalAdmin);
        var municipal = context.Bunit.Render<UserAdminPage>();
        municipal.WaitForAssertion(() => municipal.Find("button[aria-label='Endre roller for Mats Mentor']"));
        await municipal.Find("button[aria-label='Endre roller for Mats Mentor']").ClickAsync();
        municipal.WaitForAssertion(() => municipal.Find("#roles-form"));
        Assert.Equal(
            ["Forebyggingskoordinator (SLT)", "Saksbehandler", "Koordinator for individuell plan", "Mentor", "Familieveileder", "Personvernombud", "Administrator"],
            municipal.FindAll("#roles-form label.mud-checkbox").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task The_administrator_unlocks_another_user_after_confirming_and_has_no_such_button_for_themselves()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Lås opp Per Politi']"));
        Assert.Empty(cut.FindAll("button[aria-label='Lås opp Anders Administrator']"));
        Assert.Empty(cut.FindAll("button[aria-label='Krev ny autentisering for Anders Administrator']"));
        Assert.Single(cut.FindAll("button[aria-label='Krev ny autentisering for Per Politi']"));

        await cut.Find("button[aria-label='Lås opp Per Politi']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("Låse opp Per Politi?", cut.Find("#user-recovery-confirm").TextContent, StringComparison.Ordinal));
        await cut.Find("[data-testid=user-recovery-confirm-confirm]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Contains("Per Politi er låst opp.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
    }

    private static AngleSharp.Dom.IElement Checkbox(IRenderedComponent<UserAdminPage> cut, string label) =>
        cut.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    [Fact]
    public async Task The_administrator_records_another_users_personal_details_an_invalid_number_is_refused_on_the_field()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Registrer personopplysninger for Per Politi']"));
        Assert.Empty(cut.FindAll("button[aria-label='Registrer personopplysninger for Anders Administrator']"));
        await cut.Find("button[aria-label='Registrer personopplysninger for Per Politi']").ClickAsync();
        await cut.Find("#details-nin").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "12345678901" });
        await cut.Find("#details-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Fødselsnummer", cut.Find("#details-errors").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("12345678901", cut.Find("#details-errors").TextContent, StringComparison.Ordinal);

        var number = TestIdentityNumbers.BirthNumber(new DateOnly(1990, 5, 17));
        await cut.Find("#details-nin").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = number });
        await cut.Find("#details-family-name").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Politi" });
        await cut.Find("#details-address").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Storgata 1" });
        await cut.Find("#details-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Personopplysningene til Per Politi er lagret.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        await using var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<CaseManagement.Application.Data.CaseDbContext>().Users
            .SingleAsync(u => u.Id == context.PoliceLead, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal((number, "Politi", "Storgata 1"), (user.NationalIdentityNumber, user.FamilyName, user.HomeAddress));
    }

    [Fact]
    public async Task The_administrator_sends_a_link_for_a_new_password_after_confirming_and_sees_it_once()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Send lenke for nytt passord til Per Politi']"));
        Assert.Empty(cut.FindAll("button[aria-label='Send lenke for nytt passord til Anders Administrator']"));
        await cut.Find("button[aria-label='Send lenke for nytt passord til Per Politi']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("Sende Per Politi en lenke for nytt passord?", cut.Find("#user-recovery-confirm").TextContent, StringComparison.Ordinal));
        await cut.Find("[data-testid=user-recovery-confirm-confirm]").ClickAsync();

        cut.WaitForAssertion(() => Assert.Contains("Per Politi kan sette et nytt passord med lenken under.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        Assert.Matches("^http://localhost/aktiver/[A-Za-z0-9_-]{43}$", cut.Find("#resent-link").TextContent);
        // The row now shows the user as waiting for the link, with the invitation's actions.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button[aria-label='Ny aktiveringslenke for Per Politi']")));
    }

    [Fact]
    public async Task The_search_finds_a_user_by_part_of_the_name_and_narrows_by_unit_and_role()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        await context.AddUserAsync("rk-test", "Rune Radikaliseringskontakt", DemoData.LarvikStation, Role.RadicalisationContact);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=user-row]").Count));
        // Only the administrator's own agency's units are offered.
        cut.WaitForAssertion(() => Assert.Contains("Larvik politistasjon", cut.Find("#user-search-unit").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("NAV", cut.Find("#user-search-unit").TextContent, StringComparison.Ordinal);

        await cut.Find("#user-search").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "rune" });
        await cut.Find("form[role=search]").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("Rune Radikaliseringskontakt", Assert.Single(cut.FindAll("[data-testid=user-name]")).TextContent.Trim()));

        await cut.Find("#user-search").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "" });
        await cut.Find("#user-search-role").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = nameof(Role.PolicePreventionOfficer) });
        await cut.Find("form[role=search]").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("Per Politi", Assert.Single(cut.FindAll("[data-testid=user-name]")).TextContent.Trim()));

        await cut.Find("#user-search-role").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "" });
        await cut.Find("#user-search-unit").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = DemoData.LarvikStation.ToString() });
        await cut.Find("form[role=search]").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("Rune Radikaliseringskontakt", Assert.Single(cut.FindAll("[data-testid=user-name]")).TextContent.Trim()));
    }

    [Fact]
    public async Task The_administrator_links_an_external_identity_sees_it_and_a_blank_id_is_refused_on_the_field()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Ekstern innlogging for Per Politi']"));
        Assert.Empty(cut.FindAll("button[aria-label='Ekstern innlogging for Anders Administrator']"));
        await cut.Find("button[aria-label='Ekstern innlogging for Per Politi']").ClickAsync();
        cut.WaitForAssertion(() => cut.Find("[data-testid=external-none]"));
        Assert.Contains("Testkatalogen", cut.Find("#external-provider").TextContent, StringComparison.Ordinal);

        await cut.Find("#external-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Ekstern ID", cut.Find("#external-errors").TextContent, StringComparison.Ordinal));

        await cut.Find("#external-subject").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "9f1c-objekt-id" });
        await cut.Find("#external-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Per Politi kan nå logge inn gjennom tjenesten.", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("Testkatalogen: 9f1c-objekt-id", cut.Find("[data-testid=external-linked]").TextContent, StringComparison.Ordinal));
    }
}
