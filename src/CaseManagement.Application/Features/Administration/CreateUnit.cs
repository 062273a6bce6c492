using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Mediator;
using Unit = CaseManagement.Domain.Organisation.Unit;

namespace CaseManagement.Application.Features.Administration;

/// <summary>A new unit of the administrator's own agency (ADR-027). The agency is never chosen: it is the administrator's.</summary>
[Requires(Capability.AdministerUsers)]
public sealed record CreateUnit(string? Name, UnitKind? Kind) : ICommand<UnitChanged>;

internal sealed class CreateUnitValidator : AbstractValidator<CreateUnit>
{
    public CreateUnitValidator()
    {
        RuleFor(x => x.Name).UnitName();
        RuleFor(x => x.Kind).NotNull().WithMessage(_ => Messages.Unit_KindRequired).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class CreateUnitHandler(CaseDbContext db, CurrentUser currentUser) : ICommandHandler<CreateUnit, UnitChanged>
{
    public async ValueTask<UnitChanged> Handle(CreateUnit command, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        var name = TextRules.Clean(command.Name)!;
        await AdministeredUnits.CheckNameIsFreeAsync(db, agencyId, name, null, nameof(command.Name), cancellationToken);
        var unit = new Unit(Guid.CreateVersion7(), agencyId, name, command.Kind!.Value);
        db.Units.Add(unit);
        return new UnitChanged(unit.Id);
    }
}
