using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>
/// Appoints a user leader of the unit they work in, or ends their leadership (ADR-030). The leader confirms the access
/// of the unit's other users. An administrator of the user's agency, never for themselves (no one gives themselves the
/// power to confirm others); the other agency's user is "not found".
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record SetUnitLeader(Guid UserId, bool IsLeader) : ICommand<UserChanged>;

internal sealed class SetUnitLeaderValidator : AbstractValidator<SetUnitLeader>
{
    public SetUnitLeaderValidator() => RuleFor(x => x.UserId).NotEmpty();
}

internal sealed class SetUnitLeaderHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<SetUnitLeader, UserChanged>
{
    public async ValueTask<UserChanged> Handle(SetUnitLeader command, CancellationToken cancellationToken)
    {
        var administrator = currentUser.Required;
        var user = await AdministeredUsers.AnotherUserAsync(db, administrator, command.UserId, cancellationToken);
        // Appointments for a unit the user has left are ended too: they count for nothing and should not linger.
        var appointments = await db.UnitLeaders.Where(l => l.UserId == user.Id).ToListAsync(cancellationToken);
        db.UnitLeaders.RemoveRange(appointments.Where(l => !command.IsLeader || l.UnitId != user.UnitId));
        if (command.IsLeader && appointments.All(l => l.UnitId != user.UnitId))
        {
            db.UnitLeaders.Add(UnitLeader.Appoint(Guid.CreateVersion7(), user.UnitId, user.Id, administrator.UserId, clock.GetUtcNow()));
        }

        return new UserChanged(user.Id);
    }
}
