using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Groups;

/// <summary>The person ends the group (recorded by the team): every member's access ends at once; the record stays.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record EndGroup(Guid GroupId) : ICommand<GroupChanged>;

public sealed record GroupChanged(Guid Id);

internal sealed class EndGroupValidator : AbstractValidator<EndGroup>
{
    public EndGroupValidator() => RuleFor(x => x.GroupId).NotEmpty();
}

internal sealed class EndGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<EndGroup, GroupChanged>
{
    public async ValueTask<GroupChanged> Handle(EndGroup command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (group, _) = await GroupWrites.LoadActiveAsync(db, user, command.GroupId, GroupOperation.Convene, nameof(EndGroup), now, cancellationToken);
        group.End(now);
        return new GroupChanged(group.Id);
    }
}
