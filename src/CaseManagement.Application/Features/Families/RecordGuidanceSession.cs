using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Families;

/// <summary>A guidance session with one family: who of the family attended, topics, advice, next steps.</summary>
[Requires(Capability.GuideFamilies)]
public sealed record RecordGuidanceSession(
    Guid FollowUpId,
    Guid CourseId,
    DateOnly HeldOn,
    IReadOnlyList<Guid> AttendeeIds,
    string Topics,
    string? Advice = null,
    string? NextSteps = null,
    DateOnly? NextSessionDue = null) : ICommand<GuidanceSessionRecorded>;

public sealed record GuidanceSessionRecorded(Guid Id, Guid CourseId);

internal sealed class RecordGuidanceSessionValidator : AbstractValidator<RecordGuidanceSession>
{
    public RecordGuidanceSessionValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.AttendeeIds).NotEmpty().WithMessage(_ => Messages.Family_AttendeesRequired);
        RuleFor(x => x.Topics).NotEmpty().MaximumLength(GuidanceSession.TextMaxLength);
        RuleFor(x => x.Advice).MaximumLength(GuidanceSession.TextMaxLength);
        RuleFor(x => x.NextSteps).MaximumLength(GuidanceSession.TextMaxLength);
        RuleFor(x => x.NextSessionDue).GreaterThan(x => x.HeldOn).When(x => x.NextSessionDue is not null).WithMessage(_ => Messages.Mentor_EndBeforeStart);
    }
}

internal sealed class RecordGuidanceSessionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RecordGuidanceSession, GuidanceSessionRecorded>
{
    public async ValueTask<GuidanceSessionRecorded> Handle(RecordGuidanceSession command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (course, _) = await FamilyWrites.LoadCourseAsync(db, user, command.FollowUpId, command.CourseId, nameof(RecordGuidanceSession), now, cancellationToken);
        if (command.HeldOn > OsloTime.DateOf(now))
        {
            throw new RuleViolationException(nameof(RecordGuidanceSession.HeldOn), Messages.Mentor_SessionInFuture);
        }

        var members = course.Participants.Select(p => p.Id).ToHashSet();
        if (!command.AttendeeIds.All(members.Contains))
        {
            // Attendance is this family's only: a participant of another family is never listed here.
            throw new RuleViolationException(nameof(RecordGuidanceSession.AttendeeIds), Messages.Family_AttendeeNotInFamily);
        }

        var session = GuidanceSession.Record(
            Guid.CreateVersion7(), course, command.HeldOn, command.AttendeeIds.Distinct().ToList(), TextRules.Clean(command.Topics)!, TextRules.Clean(command.Advice),
            TextRules.Clean(command.NextSteps), user.UserId, now);
        db.GuidanceSessions.Add(session);
        course.PlanNext(command.NextSessionDue);
        return new GuidanceSessionRecorded(session.Id, course.Id);
    }
}
