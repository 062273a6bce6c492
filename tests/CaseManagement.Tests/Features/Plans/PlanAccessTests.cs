using CaseManagement.Application;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Plans;

/// <summary>Who reaches a plan: the team fully; a participant only with an active consent and only their own part.</summary>
public sealed class PlanAccessTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_participant_without_consent_sees_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var outsider = await h.OutsideCaseWorkerAsync();
        await h.ParticipantAsync(p, outsider, consent: false);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(outsider, new GetPlan(p.PlanId)).AsTask());

        Assert.Equal("IndividualPlan", ex.RecordKind);
        Assert.Empty(await h.SendAsync(outsider, new MyPlansAndGroups()));
        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(outsider, new FindPlanAndGroup(p.Case.FollowUpId)).AsTask());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdrawing_consent_stops_the_participants_access_at_once(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var outsider = await h.OutsideCaseWorkerAsync();
        var participant = await h.ParticipantAsync(p, outsider, consent: true);

        var seen = await h.SendAsync(outsider, new GetPlan(p.PlanId));
        Assert.Equal(participant, seen.MyParticipantId);
        Assert.False(seen.IsTeam);
        Assert.Equal(p.PlanId, Assert.Single(await h.SendAsync(outsider, new MyPlansAndGroups())).Id);

        await h.SendAsync(p.Lead, new WithdrawParticipantConsent(p.PlanId, participant));

        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(outsider, new GetPlan(p.PlanId)).AsTask());
        Assert.Empty(await h.SendAsync(outsider, new MyPlansAndGroups()));
        var withdrawn = (await h.SendAsync(p.Lead, new GetPlan(p.PlanId))).Participants.Single(x => x.Id == participant);
        Assert.False(withdrawn.ConsentActive);
        Assert.NotNull(withdrawn.ConsentWithdrawnAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_consent_gives_no_access(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var outsider = await h.OutsideCaseWorkerAsync();
        await h.ParticipantAsync(p, outsider, consent: true, validFor: TimeSpan.FromDays(1));
        await h.SendAsync(outsider, new GetPlan(p.PlanId));

        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(outsider, new GetPlan(p.PlanId)).AsTask());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_participant_edits_their_own_measure_but_not_anothers(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var outsider = await h.OutsideCaseWorkerAsync();
        var participant = await h.ParticipantAsync(p, outsider, consent: true);
        var goal = await h.GoalAsync(p, "Trygg hverdag");
        var theirs = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, goal, "Hjemmebesøk", participant, h.Today));
        var coordinators = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, goal, "Møte med NAV", p.CoordinatorParticipantId, h.Today));

        await h.SendAsync(outsider, PlanTestData.Measure(p, goal, "Hjemmebesøk hver uke", participant, h.Today) with { MeasureId = theirs, Status = MeasureStatus.InProgress });
        await h.SendAsync(outsider, new AddMeasureNote(p.PlanId, theirs, "Første besøk gikk fint."));

        var refused = new Func<Task>[]
        {
            () => h.SendAsync(outsider, PlanTestData.Measure(p, goal, "Overtatt", p.CoordinatorParticipantId, h.Today) with { MeasureId = coordinators }).AsTask(),
            () => h.SendAsync(outsider, PlanTestData.Measure(p, goal, "Gitt bort", p.CoordinatorParticipantId, h.Today) with { MeasureId = theirs }).AsTask(),
            () => h.SendAsync(outsider, new AddMeasureNote(p.PlanId, coordinators, "Notat på andres tiltak")).AsTask(),
        };
        foreach (var attempt in refused)
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(attempt);
            Assert.Equal(Messages.Plan_NotYourMeasure, ex.Message);
        }

        // The whole plan is the coordinator's: goals, participants, approval.
        await Assert.ThrowsAsync<ForbiddenException>(() => h.SendAsync(outsider, new SavePlanGoal(p.PlanId, "Eget mål")).AsTask());
        await Assert.ThrowsAsync<ForbiddenException>(() => h.SendAsync(outsider, new ApprovePlanVersion(p.PlanId, "AAAAAAAAAAA=")).AsTask());

        var view = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal("Hjemmebesøk hver uke", view.Measures.Single(m => m.Id == theirs).Description);
        Assert.Equal("Møte med NAV", view.Measures.Single(m => m.Id == coordinators).Description);
        Assert.Equal("Første besøk gikk fint.", Assert.Single(view.Measures.Single(m => m.Id == theirs).Notes).Text);
        Assert.Empty(view.Measures.Single(m => m.Id == coordinators).Notes);
        var asParticipant = await h.SendAsync(outsider, new GetPlan(p.PlanId));
        Assert.True(asParticipant.Measures.Single(m => m.Id == theirs).CanEdit);
        Assert.False(asParticipant.Measures.Single(m => m.Id == coordinators).CanEdit);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_the_plan_is_disclosed_to_reads_it_without_notes_and_cannot_write(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var goal = await h.GoalAsync(p, "Mål");
        var measure = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, goal, "Tiltak", p.CoordinatorParticipantId, h.Today));
        await h.SendAsync(p.Lead, new AddMeasureNote(p.PlanId, measure, "Internt notat"));
        // Disclosures go across agencies: here to the police station, of the plan only.
        await h.ConsentAndDiscloseAsync(p.Case, DemoData.SandefjordStation, RecordKinds.IndividualPlan);
        var reader = await h.PoliceOfficerAsync();

        var view = await h.SendAsync(reader, new GetPlan(p.PlanId));

        Assert.Empty(view.Measures.Single().Notes);
        Assert.All(view.Participants, x => Assert.Null(x.ConsentScope));
        Assert.False(view.CanCoordinate);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.SendAsync(reader, new SavePlanGoal(p.PlanId, "Mål 2")).AsTask());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_change_is_audited_and_the_persons_words_are_encrypted(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var before = (await h.ReadAsync(db => db.AuditEvents.Select(e => e.Id).ToListAsync(Ct))).ToHashSet();
        var p = await h.PlanCaseAsync();
        var goal = await h.GoalAsync(p, "Mål");
        var measure = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, goal, "Tiltak", p.CoordinatorParticipantId, h.Today));
        await h.SendAsync(p.Lead, PlanTestData.Measure(p, goal, "Tiltak endret", p.CoordinatorParticipantId, h.Today) with { MeasureId = measure });
        await h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, await h.PlanVersionTokenAsync(p)));

        var events = (await h.ReadAsync(db => db.AuditEvents.AsNoTracking().ToListAsync(Ct))).Where(e => !before.Contains(e.Id)).ToList();
        var byMessage = events.GroupBy(e => e.MessageName).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Changes).ToList());
        Assert.Superset(new HashSet<string> { "CreatePlan", "SavePlanGoal", "SavePlanMeasure", "ApprovePlanVersion" }, byMessage.Keys.ToHashSet());
        var goals = byMessage["CreatePlan"].Single(c => c.EntityType == nameof(IndividualPlan) && c.Field == "PersonGoals");
        Assert.True(goals.IsEncrypted);
        Assert.Equal(p.Case.PersonId, goals.PersonId);
        var description = byMessage["SavePlanMeasure"].Where(c => c.EntityType == nameof(PlanMeasure) && c.Field == "Description" && c.Operation == AuditOperation.Update);
        Assert.True(Assert.Single(description).IsEncrypted);
        Assert.Contains(byMessage["ApprovePlanVersion"], c => c.EntityType == nameof(PlanVersion) && c.Field == "Snapshot" && c.IsEncrypted);
        Assert.Contains(byMessage["ApprovePlanVersion"], c => c.EntityType == nameof(IndividualPlan) && c.Field == "Status" && c.NewValue == "Approved");
    }
}

/// <summary>The plan's and group's share of the person timeline, filtered by the grants the timeline hands over.</summary>
public sealed class PlanTimelineTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Versions_evaluations_and_meetings_show_only_for_grants_covering_their_kind(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        await h.GoalAsync(p, "Mål");
        await h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, await h.PlanVersionTokenAsync(p)));
        await h.SendAsync(p.Lead, new RecordPlanEvaluation(p.PlanId, h.Today, "Evaluert", h.Today.AddMonths(2)));
        var group = await h.SendAsync(p.Lead, new Application.Features.Groups.StartGroup(p.Case.FollowUpId, p.Lead, true, ConsentGiver.Person, h.Today));
        await h.SendAsync(p.Lead, new Application.Features.Groups.ScheduleMeeting(group.Id, h.Clock.GetUtcNow().AddDays(7), "Oppstart"));

        var team = await EventsAsync(h, p.Lead, p);
        Assert.Equal(
            [Application.WorkSurfaces.TimelineKind.PlanVersion, Application.WorkSurfaces.TimelineKind.PlanEvaluation, Application.WorkSurfaces.TimelineKind.GroupMeeting],
            team.Select(e => e.Kind).Order());
        Assert.Contains(team, e => e.Link == $"/planer/{p.PlanId}" && e.Title.Contains('1', StringComparison.Ordinal));

        // A police unit the plan (only) is disclosed to sees the plan's events, not the group's.
        await h.ConsentAndDiscloseAsync(p.Case, DemoData.SandefjordStation, RecordKinds.IndividualPlan);
        var reader = await h.PoliceOfficerAsync();
        var disclosed = await EventsAsync(h, reader, p);
        Assert.Equal(2, disclosed.Count);
        Assert.DoesNotContain(disclosed, e => e.Kind == Application.WorkSurfaces.TimelineKind.GroupMeeting);
    }

    private static async Task<IReadOnlyList<Application.WorkSurfaces.TimelineEvent>> EventsAsync(CaseHarness h, Guid userId, PlanCase p)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var user = await UserContextLoader.LoadAsync(db, userId, Ct) ?? throw new InvalidOperationException("No such user.");
        var now = h.Clock.GetUtcNow();
        var grant = await Application.Access.AccessDecision.DecideAsync(db, user, p.Case.FollowUpId, now, Ct);
        var scopeOfTimeline = new Application.WorkSurfaces.TimelineScope(p.Case.PersonId, user, now, grant is null ? [] : [grant]);
        var events = new List<Application.WorkSurfaces.TimelineEvent>();
        // The plan and group source only: the other record kinds' sources add their own events (the follow-up opened).
        foreach (var source in scope.ServiceProvider.GetServices<Application.WorkSurfaces.ITimelineSource>().OfType<Application.Features.Plans.PlanAndGroupTimeline>())
        {
            events.AddRange(await source.ForPersonAsync(db, scopeOfTimeline, Ct));
        }

        return events;
    }
}
