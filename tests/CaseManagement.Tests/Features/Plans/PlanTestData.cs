using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Plans;

/// <summary>A municipal case with a plan: the case worker who leads it (and coordinates the plan) and the plan's first participants.</summary>
public sealed record PlanCase(OpenCase Case, Guid PlanId, Guid PersonParticipantId, Guid CoordinatorParticipantId)
{
    public Guid Lead => Case.Lead;
}

internal static class PlanTestData
{
    /// <summary>A user of another municipal unit (barnevernet), not on the team: reaches a plan only as a participant.</summary>
    public static Task<Guid> OutsideCaseWorkerAsync(this CaseHarness h) => h.CreateUserAsync(Role.CaseWorker, DemoData.ChildWelfare);

    public static CreatePlan NewPlan(Guid followUpId, Guid coordinator, DateOnly today) => new(
        followUpId, coordinator, ConsentGiver.Person, today, "Jeg vil fullføre skolen og få en jobb.", today, today.AddMonths(12), today.AddMonths(3),
        Resources: "God på data, støttende bestemor.", Needs: "Hjelp med struktur i hverdagen.", Cooperation: "NAV og skolen samarbeider om praksisplass.");

    public static async Task<PlanCase> PlanCaseAsync(this CaseHarness h)
    {
        var lead = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(lead);
        var plan = await h.SendAsync(lead, NewPlan(c.FollowUpId, lead, h.Today));
        var participants = await h.WithDbAsync(db => db.PlanParticipants.AsNoTracking().Where(p => p.PlanId == plan.Id)
            .ToListAsync(TestContext.Current.CancellationToken));
        return new PlanCase(c, plan.Id, participants.Single(p => p.Kind == ParticipantKind.Person).Id, participants.Single(p => p.UserId == lead).Id);
    }

    public static async Task<Guid> GoalAsync(this CaseHarness h, PlanCase p, string text, Guid? parent = null) =>
        (await h.SendAsync(p.Lead, new SavePlanGoal(p.PlanId, text, parent))).Id;

    public static SavePlanMeasure Measure(PlanCase p, Guid goalId, string description, Guid responsible, DateOnly start, int days = 60) =>
        new(p.PlanId, goalId, description, responsible, "Kari Nordmann", start, start.AddDays(days), MeasureStatus.Planned, "2 timer i uka", "Møter på skolen");

    public static async Task<Guid> MeasureAsync(this CaseHarness h, Guid user, SavePlanMeasure command) => (await h.SendAsync(user, command)).Id;

    /// <summary>A participant who is a user, with or without the person's consent.</summary>
    public static async Task<Guid> ParticipantAsync(this CaseHarness h, PlanCase p, Guid userId, bool consent, TimeSpan? validFor = null) =>
        (await h.SendAsync(p.Lead, new AddPlanParticipant(
            p.PlanId, ParticipantKind.Service, "Barnevernet", "Oppfølging hjemme", userId,
            consent ? "Se planen og eget tiltak" : null, consent ? h.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromDays(180)) : null))).Id;

    public static async Task<string> PlanVersionTokenAsync(this CaseHarness h, PlanCase p) => (await h.SendAsync(p.Lead, new GetPlan(p.PlanId))).Version;

    public static Task<int> CountAsync<T>(this CaseHarness h)
        where T : class =>
        h.WithDbAsync(db => db.Set<T>().CountAsync(TestContext.Current.CancellationToken));

    public static Task<T> ReadAsync<T>(this CaseHarness h, Func<CaseDbContext, Task<T>> read) => h.WithDbAsync(read);
}
