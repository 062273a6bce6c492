using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>The lead adds a user of the owning agency to the team.</summary>
[Requires(Capability.ManageTeam)]
public sealed record AddTeamMember(Guid FollowUpId, Guid UserId, TeamRole Role) : ICommand<TeamChanged>;

/// <summary>The lead removes a member. Their access ends with the next operation, even in an open page.</summary>
[Requires(Capability.ManageTeam)]
public sealed record RemoveTeamMember(Guid FollowUpId, Guid UserId) : ICommand<TeamChanged>;

public sealed record TeamChanged(Guid FollowUpId);

internal sealed class AddTeamMemberValidator : AbstractValidator<AddTeamMember>
{
    public AddTeamMemberValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Role).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class RemoveTeamMemberValidator : AbstractValidator<RemoveTeamMember>
{
    public RemoveTeamMemberValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.UserId).NotEmpty();
    }
}

internal sealed class AddTeamMemberHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddTeamMember, TeamChanged>
{
    public async ValueTask<TeamChanged> Handle(AddTeamMember command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (followUp, _) = await FollowUpWrites.LoadAsync(db, user, command.FollowUpId, lead: true, nameof(AddTeamMember), now, cancellationToken);

        var candidate = await (
                from u in db.Users.AsNoTracking()
                join unit in db.Units on u.UnitId equals unit.Id
                where u.Id == command.UserId && !u.IsDisabled
                select new { unit.AgencyId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException(nameof(command.UserId), Messages.Team_UserNotFound);
        if (candidate.AgencyId != followUp.AgencyId)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Team_OtherAgency);
        }

        if (followUp.HasMember(command.UserId))
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Team_AlreadyMember);
        }

        followUp.AddMember(command.UserId, command.Role, now);
        return new TeamChanged(followUp.Id);
    }
}

internal sealed class RemoveTeamMemberHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RemoveTeamMember, TeamChanged>
{
    public async ValueTask<TeamChanged> Handle(RemoveTeamMember command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var (followUp, _) = await FollowUpWrites.LoadAsync(db, user, command.FollowUpId, lead: true, nameof(RemoveTeamMember), clock.GetUtcNow(), cancellationToken);
        var member = followUp.Team.FirstOrDefault(m => m.UserId == command.UserId)
            ?? throw new RuleViolationException(nameof(command.UserId), Messages.Team_NotMember);
        if (member.Role == TeamRole.Lead && followUp.Team.Count(m => m.Role == TeamRole.Lead) == 1)
        {
            throw new RuleViolationException(nameof(command.UserId), Messages.Team_LastLead);
        }

        followUp.RemoveMember(member);
        return new TeamChanged(followUp.Id);
    }
}
