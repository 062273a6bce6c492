using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>Agencies and their active units, for pickers (team, consent, disclosure). No personal data. A deactivated unit is left out (ADR-027).</summary>
[Requires(Capability.ReadOrganisation)]
public sealed record ListUnits : IQuery<IReadOnlyList<UnitView>>;

public sealed record UnitView(Guid Id, string Name, UnitKind Kind, Guid AgencyId, string AgencyName, AgencyKind AgencyKind);

internal sealed class ListUnitsHandler(CaseDbContext db) : IQueryHandler<ListUnits, IReadOnlyList<UnitView>>
{
    public async ValueTask<IReadOnlyList<UnitView>> Handle(ListUnits query, CancellationToken cancellationToken) =>
        await (
                from u in db.Units.AsNoTracking()
                join a in db.Agencies on u.AgencyId equals a.Id
                where u.DeactivatedAt == null
                orderby a.Name, u.Name
                select new UnitView(u.Id, u.Name, u.Kind, a.Id, a.Name, a.Kind))
            .ToListAsync(cancellationToken);
}
