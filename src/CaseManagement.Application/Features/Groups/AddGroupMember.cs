using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>
/// Adds a member (a service representative, a relative) with their function. Sharing inside the group rests on
/// consent: no member without the person's consent to share with them (scope, optional expiry).
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record AddGroupMember(
    Guid GroupId,
    ParticipantKind Kind,
    string Name,
    string Function,
    bool ConsentGiven,
    string ConsentScope,
    DateTimeOffset? ConsentValidTo = null,
    Guid? UserId = null) : ICommand<GroupMemberAdded>;

public sealed record GroupMemberAdded(Guid Id);

internal sealed class AddGroupMemberValidator : AbstractValidator<AddGroupMember>
{
    public AddGroupMemberValidator()
    {
        RuleFor(x => x.GroupId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Name).NotEmpty().SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.Function).NotEmpty().SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.ConsentGiven).Equal(true).WithMessage(_ => Messages.Group_MemberNeedsConsent);
        RuleFor(x => x.ConsentScope).NotEmpty().WithMessage(_ => Messages.Plan_ConsentScopeRequired).SingleLine(IndividualPlan.NameMaxLength * 2);
    }
}

internal sealed class AddGroupMemberHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddGroupMember, GroupMemberAdded>
{
    public async ValueTask<GroupMemberAdded> Handle(AddGroupMember command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (group, _) = await GroupWrites.LoadActiveAsync(db, user, command.GroupId, GroupOperation.Convene, nameof(AddGroupMember), now, cancellationToken);
        if (command.ConsentValidTo is { } to && to <= now)
        {
            throw new RuleViolationException(nameof(command.ConsentValidTo), Messages.Plan_ConsentExpiryPast);
        }

        if (command.UserId is { } memberUser)
        {
            // As the picker offers (FindGroupMemberCandidates): an active, activated person, not a client's service account.
            if (!await db.Users.AnyAsync(u => u.Id == memberUser && !u.IsDisabled && !u.AwaitingActivation && !db.IntegrationClients.Any(c => c.ServiceAccountUserId == u.Id), cancellationToken))
            {
                throw new RuleViolationException(nameof(command.UserId), Messages.Plan_ParticipantUserNotFound);
            }

            if (await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == memberUser && m.ConsentWithdrawnAt == null, cancellationToken))
            {
                throw new RuleViolationException(nameof(command.UserId), Messages.Plan_ParticipantAlreadyAdded);
            }
        }

        var member = new GroupMember(
            Guid.CreateVersion7(), group.Id, command.Kind, TextRules.Clean(command.Name)!, command.UserId, TextRules.Clean(command.Function)!,
            TextRules.Clean(command.ConsentScope)!, now, command.ConsentValidTo);
        db.GroupMembers.Add(member);
        return new GroupMemberAdded(member.Id);
    }
}
