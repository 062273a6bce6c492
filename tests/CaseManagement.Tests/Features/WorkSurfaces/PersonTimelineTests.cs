using System.Security.Claims;
using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.WorkSurfaces;

/// <summary>
/// The person timeline: the events of every follow-up the user reaches, filters, the access log, and the leak tests
/// (a hidden follow-up or record adds no event and no count; a person with nothing visible answers as an unknown id).
/// </summary>
public sealed class PersonTimelineTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_lead_sees_opened_consent_and_disclosure_events_newest_first_with_links(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var (consent, disclosure) = await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);

        var timeline = await h.SendAsync(lead, new GetPersonTimeline(c.PersonId));

        Assert.Equal(3, timeline.TotalCount);
        Assert.Equal(c.PersonId, timeline.PersonId);
        Assert.Contains(c.FamilyName, timeline.PersonName, StringComparison.Ordinal);
        Assert.Equal(TimelineKind.FollowUpOpened, timeline.Events[^1].Kind);
        Assert.StartsWith("Oppfølging åpnet hos ", timeline.Events[^1].Title, StringComparison.Ordinal);
        Assert.Contains(timeline.Events, e => e.Kind == TimelineKind.Consent && e.SourceId == consent);
        Assert.Contains(timeline.Events, e => e.Kind == TimelineKind.Disclosure && e.SourceId == disclosure);
        Assert.All(timeline.Events, e => Assert.Equal($"/oppfolginger/{c.FollowUpId}", e.Link));
        Assert.True(timeline.Events.Zip(timeline.Events.Skip(1)).All(p => p.First.When >= p.Second.When));
        Assert.Equal(AccessBasis.TeamMember, Assert.Single(timeline.FollowUps).Basis);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_follow_up_of_the_same_person_led_by_a_colleague_adds_no_event_and_no_count(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var colleague = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var version = (await h.SendAsync(lead, new GetFollowUp(c.FollowUpId))).Version;
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.SendAsync(lead, new CloseFollowUp(c.FollowUpId, version, CloseReason.GoalsReached, "Mål nådd."));
        h.Clock.Advance(TimeSpan.FromDays(1));
        var hidden = await h.SendAsync(colleague, new OpenFollowUp(c.PersonId, ConcernSource.Family));
        var hiddenCase = c with { Lead = colleague, FollowUpId = hidden.Id };
        await h.ConsentAndDiscloseAsync(hiddenCase, AccessTestData.MunicipalUnit);

        var timeline = await h.SendAsync(lead, new GetPersonTimeline(c.PersonId));

        Assert.Equal([TimelineKind.FollowUpClosed, TimelineKind.FollowUpOpened], timeline.Events.Select(e => e.Kind));
        Assert.All(timeline.Events, e => Assert.Equal(c.FollowUpId, e.FollowUpId));
        Assert.Equal(2, timeline.TotalCount);
        Assert.Equal(2, timeline.CountsByKind.Values.Sum());
        Assert.Equal([c.FollowUpId], timeline.FollowUps.Select(f => f.Id));

        // The colleague, in turn, sees only their own follow-up.
        var theirs = await h.SendAsync(colleague, new GetPersonTimeline(c.PersonId));
        Assert.All(theirs.Events, e => Assert.Equal(hidden.Id, e.FollowUpId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reader_through_a_disclosure_sees_the_follow_up_but_not_the_teams_consents_and_disclosures(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit, RecordKinds.FollowUp | RecordKinds.Conversations);
        var reader = await h.MunicipalCaseWorkerAsync();

        var timeline = await h.SendAsync(reader, new GetPersonTimeline(c.PersonId));

        Assert.Equal(TimelineKind.FollowUpOpened, Assert.Single(timeline.Events).Kind);
        Assert.Equal(1, timeline.TotalCount);
        Assert.Equal(1, Assert.Single(timeline.CountsByKind).Value);
        Assert.Equal(AccessBasis.Disclosure, Assert.Single(timeline.FollowUps).Basis);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hidden_persons_answer_exactly_like_an_unknown_id(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var otherAgency = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var municipal = await h.MunicipalCaseWorkerAsync();
        var otherKindsReader = await h.MunicipalCaseWorkerAsync(AccessTestData.OtherMunicipalUnit);
        var c = await h.OpenCaseAsync(lead);
        await h.DiscloseOnLegalBasisAsync(c, AccessTestData.OtherMunicipalUnit, "prl-24", RecordKinds.IndividualPlan);
        await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);

        var unknown = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(lead, new GetPersonTimeline(Guid.CreateVersion7())));
        // Another unit of the same agency, not on the team; a disclosure of another kind only; and, after the
        // disclosure has run out, the unit it was made to.
        var sameAgency = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherAgency, new GetPersonTimeline(c.PersonId)));
        var otherKinds = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherKindsReader, new GetPersonTimeline(c.PersonId)));
        Assert.Single((await h.SendAsync(municipal, new GetPersonTimeline(c.PersonId))).Events);
        h.Clock.Advance(TimeSpan.FromDays(91));
        var expired = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new GetPersonTimeline(c.PersonId)));

        foreach (var ex in new[] { sameAgency, otherKinds, expired })
        {
            Assert.Equal(unknown.Message, ex.Message);
            Assert.Equal(unknown.RecordKind, ex.RecordKind);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Events_of_a_section_the_grant_lacks_or_of_a_follow_up_not_reached_are_dropped_and_not_counted(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit, RecordKinds.FollowUp | RecordKinds.Conversations);
        var reader = await h.MunicipalCaseWorkerAsync();
        var now = h.Clock.GetUtcNow();
        var conversation = new TimelineEvent(now, TimelineKind.Conversation, RecordKinds.Conversations, "Samtale", c.FollowUpId, "/x", Guid.CreateVersion7());
        var plan = new TimelineEvent(now, TimelineKind.PlanVersion, RecordKinds.IndividualPlan, "Plan", c.FollowUpId, "/x", Guid.CreateVersion7());
        var elsewhere = new TimelineEvent(now, TimelineKind.Conversation, RecordKinds.Conversations, "Annen", Guid.CreateVersion7(), "/x", Guid.CreateVersion7());

        var timeline = await HandleWithSourcesAsync(h, reader, AccessTestData.MunicipalUnit, DemoData.Municipality, AgencyKind.Municipality,
            [new FixedSource([conversation, plan, elsewhere])], new GetPersonTimeline(c.PersonId));

        Assert.Equal([conversation.SourceId], timeline.Events.Select(e => e.SourceId));
        Assert.Equal(1, timeline.TotalCount);
        Assert.Equal(new Dictionary<TimelineKind, int> { [TimelineKind.Conversation] = 1 }, timeline.CountsByKind);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Kind_and_period_filters_use_Oslo_days_and_keep_the_counts_of_the_period(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var openedDay = OsloTime.DateOf(h.Clock.GetUtcNow());
        h.Clock.Advance(TimeSpan.FromDays(3));
        var (consent, _) = await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);

        var consentsOnly = await h.SendAsync(lead, new GetPersonTimeline(c.PersonId, Kinds: [TimelineKind.Consent]));
        var openingDay = await h.SendAsync(lead, new GetPersonTimeline(c.PersonId, From: openedDay, To: openedDay));
        var later = await h.SendAsync(lead, new GetPersonTimeline(c.PersonId, From: openedDay.AddDays(1)));

        Assert.Equal([consent], consentsOnly.Events.Select(e => e.SourceId));
        Assert.Equal(3, consentsOnly.CountsByKind.Values.Sum());
        Assert.Equal([TimelineKind.FollowUpOpened], openingDay.Events.Select(e => e.Kind));
        Assert.Equal(2, later.TotalCount);
        Assert.DoesNotContain(later.Events, e => e.Kind == TimelineKind.FollowUpOpened);
        await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(lead, new GetPersonTimeline(c.PersonId, From: openedDay, To: openedDay.AddDays(-1))));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reading_the_timeline_logs_one_read_per_follow_up_with_its_purpose(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);
        var reader = await h.MunicipalCaseWorkerAsync();

        await h.SendAsync(lead, new GetPersonTimeline(c.PersonId));
        await h.SendAsync(reader, new GetPersonTimeline(c.PersonId));

        var entries = await h.WithDbAsync(db => db.AccessLog.AsNoTracking()
            .Where(e => e.Section == "Timeline" && e.PersonId == c.PersonId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, entries.Count);
        Assert.Equal(AccessPurpose.NormalWork, Assert.Single(entries, e => e.UserId == lead).Purpose);
        Assert.Equal(AccessPurpose.Disclosure, Assert.Single(entries, e => e.UserId == reader).Purpose);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_grants_for_a_person_are_those_of_the_one_follow_up_decision(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit, RecordKinds.FollowUp | RecordKinds.Conversations);
        await h.DiscloseOnLegalBasisAsync(c, AccessTestData.OtherMunicipalUnit, "prl-24", RecordKinds.IndividualPlan);
        var users = new (Guid Id, Guid Unit, Guid Agency, AgencyKind Kind)[]
        {
            (lead, AccessTestData.PoliceUnit, DemoData.PoliceDistrict, AgencyKind.Police),
            (await h.PoliceOfficerAsync(), AccessTestData.PoliceUnit, DemoData.PoliceDistrict, AgencyKind.Police),
            (await h.MunicipalCaseWorkerAsync(), AccessTestData.MunicipalUnit, DemoData.Municipality, AgencyKind.Municipality),
            (await h.MunicipalCaseWorkerAsync(AccessTestData.OtherMunicipalUnit), AccessTestData.OtherMunicipalUnit, DemoData.Municipality, AgencyKind.Municipality),
        };

        foreach (var u in users)
        {
            var user = new UserContext(u.Id, "Test", u.Unit, u.Agency, u.Kind, new HashSet<Role> { Role.CaseWorker });
            var now = h.Clock.GetUtcNow();
            var one = await h.WithDbAsync(db => AccessDecision.DecideAsync(db, user, c.FollowUpId, now, TestContext.Current.CancellationToken));
            var all = await h.WithDbAsync(db => AccessDecision.DecideForPersonAsync(db, user, c.PersonId, now, TestContext.Current.CancellationToken));
            Assert.Equal(one is null ? [] : [one], all);
        }
    }

    private static async Task<PersonTimeline> HandleWithSourcesAsync(
        CaseHarness h, Guid userId, Guid unitId, Guid agencyId, AgencyKind kind, ITimelineSource[] sources, GetPersonTimeline query)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        current.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "Test")));
        current.Context = new UserContext(userId, "Test", unitId, agencyId, kind, new HashSet<Role> { Role.CaseWorker });
        var handler = new GetPersonTimelineHandler(db, current, h.Clock, scope.ServiceProvider.GetRequiredService<AccessLogger>(), sources);
        return await handler.Handle(query, TestContext.Current.CancellationToken);
    }

    private sealed class FixedSource(IReadOnlyList<TimelineEvent> events) : ITimelineSource
    {
        public Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct) => Task.FromResult(events);
    }
}
