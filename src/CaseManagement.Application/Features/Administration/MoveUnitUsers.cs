using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Moves every user of a unit (disabled ones too, so none is left behind) to another active unit of the same
/// agency: what makes a unit free to be deactivated (ADR-027). Units have no hierarchy, so "moving a unit" means
/// moving its people. Team memberships travel with the users, so the follow-ups they work on go with them; roles stay
/// valid, as the agency is the same. Each user's new unit is in the change audit.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record MoveUnitUsers(Guid FromUnitId, Guid ToUnitId) : ICommand<UnitUsersMoved>;

public sealed record UnitUsersMoved(Guid FromUnitId, Guid ToUnitId, int Users);

internal sealed class MoveUnitUsersValidator : AbstractValidator<MoveUnitUsers>
{
    public MoveUnitUsersValidator()
    {
        RuleFor(x => x.FromUnitId).NotEmpty();
        RuleFor(x => x.ToUnitId).NotEmpty().WithMessage(_ => Messages.Unit_MoveTargetRequired)
            .Must((x, to) => to != x.FromUnitId).WithMessage(_ => Messages.Unit_MoveToSame);
    }
}

internal sealed class MoveUnitUsersHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<MoveUnitUsers, UnitUsersMoved>
{
    public async ValueTask<UnitUsersMoved> Handle(MoveUnitUsers command, CancellationToken cancellationToken)
    {
        var administrator = currentUser.Required;
        var from = await AdministeredUnits.OwnAsync(db, administrator, command.FromUnitId, cancellationToken);
        // The target is a field of the form: the other agency's unit is refused on it as unknown, like CreateUser's.
        var to = await db.Units.SingleOrDefaultAsync(u => u.Id == command.ToUnitId && u.AgencyId == administrator.AgencyId, cancellationToken)
            ?? throw new RuleViolationException(nameof(command.ToUnitId), Messages.Admin_UnitNotFound);
        if (!to.IsActive)
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Unit_Deactivated);
        }

        var users = await db.Users.Where(u => u.UnitId == from.Id).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            user.UnitId = to.Id;
        }

        return new UnitUsersMoved(from.Id, to.Id, users.Count);
    }
}
