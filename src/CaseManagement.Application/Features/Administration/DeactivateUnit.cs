using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Deactivates a unit of the administrator's own agency (ADR-027): it keeps its history but receives no new users,
/// disclosures, consents or referrals and leaves the pickers. Refused, on the field and saying why, while the unit
/// has active users (move them first: <see cref="MoveUnitUsers"/>) or active disclosures to it (the disclosing
/// lead of the other agency ends them, or they expire: moving a disclosure would change its recipient without a
/// decision).
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record DeactivateUnit(Guid UnitId) : ICommand<UnitChanged>;

internal sealed class DeactivateUnitValidator : AbstractValidator<DeactivateUnit>
{
    public DeactivateUnitValidator() => RuleFor(x => x.UnitId).NotEmpty();
}

internal sealed class DeactivateUnitHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<DeactivateUnit, UnitChanged>
{
    public async ValueTask<UnitChanged> Handle(DeactivateUnit command, CancellationToken cancellationToken)
    {
        var unit = await AdministeredUnits.OwnAsync(db, currentUser.Required, command.UnitId, cancellationToken);
        if (!unit.IsActive)
        {
            throw new RuleViolationException(nameof(command.UnitId), Messages.Unit_AlreadyDeactivated);
        }

        var now = clock.GetUtcNow();
        var users = await AdministeredUnits.ActiveUsers(db, unit.Id).CountAsync(cancellationToken);
        if (users > 0)
        {
            throw new RuleViolationException(nameof(command.UnitId), Alerts.LocalisedText.Format(Messages.Unit_HasActiveUsers, users));
        }

        var disclosures = await AdministeredUnits.ActiveDisclosures(db, unit.Id, now).CountAsync(cancellationToken);
        if (disclosures > 0)
        {
            throw new RuleViolationException(nameof(command.UnitId), Alerts.LocalisedText.Format(Messages.Unit_HasActiveDisclosures, disclosures));
        }

        unit.Deactivate(now);
        return new UnitChanged(unit.Id);
    }
}
