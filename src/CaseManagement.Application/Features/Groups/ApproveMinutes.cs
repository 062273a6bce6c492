using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Groups;

/// <summary>Approves minutes after the comment round. Approved minutes are read-only (archive material).</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record ApproveMinutes(Guid MeetingId) : ICommand<MinutesSaved>;

internal sealed class ApproveMinutesValidator : AbstractValidator<ApproveMinutes>
{
    public ApproveMinutesValidator() => RuleFor(x => x.MeetingId).NotEmpty();
}

internal sealed class ApproveMinutesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ApproveMinutes, MinutesSaved>
{
    public async ValueTask<MinutesSaved> Handle(ApproveMinutes command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (meeting, _, _) = await GroupWrites.LoadMeetingAsync(db, user, command.MeetingId, GroupOperation.Convene, nameof(ApproveMinutes), now, cancellationToken);
        if (meeting.MinutesStatus != MinutesStatus.SentForComment)
        {
            throw new RuleViolationException(nameof(command.MeetingId), meeting.MinutesStatus == MinutesStatus.Approved
                ? Messages.Group_MinutesApprovedReadOnly
                : Messages.Group_MinutesNotSent);
        }

        meeting.Approve(now);
        return new MinutesSaved(meeting.Id);
    }
}
