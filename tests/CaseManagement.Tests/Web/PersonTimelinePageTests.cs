using Bunit;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Components.Pages.Persons;

namespace CaseManagement.Tests.Web;

/// <summary>The person timeline page rendered by bUnit against the real pipeline and a real SQLite database.</summary>
public sealed class PersonTimelinePageTests
{
    [Fact]
    public async Task The_lead_sees_the_events_grouped_by_month_with_links_and_kind_chips()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (personId, followUpId) = await context.OpenFollowUpAsync("Ola", "Tidslinje");
        var now = DateTimeOffset.UtcNow;
        await context.SendAsync(context.PoliceLead, new RecordConsent(
            followUpId, ConsentGiver.Person, DemoData.Nav, RecordKinds.FollowUp, "Samarbeid", ConsentMethod.Written, now.AddMinutes(-1), now.AddDays(10)));

        var cut = context.Bunit.Render<PersonTimelinePage>(p => p.Add(x => x.Id, personId));

        cut.WaitForAssertion(() => Assert.Equal("Tidslinje for Ola Tidslinje", cut.Find("h1").TextContent));
        var events = cut.FindAll("[data-testid=timeline-event]");
        Assert.Equal(2, events.Count);
        Assert.All(cut.FindAll("[data-testid=timeline-event] a"), a => Assert.Equal($"/oppfolginger/{followUpId}", a.GetAttribute("href")));
        Assert.Contains(cut.FindAll("section h2"), h => h.TextContent.Contains(now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains("Viser 2 av 2 hendelser.", cut.Find("[data-testid=timeline-status]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=timeline-filter-Consent]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=timeline-event]")));
        Assert.Equal("true", cut.Find("[data-testid=timeline-filter-Consent]").GetAttribute("aria-pressed"));
        Assert.Contains("Samtykke registrert til", cut.Find("[data-testid=timeline-event] a").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_person_and_an_unknown_id_render_the_same_page()
    {
        await using var context = await FollowUpPagesContext.CreateAsync();
        var (personId, _) = await context.OpenFollowUpAsync("Skjult", "Person");
        var otherStation = await context.AddUserAsync("politi2-test", "Pål Politi", DemoData.LarvikStation, Role.PolicePreventionOfficer);
        context.SignInAs(otherStation);

        var hidden = context.Bunit.Render<PersonTimelinePage>(p => p.Add(x => x.Id, personId));
        hidden.WaitForAssertion(() => Assert.NotNull(hidden.Find("[data-testid=timeline-none]")));
        var unknown = context.Bunit.Render<PersonTimelinePage>(p => p.Add(x => x.Id, Guid.CreateVersion7()));
        unknown.WaitForAssertion(() => Assert.NotNull(unknown.Find("[data-testid=timeline-none]")));

        // Event handler ids differ between two renders; everything else must be the same.
        static string Normal(string markup) => System.Text.RegularExpressions.Regex.Replace(markup, "blazor:[A-Za-z]+=\"[^\"]*\"", "");
        Assert.Equal(Normal(unknown.Markup), Normal(hidden.Markup));
        Assert.DoesNotContain("Skjult", hidden.Markup, StringComparison.Ordinal);
    }
}
