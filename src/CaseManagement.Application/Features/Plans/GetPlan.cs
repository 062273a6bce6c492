using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// One individual plan as the user may see it: the goal tree, measures, participants, versions with what changed,
/// evaluations, and what the user may edit. Progress notes and consents are for the team and the participants only.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record GetPlan(Guid PlanId) : IQuery<PlanView>;

public sealed record PlanGoalView(Guid Id, Guid? ParentGoalId, string Text);

public sealed record MeasureNoteView(DateTimeOffset WrittenAt, string WrittenBy, string Text);

public sealed record PlanMeasureView(
    Guid Id, Guid GoalId, string Description, string? Scope, string? HowCarriedOut, Guid ResponsibleParticipantId, string ResponsibleService,
    string ResponsiblePerson, DateOnly StartOn, DateOnly EndOn, MeasureStatus Status, Guid? FromAgreementId, bool CanEdit,
    IReadOnlyList<MeasureNoteView> Notes);

public sealed record PlanParticipantView(
    Guid Id, ParticipantKind Kind, string Name, Guid? UserId, string? Contribution, string? ConsentScope, DateTimeOffset? ConsentValidTo,
    DateTimeOffset? ConsentWithdrawnAt, bool ConsentActive);

public sealed record PlanVersionView(int Number, DateTimeOffset ApprovedAt, string ApprovedBy, IReadOnlyList<PlanChange> ChangesFromPrevious);

public sealed record PlanEvaluationView(Guid Id, DateOnly HeldOn, string Summary, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record AgreementOption(Guid Id, string Text, DateTimeOffset MeetingAt);

public sealed record PlanView(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    PlanStatus Status,
    Guid CoordinatorUserId,
    string CoordinatorName,
    ConsentGiver ConsentGivenBy,
    string? RepresentativeName,
    DateOnly ConsentGivenOn,
    string PersonGoals,
    string? Resources,
    string? Needs,
    string? Cooperation,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    DateOnly NextRevisionOn,
    int LastVersionNumber,
    IReadOnlyList<PlanGoalView> Goals,
    IReadOnlyList<PlanMeasureView> Measures,
    IReadOnlyList<PlanParticipantView> Participants,
    IReadOnlyList<PlanVersionView> Versions,
    IReadOnlyList<PlanChange> ChangesSinceLastVersion,
    IReadOnlyList<PlanEvaluationView> Evaluations,
    IReadOnlyList<AgreementOption> Agreements,
    bool IsTeam,
    bool CanCoordinate,
    Guid? MyParticipantId,
    string Version)
{
    public bool IsDraft => Status == PlanStatus.Draft;
}

internal sealed class GetPlanValidator : AbstractValidator<GetPlan>
{
    public GetPlanValidator() => RuleFor(x => x.PlanId).NotEmpty();
}

internal sealed class GetPlanHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetPlan, PlanView>
{
    public async ValueTask<PlanView> Handle(GetPlan query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, query.PlanId, PlanOperation.Read, nameof(GetPlan), now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(access.PersonId, access.FollowUpId, "IndividualPlan", access.Purpose), cancellationToken);

        // Tracked only to read its version.
        var plan = await db.IndividualPlans.SingleAsync(p => p.Id == access.PlanId, cancellationToken);
        var version = ConcurrencyTokens.Read(db.Entry(plan));
        var personName = await db.Persons.AsNoTracking().Where(p => p.Id == plan.PersonId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var userNames = await db.Users.AsNoTracking()
            .Where(u => u.Id == plan.CoordinatorUserId
                || db.PlanVersions.Any(v => v.PlanId == plan.Id && v.ApprovedByUserId == u.Id)
                || db.PlanEvaluations.Any(e => e.PlanId == plan.Id && e.RecordedByUserId == u.Id)
                || db.MeasureNotes.Any(n => n.PlanId == plan.Id && n.WrittenByUserId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string Name(Guid id) => userNames.GetValueOrDefault(id, "");

        var current = await PlanSnapshot.TakeAsync(db, plan, cancellationToken);
        var participants = await db.PlanParticipants.AsNoTracking().Where(p => p.PlanId == plan.Id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var measures = await db.PlanMeasures.AsNoTracking().Where(m => m.PlanId == plan.Id).ToListAsync(cancellationToken);
        var notes = access.SeesInternalNotes
            ? await db.MeasureNotes.AsNoTracking().Where(n => n.PlanId == plan.Id).OrderBy(n => n.WrittenAt).ToListAsync(cancellationToken)
            : [];
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var evaluations = await db.PlanEvaluations.AsNoTracking().Where(e => e.PlanId == plan.Id).OrderByDescending(e => e.HeldOn).ToListAsync(cancellationToken);

        var snapshots = versions.Select(v => PlanSnapshot.FromJson(v.Snapshot)).ToList();
        var versionViews = versions.Select((v, i) => new PlanVersionView(
            v.Number, v.ApprovedAt, Name(v.ApprovedByUserId), i == 0 ? [] : PlanDiff.Between(snapshots[i - 1], snapshots[i]))).ToList();
        IReadOnlyList<PlanChange> sinceLast = snapshots.Count == 0 ? [] : PlanDiff.Between(snapshots[^1], current);

        var serviceNames = participants.ToDictionary(p => p.Id, p => p.Name);
        var measureViews = current.Measures.Select(s =>
        {
            var m = measures.Single(x => x.Id == s.Id);
            return new PlanMeasureView(
                m.Id, m.GoalId, m.Description, m.Scope, m.HowCarriedOut, m.ResponsibleParticipantId, serviceNames.GetValueOrDefault(m.ResponsibleParticipantId, ""),
                m.ResponsiblePerson, m.StartOn, m.EndOn, m.Status, m.FromAgreementId, plan.Status == PlanStatus.Draft && access.MayEditMeasure(m.ResponsibleParticipantId),
                notes.Where(n => n.MeasureId == m.Id).Select(n => new MeasureNoteView(n.WrittenAt, Name(n.WrittenByUserId), n.Text)).ToList());
        }).ToList();
        var participantViews = participants.Select(p => access.IsTeam
            ? new PlanParticipantView(p.Id, p.Kind, p.Name, p.UserId, p.Contribution, p.ConsentScope, p.ConsentValidTo, p.ConsentWithdrawnAt, p.HasActiveConsent(now))
            : new PlanParticipantView(p.Id, p.Kind, p.Name, null, p.Contribution, null, null, null, false)).ToList();

        var agreements = access.IsTeam
            ? await (
                    from a in db.GroupAgreements.AsNoTracking()
                    join g in db.ResponsibilityGroups on a.GroupId equals g.Id
                    join m in db.GroupMeetings on a.MeetingId equals m.Id
                    where g.FollowUpId == plan.FollowUpId
                    select new AgreementOption(a.Id, a.Text, m.At))
                .ToListAsync(cancellationToken)
            : [];

        return new PlanView(
            plan.Id, plan.FollowUpId, plan.PersonId, personName, plan.Status, plan.CoordinatorUserId, Name(plan.CoordinatorUserId), plan.ConsentGivenBy,
            plan.RepresentativeName, plan.ConsentGivenOn, plan.PersonGoals, plan.Resources, plan.Needs, plan.Cooperation, plan.PeriodFrom, plan.PeriodTo,
            plan.NextRevisionOn, plan.LastVersionNumber,
            current.Goals.Select(g => new PlanGoalView(g.Id, g.ParentGoalId, g.Text)).ToList(),
            measureViews, participantViews, versionViews, sinceLast,
            evaluations.Select(e => new PlanEvaluationView(e.Id, e.HeldOn, e.Summary, Name(e.RecordedByUserId), e.RecordedAt)).ToList(),
            agreements.OrderBy(a => a.MeetingAt).ToList(),
            access.IsTeam, access.IsTeam && plan.Status == PlanStatus.Draft, access.ParticipantId, version);
    }
}
