using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Groups;

/// <summary>Sends the draft minutes to every member for comment. From now on they are not edited.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record SendMinutes(Guid MeetingId) : ICommand<MinutesSaved>;

internal sealed class SendMinutesValidator : AbstractValidator<SendMinutes>
{
    public SendMinutesValidator() => RuleFor(x => x.MeetingId).NotEmpty();
}

internal sealed class SendMinutesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SendMinutes, MinutesSaved>
{
    public async ValueTask<MinutesSaved> Handle(SendMinutes command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (meeting, _, _) = await GroupWrites.LoadMeetingAsync(db, user, command.MeetingId, GroupOperation.Convene, nameof(SendMinutes), now, cancellationToken);
        GroupWrites.RequireDraftMinutes(meeting);
        if (meeting.At > now)
        {
            throw new RuleViolationException(nameof(command.MeetingId), Messages.Group_MeetingNotHeld);
        }

        if (string.IsNullOrWhiteSpace(meeting.Discussion))
        {
            throw new RuleViolationException(nameof(command.MeetingId), Messages.Group_MinutesEmpty);
        }

        meeting.Send(now);
        return new MinutesSaved(meeting.Id);
    }
}
