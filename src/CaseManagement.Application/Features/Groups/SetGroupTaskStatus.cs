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

/// <summary>The task's owner (or the team) marks it done or cancelled, or opens it again.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record SetGroupTaskStatus(Guid TaskId, GroupTaskStatus Status) : ICommand<GroupTaskAdded>;

internal sealed class SetGroupTaskStatusValidator : AbstractValidator<SetGroupTaskStatus>
{
    public SetGroupTaskStatusValidator()
    {
        RuleFor(x => x.TaskId).NotEmpty();
        RuleFor(x => x.Status).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class SetGroupTaskStatusHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SetGroupTaskStatus, GroupTaskAdded>
{
    public async ValueTask<GroupTaskAdded> Handle(SetGroupTaskStatus command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var task = await db.GroupTasks.SingleOrDefaultAsync(t => t.Id == command.TaskId, cancellationToken) ?? throw new NotFoundException("GroupTask");
        var (_, access) = await GroupWrites.LoadActiveAsync(db, user, task.GroupId, GroupOperation.OwnPart, nameof(SetGroupTaskStatus), now, cancellationToken);
        if (!access.MayChangeTask(task.OwnerMemberId))
        {
            throw new RuleViolationException(nameof(command.TaskId), Messages.Group_NotYourTask);
        }

        task.SetStatus(command.Status);
        return new GroupTaskAdded(task.Id);
    }
}
