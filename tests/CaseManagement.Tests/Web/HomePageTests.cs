using Bunit;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages;

namespace CaseManagement.Tests.Web;

/// <summary>The home page ("Mine oppgaver") rendered by bUnit against the real pipeline and a real SQLite database.</summary>
public sealed class HomePageTests
{
    [Fact]
    public async Task The_lead_sees_the_expiring_consent_as_a_link_to_the_follow_up_with_the_strip_and_a_filter_chip()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Ola", "Nordmann");
        var now = DateTimeOffset.UtcNow;
        await context.SendAsync(context.PoliceLead, new RecordConsent(
            followUpId, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp, "Samarbeid", ConsentMethod.Written, now.AddMinutes(-1), now.AddDays(10)));

        var cut = context.Bunit.Render<Home>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=due-item]")));
        var link = cut.Find("[data-testid=due-item] a");
        Assert.Equal($"/oppfolginger/{followUpId}", link.GetAttribute("href"));
        Assert.Contains("Samtykket til", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ola Nordmann", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("Viser 1 av 1 oppgaver.", cut.Find("[data-testid=due-status]").TextContent, StringComparison.Ordinal);
        // The strip is a picture with a text alternative, and its counts are written out too.
        var strip = cut.Find("[data-testid=due-strip] [role=img]");
        Assert.Equal("Fristoversikt: 0 forfalt, 0 i dag, 0 denne uken, 1 senere.", strip.GetAttribute("aria-label"));
        Assert.Contains("Senere: 1", cut.Find("[data-testid=due-band-later]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Samtykke utløper (1)", cut.Find("[data-testid=due-filter-ConsentExpiring]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_a_kind_chip_marks_it_pressed_and_lists_that_kind()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (_, followUpId) = await context.OpenFollowUpAsync("Kari", "Nordmann");
        var now = DateTimeOffset.UtcNow;
        await context.SendAsync(context.PoliceLead, new RecordConsent(
            followUpId, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp, "Samarbeid", ConsentMethod.Written, now.AddMinutes(-1), now.AddDays(3)));
        var cut = context.Bunit.Render<Home>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=due-item]")));

        cut.Find("[data-testid=due-filter-ConsentExpiring]").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=due-filter-ConsentExpiring]").GetAttribute("aria-pressed")));
        Assert.Single(cut.FindAll("[data-testid=due-item]"));
    }

    [Fact]
    public async Task The_privacy_officer_gets_their_tools_instead_of_tasks()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var officer = await context.AddUserAsync("personvern-test", "Pia Personvern", DemoData.Slt, Role.PrivacyOfficer);
        context.SignInAs(officer);

        var cut = context.Bunit.Render<Home>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#home-no-case-work")));
        Assert.Empty(cut.FindAll("[data-testid=due-item]"));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/personvern");
    }
}
