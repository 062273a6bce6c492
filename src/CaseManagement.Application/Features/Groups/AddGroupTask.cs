using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>A task agreed at a meeting: owner (a member), deadline. Added while the minutes are a draft.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record AddGroupTask(Guid MeetingId, string Text, Guid OwnerMemberId, DateOnly DueOn) : ICommand<GroupTaskAdded>;

public sealed record GroupTaskAdded(Guid Id);

internal sealed class AddGroupTaskValidator : AbstractValidator<AddGroupTask>
{
    public AddGroupTaskValidator()
    {
        RuleFor(x => x.MeetingId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().SingleLine(ResponsibilityGroup.TextMaxLength);
        RuleFor(x => x.OwnerMemberId).NotEmpty().WithMessage(_ => Messages.Group_TaskOwnerRequired);
    }
}

internal sealed class AddGroupTaskHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddGroupTask, GroupTaskAdded>
{
    public async ValueTask<GroupTaskAdded> Handle(AddGroupTask command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (meeting, group, _) = await GroupWrites.LoadMeetingAsync(db, user, command.MeetingId, GroupOperation.Convene, nameof(AddGroupTask), now, cancellationToken);
        GroupWrites.RequireDraftMinutes(meeting);
        if (!await db.GroupMembers.AnyAsync(m => m.Id == command.OwnerMemberId && m.GroupId == group.Id, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.OwnerMemberId), Messages.Group_NotAMember);
        }

        var task = new GroupTask(Guid.CreateVersion7(), group.Id, meeting.Id, TextRules.Clean(command.Text)!, command.OwnerMemberId, command.DueOn);
        db.GroupTasks.Add(task);
        return new GroupTaskAdded(task.Id);
    }
}
