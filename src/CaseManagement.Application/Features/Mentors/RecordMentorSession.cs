using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.Mentors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// The mentor records a session with one of their own active mentees. With the escalation flag (the mentor fears
/// serious crime, straffeloven § 196) an alert goes at once, in the same transaction, to the supervising coordinator
/// and the assignment's police contact. The alert holds no session content (ADR-014).
/// </summary>
[Requires(Capability.RecordMentorSession)]
public sealed record RecordMentorSession(
    Guid AssignmentId,
    DateOnly HeldOn,
    SessionArena Arena,
    int DurationMinutes,
    SessionType Type,
    string Topics,
    string? RiskFactors = null,
    string? ProtectiveFactors = null,
    ChangeSinceLast ChangeSinceLast = ChangeSinceLast.NotAssessed,
    string? NextSteps = null,
    string? ServicesContacted = null,
    bool MentorWellbeingFlag = false,
    bool EscalationFlag = false) : ICommand<MentorSessionRecorded>;

public sealed record MentorSessionRecorded(Guid Id, Guid AssignmentId, Guid? AlertId);

internal sealed class RecordMentorSessionValidator : AbstractValidator<RecordMentorSession>
{
    public RecordMentorSessionValidator()
    {
        RuleFor(x => x.AssignmentId).NotEmpty();
        RuleFor(x => x.Arena).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Type).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ChangeSinceLast).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.DurationMinutes).GreaterThan(0).WithMessage(_ => Messages.Mentor_DurationPositive)
            .LessThanOrEqualTo(MentorSession.MaxDurationMinutes).WithMessage(_ => Messages.Mentor_DurationOverADay);
        RuleFor(x => x.Topics).NotEmpty().MaximumLength(MentorSession.TextMaxLength);
        RuleFor(x => x.RiskFactors).MaximumLength(MentorSession.TextMaxLength);
        RuleFor(x => x.ProtectiveFactors).MaximumLength(MentorSession.TextMaxLength);
        RuleFor(x => x.NextSteps).MaximumLength(MentorSession.TextMaxLength);
        RuleFor(x => x.ServicesContacted).SingleLine(MentorSession.ShortTextMaxLength);
    }
}

internal sealed class RecordMentorSessionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RecordMentorSession, MentorSessionRecorded>
{
    public async ValueTask<MentorSessionRecorded> Handle(RecordMentorSession command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var assignment = await AccessDecision.RequireMentorAssignmentAsync(db, user, command.AssignmentId, now, cancellationToken);
        if (command.HeldOn > today)
        {
            throw new RuleViolationException(nameof(RecordMentorSession.HeldOn), Messages.Mentor_SessionInFuture);
        }

        if (command.HeldOn < assignment.StartsOn)
        {
            throw new RuleViolationException(nameof(RecordMentorSession.HeldOn), Messages.Mentor_SessionBeforeStart);
        }

        var session = MentorSession.Record(
            Guid.CreateVersion7(), assignment, command.HeldOn, command.Arena, command.DurationMinutes, command.Type, TextRules.Clean(command.Topics)!,
            TextRules.Clean(command.RiskFactors), TextRules.Clean(command.ProtectiveFactors), command.ChangeSinceLast, TextRules.Clean(command.NextSteps),
            TextRules.Clean(command.ServicesContacted), command.MentorWellbeingFlag, command.EscalationFlag, now);
        db.MentorSessions.Add(session);

        Guid? alertId = null;
        if (command.EscalationFlag)
        {
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == assignment.PersonId).Select(p => new { p.GivenName, p.DateOfBirth }).SingleAsync(cancellationToken);
            var alert = Alert.Raise(
                Guid.CreateVersion7(), AlertKind.MentorEscalation, assignment.FollowUpId, assignment.Id, session.Id,
                MentorRules.MenteeLabel(person.GivenName, person.DateOfBirth, today), user.UserId,
                [assignment.SupervisorUserId, assignment.PoliceContactUserId], now);
            db.Alerts.Add(alert);
            alertId = alert.Id;
        }

        return new MentorSessionRecorded(session.Id, assignment.Id, alertId);
    }
}
