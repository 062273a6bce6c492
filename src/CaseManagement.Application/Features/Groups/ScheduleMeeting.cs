using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Groups;

/// <summary>Innkalling: a meeting with its time and agenda. The minutes start as a draft.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record ScheduleMeeting(Guid GroupId, DateTimeOffset At, string Agenda) : ICommand<MeetingScheduled>;

public sealed record MeetingScheduled(Guid Id);

internal sealed class ScheduleMeetingValidator : AbstractValidator<ScheduleMeeting>
{
    public ScheduleMeetingValidator()
    {
        RuleFor(x => x.GroupId).NotEmpty();
        RuleFor(x => x.Agenda).NotEmpty().MaximumLength(ResponsibilityGroup.TextMaxLength);
    }
}

internal sealed class ScheduleMeetingHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ScheduleMeeting, MeetingScheduled>
{
    public async ValueTask<MeetingScheduled> Handle(ScheduleMeeting command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (group, _) = await GroupWrites.LoadActiveAsync(db, user, command.GroupId, GroupOperation.Convene, nameof(ScheduleMeeting), now, cancellationToken);
        var meeting = new GroupMeeting(Guid.CreateVersion7(), group.Id, command.At, TextRules.Clean(command.Agenda)!);
        db.GroupMeetings.Add(meeting);
        return new MeetingScheduled(meeting.Id);
    }
}
