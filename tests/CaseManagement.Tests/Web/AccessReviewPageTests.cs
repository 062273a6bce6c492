using Bunit;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Recertification;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages;
using CaseManagement.Web.Components.Pages.Recertification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Web;

/// <summary>The recertification page and the home-page notice (ADR-030) on the real pipeline.</summary>
public sealed class AccessReviewPageTests
{
    [Fact]
    public async Task A_user_who_leads_no_unit_is_told_so_and_sees_no_list()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();

        var cut = context.Bunit.Render<AccessReviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("Bare enhetsledere og administratorer", cut.Find("[data-testid=recert-forbidden]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("[data-testid=recert-forbidden]").GetAttribute("role"));
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public async Task The_leader_sees_the_unit_s_users_with_their_roles_and_confirms_one()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        var colleague = await context.AddUserAsync("kollega-test", "Kari Kollega", DemoData.SandefjordStation, Role.RadicalisationContact);
        await context.AddUserAsync("larvik-test", "Lars Larvik", DemoData.LarvikStation, Role.PolicePreventionOfficer);
        await context.SendAsync(admin, new SetUnitLeader(context.PoliceLead, true));

        var cut = context.Bunit.Render<AccessReviewPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=recert-row]")));
        Assert.Contains("Du er leder for Sandefjord politistasjon.", cut.Find("#recert-intro").TextContent, StringComparison.Ordinal);
        var row = cut.Find("[data-testid=recert-row]");
        Assert.Contains("Kari Kollega", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Radikaliseringskontakt", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ikke bekreftet for disse rollene", row.QuerySelector("[data-testid=recert-last]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Lars Larvik", cut.Markup, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("caption"));

        await cut.Find("button[aria-label='Bekreft tilgangen til Kari Kollega']").ClickAsync();

        cut.WaitForAssertion(() => Assert.Contains("Tilgangen til Kari Kollega er bekreftet.", cut.Find("[data-testid=recert-done]").TextContent, StringComparison.Ordinal));
        Assert.Contains("av Per Politi", cut.Find("[data-testid=recert-last]").TextContent, StringComparison.Ordinal);
        var list = await context.SendAsync(context.PoliceLead, new ListAccessToConfirm());
        Assert.True(list.Users.Single(u => u.UserId == colleague).Confirmed);
    }

    [Fact]
    public async Task The_administrator_s_home_page_names_a_user_falling_due_and_links_to_the_page()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var admin = await context.AddUserAsync("admin-test", "Anders Administrator", DemoData.PoliceAdministration, Role.Administrator);
        var leader = await context.AddUserAsync("leder-test", "Lea Leder", DemoData.SandefjordStation, Role.RadicalisationContact);
        await context.SendAsync(admin, new SetUnitLeader(leader, true));
        await using (var scope = context.Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            var started = TimeProvider.System.GetUtcNow().AddMonths(-RecertificationPolicy.Default.PeriodMonths).AddDays(5);
            db.AccessReviews.Add(AccessReview.PeriodStarted(Guid.CreateVersion7(), context.PoliceLead, DemoData.SandefjordStation, [Role.PolicePreventionOfficer], started));
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        context.SignInAs(admin);
        var cut = context.Bunit.Render<Home>();

        cut.WaitForAssertion(() => Assert.Contains("Per Politi (Sandefjord politistasjon)", cut.Find("[data-testid=recert-notice-item]").TextContent, StringComparison.Ordinal));
        Assert.Contains("enhetslederen bekrefter", cut.Find("[data-testid=recert-notice-item]").TextContent, StringComparison.Ordinal);
        Assert.Equal(AccessReviewPage.Route, cut.Find("[data-testid=recert-notice-link]").GetAttribute("href"));

        // A case worker who leads nothing gets no notice at all.
        context.SignInAs(context.PoliceLead);
        var plain = context.Bunit.Render<Home>();
        plain.WaitForAssertion(() => Assert.NotNull(plain.Find("[data-testid=due-status]")));
        Assert.Empty(plain.FindAll("[data-testid=recert-notice]"));
        Assert.Empty(plain.FindAll("[data-testid=recert-link]"));

        // The unit's leader gets the same user as theirs to confirm.
        context.SignInAs(leader);
        var leaders = context.Bunit.Render<Home>();
        leaders.WaitForAssertion(() => Assert.Contains("Per Politi", leaders.Find("[data-testid=recert-notice-item]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("enhetslederen bekrefter", leaders.Find("[data-testid=recert-notice-item]").TextContent, StringComparison.Ordinal);

        // The administrator of the other agency hears nothing of it, and (nothing due there) gets only the way to the page.
        var municipalAdmin = await context.AddUserAsync("kommuneadmin-test", "Kristin Kommune", DemoData.MunicipalAdministration, Role.Administrator);
        context.SignInAs(municipalAdmin);
        var other = context.Bunit.Render<Home>();
        other.WaitForAssertion(() => Assert.Equal(AccessReviewPage.Route, other.Find("[data-testid=recert-link]").GetAttribute("href")));
        Assert.Empty(other.FindAll("[data-testid=recert-notice]"));
    }
}
