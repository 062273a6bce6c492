using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// One assignment as the follow-up's team (the coordinator) sees it: the assignment, every session in full and the
/// escalation alerts with their handling. Never the supervision notes (<see cref="ListSupervisionNotes"/>).
/// </summary>
[Requires(Capability.ReadFollowUps)]
public sealed record GetMentorAssignment(Guid FollowUpId, Guid AssignmentId) : IQuery<MentorAssignmentView>;

public sealed record MentorSessionView(
    Guid Id,
    DateOnly HeldOn,
    SessionArena Arena,
    int DurationMinutes,
    SessionType Type,
    string Topics,
    string? RiskFactors,
    string? ProtectiveFactors,
    ChangeSinceLast ChangeSinceLast,
    string? NextSteps,
    string? ServicesContacted,
    bool MentorWellbeingFlag,
    bool EscalationFlag,
    DateTimeOffset RecordedAt);

public sealed record AssignmentAlertView(Guid AlertId, DateTimeOffset RaisedAt, IReadOnlyList<AssignmentAlertHandling> Recipients);

public sealed record AssignmentAlertHandling(string DisplayName, DateTimeOffset? ReadAt, DateTimeOffset? HandledAt);

public sealed record MentorAssignmentView(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    Guid MentorUserId,
    string MentorName,
    Guid SupervisorUserId,
    string SupervisorName,
    string PoliceContactName,
    ReferralSource ReferralSource,
    string MatchReason,
    DateOnly ConsentGivenOn,
    string Goals,
    int PlannedIntervalDays,
    MentorSafetyRisk MentorSafetyRisk,
    string RiskAssessment,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    DateTimeOffset? ClosedAt,
    AssignmentClosingReason? ClosingReason,
    bool IsActive,
    bool CanWrite,
    bool IsSupervisor,
    DateOnly NextDueOn,
    IReadOnlyList<MentorSessionView> Sessions,
    IReadOnlyList<AssignmentAlertView> Alerts);

internal sealed class GetMentorAssignmentValidator : AbstractValidator<GetMentorAssignment>
{
    public GetMentorAssignmentValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.AssignmentId).NotEmpty();
    }
}

internal sealed class GetMentorAssignmentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetMentorAssignment, MentorAssignmentView>
{
    public async ValueTask<MentorAssignmentView> Handle(GetMentorAssignment query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var grant = await AccessDecision.RequireAsync(db, user, query.FollowUpId, RecordKinds.MentorProgramme, now, cancellationToken);
        var a = await db.MentorAssignments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.AssignmentId && x.FollowUpId == grant.FollowUpId, cancellationToken)
            ?? throw new NotFoundException("MentorAssignment");
        await accessLog.RecordAsync(new AccessRecord(a.PersonId, a.FollowUpId, "MentorAssignment", AccessDecision.PurposeOf(grant.Basis)), cancellationToken);

        var personName = await db.Persons.Where(p => p.Id == a.PersonId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var names = await db.Users.Where(u => u.Id == a.MentorUserId || u.Id == a.SupervisorUserId || u.Id == a.PoliceContactUserId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var sessions = await db.MentorSessions.AsNoTracking().Where(s => s.AssignmentId == a.Id).ToListAsync(cancellationToken);
        var alerts = await (
                from al in db.Alerts.AsNoTracking()
                from r in al.Recipients
                join u in db.Users on r.UserId equals u.Id
                where al.SubjectId == a.Id
                select new { al.Id, al.RaisedAt, u.DisplayName, r.ReadAt, r.HandledAt })
            .ToListAsync(cancellationToken);

        var sessionViews = sessions.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id).Select(ToView).ToList();
        var lastSession = sessions.Count == 0 ? (DateOnly?)null : sessions.Max(s => s.HeldOn);
        return new MentorAssignmentView(
            a.Id, a.FollowUpId, a.PersonId, personName, a.MentorUserId, names.GetValueOrDefault(a.MentorUserId, ""), a.SupervisorUserId,
            names.GetValueOrDefault(a.SupervisorUserId, ""), names.GetValueOrDefault(a.PoliceContactUserId, ""), a.ReferralSource, a.MatchReason,
            a.ConsentGivenOn, a.Goals, a.PlannedIntervalDays, a.MentorSafetyRisk, a.RiskAssessment, a.StartsOn, a.EndsOn, a.ClosedAt, a.ClosingReason,
            a.IsActiveOn(today), grant.CanWrite && user.Can(Capability.ManageMentorProgramme), a.SupervisorUserId == user.UserId,
            MentorRules.NextDue(a.StartsOn, lastSession, a.PlannedIntervalDays), sessionViews,
            alerts.GroupBy(x => new { x.Id, x.RaisedAt }).OrderByDescending(g => g.Key.RaisedAt)
                .Select(g => new AssignmentAlertView(g.Key.Id, g.Key.RaisedAt, g.Select(x => new AssignmentAlertHandling(x.DisplayName, x.ReadAt, x.HandledAt)).ToList()))
                .ToList());
    }

    internal static MentorSessionView ToView(MentorSession s) => new(
        s.Id, s.HeldOn, s.Arena, s.DurationMinutes, s.Type, s.Topics, s.RiskFactors, s.ProtectiveFactors, s.ChangeSinceLast, s.NextSteps,
        s.ServicesContacted, s.MentorWellbeingFlag, s.EscalationFlag, s.RecordedAt);
}
