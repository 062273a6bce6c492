using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Renames a unit of the administrator's own agency and sets its kind (a reorganisation does both). The id stays, so
/// users, disclosures and the audit keep pointing at it; the old name is in the change audit.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RenameUnit(Guid UnitId, string? Name, UnitKind? Kind) : ICommand<UnitChanged>;

internal sealed class RenameUnitValidator : AbstractValidator<RenameUnit>
{
    public RenameUnitValidator()
    {
        RuleFor(x => x.UnitId).NotEmpty();
        RuleFor(x => x.Name).UnitName();
        RuleFor(x => x.Kind).NotNull().WithMessage(_ => Messages.Unit_KindRequired).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class RenameUnitHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<RenameUnit, UnitChanged>
{
    public async ValueTask<UnitChanged> Handle(RenameUnit command, CancellationToken cancellationToken)
    {
        var unit = await AdministeredUnits.OwnAsync(db, currentUser.Required, command.UnitId, cancellationToken);
        var name = TextRules.Clean(command.Name)!;
        await AdministeredUnits.CheckNameIsFreeAsync(db, unit.AgencyId, name, unit.Id, nameof(command.Name), cancellationToken);
        unit.Rename(name, command.Kind!.Value);
        return new UnitChanged(unit.Id);
    }
}
