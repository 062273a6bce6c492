using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Plans;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Plans;

/// <summary>The plan from creation through two approved versions, the rules on its content, and one plan per person.</summary>
public sealed class PlanWorkflowTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_goals_three_measures_version_1_then_a_revised_measure_in_version_2_shows_the_difference(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var school = await h.GoalAsync(p, "Fullføre videregående skole");
        var work = await h.GoalAsync(p, "Få en deltidsjobb");
        var sub = await h.GoalAsync(p, "Møte på skolen hver dag", school);
        var m1 = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, school, "Leksehjelp to dager i uka", p.CoordinatorParticipantId, h.Today));
        await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, sub, "Vekking og oppfølging om morgenen", p.PersonParticipantId, h.Today));
        await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, work, "Praksisplass gjennom NAV", p.CoordinatorParticipantId, h.Today.AddDays(30)));

        var v1 = await h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, await h.PlanVersionTokenAsync(p)));
        Assert.Equal(1, v1.Number);
        var approved = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal(PlanStatus.Approved, approved.Status);
        Assert.Empty(approved.ChangesSinceLastVersion);
        Assert.Equal(3, approved.Goals.Count);
        Assert.Equal(3, approved.Measures.Count);

        await h.SendAsync(p.Lead, new StartPlanRevision(p.PlanId));
        var before = approved.Measures.Single(m => m.Id == m1);
        await h.SendAsync(p.Lead, PlanTestData.Measure(p, school, "Leksehjelp tre dager i uka", p.CoordinatorParticipantId, h.Today, days: 90)
            with { MeasureId = m1, Status = MeasureStatus.InProgress });

        var draft = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal(PlanStatus.Draft, draft.Status);
        var changed = draft.ChangesSinceLastVersion.Where(c => c.ItemId == m1).ToDictionary(c => c.Field!);
        Assert.Equal(["Description", "EndOn", "Status"], changed.Keys.Order(StringComparer.Ordinal));
        Assert.All(changed.Values, c => Assert.Equal(PlanChangeKind.Changed, c.Kind));
        Assert.Equal(("Leksehjelp to dager i uka", "Leksehjelp tre dager i uka"), (changed["Description"].OldValue, changed["Description"].NewValue));
        Assert.Equal(before.EndOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), changed["EndOn"].OldValue);
        Assert.Equal(("Planned", "InProgress"), (changed["Status"].OldValue, changed["Status"].NewValue));
        Assert.Equal(3, draft.ChangesSinceLastVersion.Count);

        var v2 = await h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, draft.Version));
        Assert.Equal(2, v2.Number);
        var after = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal([1, 2], after.Versions.Select(v => v.Number));
        Assert.Equal(3, after.Versions[1].ChangesFromPrevious.Count);

        // Version 1 is unchanged: its snapshot still holds the old measure.
        var snapshot = await h.ReadAsync(db => db.PlanVersions.AsNoTracking().SingleAsync(v => v.PlanId == p.PlanId && v.Number == 1, Ct));
        Assert.Contains("Leksehjelp to dager i uka", PlanSnapshot.FromJson(snapshot.Snapshot).Measures.Select(m => m.Description));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_approved_version_cannot_be_changed_and_nothing_is_stored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var goal = await h.GoalAsync(p, "Bo for seg selv");
        var measure = await h.MeasureAsync(p.Lead, PlanTestData.Measure(p, goal, "Finne leilighet", p.CoordinatorParticipantId, h.Today));
        await h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, await h.PlanVersionTokenAsync(p)));
        var version = await h.PlanVersionTokenAsync(p);

        var edits = new Func<Task>[]
        {
            () => h.SendAsync(p.Lead, PlanTestData.Measure(p, goal, "Endret", p.CoordinatorParticipantId, h.Today) with { MeasureId = measure }).AsTask(),
            () => h.SendAsync(p.Lead, new SavePlanGoal(p.PlanId, "Nytt mål")).AsTask(),
            () => h.SendAsync(p.Lead, new UpdatePlan(p.PlanId, version, p.Lead, "Nye ord", h.Today, h.Today.AddMonths(6), h.Today.AddMonths(1))).AsTask(),
            () => h.SendAsync(p.Lead, new ApprovePlanVersion(p.PlanId, version)).AsTask(),
        };
        foreach (var edit in edits)
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(edit);
            Assert.Equal(Messages.Plan_ApprovedReadOnly, ex.Message);
        }

        var view = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal("Finne leilighet", view.Measures.Single().Description);
        Assert.Single(view.Goals);
        Assert.Single(view.Versions);
        Assert.Equal(version, view.Version);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_plan_for_the_same_person_is_refused_even_from_a_later_follow_up(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        // The first follow-up is closed and a new one opened for the same person: the plan follows the person.
        var followUp = await h.SendAsync(p.Lead, new GetFollowUp(p.Case.FollowUpId));
        await h.SendAsync(p.Lead, new CloseFollowUp(p.Case.FollowUpId, followUp.Version, CloseReason.TransferredToOtherService));
        var later = await h.SendAsync(p.Lead, new OpenFollowUp(p.Case.PersonId, ConcernSource.OtherAgency));

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => h.SendAsync(p.Lead, PlanTestData.NewPlan(later.Id, p.Lead, h.Today)).AsTask());

        Assert.Equal(Messages.Plan_OnePerPerson, ex.Message);
        Assert.Equal(1, await h.ReadAsync(db => db.IndividualPlans.CountAsync(x => x.PersonId == p.Case.PersonId, Ct)));
        var summary = await h.SendAsync(p.Lead, new FindPlanAndGroup(later.Id));
        Assert.True(summary.PlanElsewhere);
        Assert.Null(summary.PlanId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_simultaneous_attempts_give_one_plan_and_one_clear_refusal(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(lead);
        var colleague = await h.MunicipalCaseWorkerAsync();
        await h.SendAsync(lead, new AddTeamMember(c.FollowUpId, colleague, TeamRole.Member));

        // Two team members press "create" at the same moment.
        var attempts = await Task.WhenAll(
            Attempt(() => h.SendAsync(lead, PlanTestData.NewPlan(c.FollowUpId, lead, h.Today)).AsTask()),
            Attempt(() => h.SendAsync(colleague, PlanTestData.NewPlan(c.FollowUpId, colleague, h.Today)).AsTask()));

        Assert.Single(attempts, a => a is null);
        var refusal = Assert.IsType<RuleViolationException>(Assert.Single(attempts, a => a is not null));
        Assert.Equal(Messages.Plan_OnePerPerson, refusal.Message);
        Assert.Equal(1, await h.ReadAsync(db => db.IndividualPlans.CountAsync(x => x.PersonId == c.PersonId, Ct)));

        static async Task<Exception?> Attempt(Func<Task> send)
        {
            try
            {
                await send();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    public static TheoryData<DatabaseProvider, string> BadInput => Providers.Cross(["no coordinator", "no responsible", "end before start", "no goal words"]);

    [Theory, MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_a_specific_message_and_nothing_is_stored(DatabaseProvider provider, string @case)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var goal = await h.GoalAsync(p, "Mål");
        var lead2 = await h.MunicipalCaseWorkerAsync();
        var other = await h.OpenCaseAsync(lead2);
        var (send, field, message) = @case switch
        {
            "no coordinator" => ((Func<Task>)(() => h.SendAsync(lead2, PlanTestData.NewPlan(other.FollowUpId, Guid.Empty, h.Today)).AsTask()), "CoordinatorUserId", Messages.Plan_CoordinatorRequired),
            "no responsible" => (() => h.SendAsync(p.Lead, PlanTestData.Measure(p, goal, "Tiltak", Guid.Empty, h.Today)).AsTask(), "ResponsibleParticipantId", Messages.Plan_MeasureResponsibleRequired),
            "end before start" => (() => h.SendAsync(p.Lead, PlanTestData.Measure(p, goal, "Tiltak", p.CoordinatorParticipantId, h.Today, days: -1)).AsTask(), "EndOn", Messages.Plan_MeasureEndBeforeStart),
            _ => (() => h.SendAsync(lead2, PlanTestData.NewPlan(other.FollowUpId, lead2, h.Today) with { PersonGoals = " " }).AsTask(), "PersonGoals", null),
        };
        var plans = await h.CountAsync<IndividualPlan>();
        var measures = await h.CountAsync<PlanMeasure>();

        var ex = await Assert.ThrowsAsync<ValidationException>(send);

        var error = Assert.Single(ex.Errors, e => e.PropertyName == field);
        if (message is not null)
        {
            Assert.Equal(message, error.ErrorMessage);
        }

        Assert.Equal(plans, await h.CountAsync<IndividualPlan>());
        Assert.Equal(measures, await h.CountAsync<PlanMeasure>());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_coordinator_from_outside_the_team_is_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(lead);
        var outsider = await h.OutsideCaseWorkerAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => h.SendAsync(lead, PlanTestData.NewPlan(c.FollowUpId, outsider, h.Today)).AsTask());

        Assert.Equal(("CoordinatorUserId", Messages.Plan_CoordinatorNotOnTeam), (ex.Field, ex.Message));
        Assert.Equal(0, await h.ReadAsync(db => db.IndividualPlans.CountAsync(x => x.PersonId == c.PersonId, Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_evaluation_sets_the_next_revision_and_shows_on_the_plan(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();

        await h.SendAsync(p.Lead, new RecordPlanEvaluation(p.PlanId, h.Today, "Skolen går bedre, jobb gjenstår.", h.Today.AddMonths(4)));

        var view = await h.SendAsync(p.Lead, new GetPlan(p.PlanId));
        Assert.Equal(h.Today.AddMonths(4), view.NextRevisionOn);
        Assert.Equal("Skolen går bedre, jobb gjenstår.", Assert.Single(view.Evaluations).Summary);
    }
}
