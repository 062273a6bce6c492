using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Groups;

/// <summary>A member (or the team) comments on minutes sent for comment.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record CommentOnMinutes(Guid MeetingId, string Text) : ICommand<MinutesCommented>;

public sealed record MinutesCommented(Guid Id);

internal sealed class CommentOnMinutesValidator : AbstractValidator<CommentOnMinutes>
{
    public CommentOnMinutesValidator()
    {
        RuleFor(x => x.MeetingId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(ResponsibilityGroup.TextMaxLength);
    }
}

internal sealed class CommentOnMinutesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CommentOnMinutes, MinutesCommented>
{
    public async ValueTask<MinutesCommented> Handle(CommentOnMinutes command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (meeting, _, _) = await GroupWrites.LoadMeetingAsync(db, user, command.MeetingId, GroupOperation.OwnPart, nameof(CommentOnMinutes), now, cancellationToken);
        if (meeting.MinutesStatus != MinutesStatus.SentForComment)
        {
            throw new RuleViolationException(nameof(command.MeetingId), meeting.MinutesStatus == MinutesStatus.Approved
                ? Messages.Group_MinutesApprovedReadOnly
                : Messages.Group_MinutesNotSent);
        }

        var comment = new MinutesComment(Guid.CreateVersion7(), meeting.Id, user.UserId, TextRules.Clean(command.Text)!, now);
        db.MinutesComments.Add(comment);
        return new MinutesCommented(comment.Id);
    }
}
