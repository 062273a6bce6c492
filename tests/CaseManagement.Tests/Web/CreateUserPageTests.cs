using Bunit;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Administration;
using Microsoft.AspNetCore.Components;

namespace CaseManagement.Tests.Web;

/// <summary>/admin/brukere/ny on the real pipeline (ADR-026): errors on their fields, then the activation link once.</summary>
public sealed class CreateUserPageTests
{
    [Fact]
    public async Task The_administrator_is_told_what_is_wrong_on_each_field_then_sees_the_activation_link_once()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);

        var cut = context.Bunit.Render<CreateUserPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#new-user-unit option")));
        Assert.Single(cut.FindAll("h1"));
        Assert.NotNull(cut.Find("label[for=new-user-unit]"));

        await cut.Find("#new-user-name").ChangeAsync(new ChangeEventArgs { Value = "ny\u200Bbruker" });
        await cut.Find("#new-user-form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#new-user-name").GetAttribute("aria-invalid")));
        Assert.Contains("usynlige tegn", cut.Find("#new-user-errors").TextContent, StringComparison.Ordinal);
        Assert.Contains("Oppgi jobb-e-postadressen", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#new-user-unit").GetAttribute("aria-invalid"));
        Assert.Equal("new-user-unit-error", cut.Find("#new-user-unit").GetAttribute("aria-describedby"));

        await cut.Find("#new-user-name").ChangeAsync(new ChangeEventArgs { Value = "nina.ny" });
        await cut.Find("#new-user-display-name").ChangeAsync(new ChangeEventArgs { Value = "Nina Ny" });
        await cut.Find("#new-user-email").ChangeAsync(new ChangeEventArgs { Value = "nina.ny@politiet.test" });
        await cut.Find("#new-user-unit").ChangeAsync(new ChangeEventArgs { Value = DemoData.SandefjordStation.ToString() });
        await cut.FindAll("label.mud-checkbox").Single(l => l.TextContent.Trim() == "Forebyggende politi").QuerySelector("input")!
            .ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("#new-user-form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("/aktiver/", cut.Find("#activation-link").TextContent, StringComparison.Ordinal));
        var user = Assert.Single((await context.SendAsync(admin, new ListUsers("nina.ny"))).Items);
        Assert.Equal((DemoData.SandefjordStation, Role.PolicePreventionOfficer), (user.UnitId, Assert.Single(user.Roles)));
    }

    [Fact]
    public async Task The_user_list_shows_an_invited_user_and_the_administrator_resends_the_link_once_then_revokes_it()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        context.SignInAs(admin);
        var created = await context.SendAsync(admin, new CreateUser("ida.invitert", "Ida Invitert", DemoData.SandefjordStation, [Role.PolicePreventionOfficer], "ida@politiet.test"));

        var cut = context.Bunit.Render<UserAdminPage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Ny aktiveringslenke for Ida Invitert']"));
        var row = cut.FindAll("[data-testid=user-row]").Single(r => r.TextContent.Contains("ida.invitert", StringComparison.Ordinal));
        Assert.Equal("Invitert, ikke aktivert", row.QuerySelector("[data-testid=user-state]")!.TextContent.Trim());

        await cut.Find("button[aria-label='Ny aktiveringslenke for Ida Invitert']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("/aktiver/", cut.Find("#resent-link").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(created.Invitation.ActivationToken, cut.Find("#resent-link").TextContent, StringComparison.Ordinal);

        await cut.Find("button[aria-label='Trekk tilbake aktiveringslenken til Ida Invitert']").ClickAsync();
        cut.WaitForAssertion(() => Assert.Contains("er trukket tilbake", cut.Find("[data-testid=admin-done]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#resent-link"));
    }
}
