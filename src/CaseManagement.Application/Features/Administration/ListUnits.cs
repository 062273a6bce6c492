using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Agencies and their active units, for pickers (team, consent, disclosure); with <see cref="OwnAgencyOnly"/> the
/// units of the user's own agency (the administrator's user search). A deactivated unit is left out (ADR-027). No
/// personal data.
/// </summary>
[Requires(Capability.ReadOrganisation)]
public sealed record ListUnits(bool OwnAgencyOnly = false) : IQuery<IReadOnlyList<UnitView>>;

public sealed record UnitView(Guid Id, string Name, UnitKind Kind, Guid AgencyId, string AgencyName, AgencyKind AgencyKind);

/// <summary>A yes/no switch has no wrong value; the validator is here so that every message with input has one.</summary>
internal sealed class ListUnitsValidator : AbstractValidator<ListUnits>;

internal sealed class ListUnitsHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<ListUnits, IReadOnlyList<UnitView>>
{
    public async ValueTask<IReadOnlyList<UnitView>> Handle(ListUnits query, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        return await (
                from u in db.Units.AsNoTracking()
                join a in db.Agencies on u.AgencyId equals a.Id
                where u.DeactivatedAt == null && (!query.OwnAgencyOnly || a.Id == agencyId)
                orderby a.Name, u.Name
                select new UnitView(u.Id, u.Name, u.Kind, a.Id, a.Name, a.Kind))
            .ToListAsync(cancellationToken);
    }
}
