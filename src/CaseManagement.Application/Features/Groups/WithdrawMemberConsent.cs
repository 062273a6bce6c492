using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>The person withdraws their consent to sharing with one member (recorded by the team): that member's access ends at once.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record WithdrawMemberConsent(Guid GroupId, Guid MemberId) : ICommand<GroupChanged>;

internal sealed class WithdrawMemberConsentValidator : AbstractValidator<WithdrawMemberConsent>
{
    public WithdrawMemberConsentValidator()
    {
        RuleFor(x => x.GroupId).NotEmpty();
        RuleFor(x => x.MemberId).NotEmpty();
    }
}

internal sealed class WithdrawMemberConsentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<WithdrawMemberConsent, GroupChanged>
{
    public async ValueTask<GroupChanged> Handle(WithdrawMemberConsent command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (group, _) = await GroupWrites.LoadActiveAsync(db, user, command.GroupId, GroupOperation.Convene, nameof(WithdrawMemberConsent), now, cancellationToken);
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == command.MemberId && m.GroupId == group.Id, cancellationToken)
            ?? throw new RuleViolationException(nameof(command.MemberId), Messages.Group_NotAMember);
        if (member.ConsentWithdrawnAt is not null)
        {
            throw new RuleViolationException(nameof(command.MemberId), Messages.Plan_NoConsentToWithdraw);
        }

        member.WithdrawConsent(now);
        return new GroupChanged(group.Id);
    }
}
