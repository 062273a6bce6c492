using Bunit;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace CaseManagement.Tests.Web;

/// <summary>The main menu shows each role what it can use, with a skip link first.</summary>
public sealed class NavigationTests
{
    [Theory]
    [InlineData(Role.PolicePreventionOfficer, new[] { "/", "/personer", "/oppfolginger", "/samtaler", "/deltakelse", "/varsler" })]
    [InlineData(Role.PreventionCoordinator, new[] { "/", "/personer", "/oppfolginger", "/henvisninger", "/deltakelse", "/mentorprogram", "/familier", "/varsler" })]
    [InlineData(Role.CaseWorker, new[] { "/", "/personer", "/oppfolginger", "/deltakelse", "/varsler" })]
    [InlineData(Role.Mentor, new[] { "/", "/mentor" })]
    [InlineData(Role.FamilyGuide, new[] { "/", "/personer", "/oppfolginger", "/deltakelse", "/familier", "/varsler" })]
    [InlineData(Role.PrivacyOfficer, new[] { "/", "/personvern" })]
    [InlineData(Role.Administrator, new[] { "/", "/admin/brukere", "/admin/enheter", "/admin/rettsgrunnlag", "/admin/klienter" })]
    public async Task The_menu_has_the_links_of_the_roles_capabilities(Role role, string[] expected)
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var user = await context.AddUserAsync("nav-" + role, "Nav " + role, role == Role.PolicePreventionOfficer ? DemoData.SandefjordStation : DemoData.Slt, role);
        context.SignInAs(user);

        var cut = context.Bunit.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "Innhold"))));

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.FindAll("#main-navigation a").Select(a => a.GetAttribute("href")).ToArray()));
        var skip = cut.Find("a.skip-link");
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.Equal("Hopp til hovedinnhold", skip.TextContent);
    }
}
