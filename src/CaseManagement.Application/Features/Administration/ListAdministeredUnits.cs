using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// The units of the administrator's own agency, deactivated ones too, with what stands in the way of deactivating
/// each: active users and active disclosures to it (ADR-027). Counts only, no names of people.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record ListAdministeredUnits : IQuery<IReadOnlyList<AdministeredUnitView>>;

public sealed record AdministeredUnitView(Guid Id, string Name, UnitKind Kind, DateTimeOffset? DeactivatedAt, int ActiveUsers, int ActiveDisclosures)
{
    public bool IsActive => DeactivatedAt is null;
}

internal sealed class ListAdministeredUnitsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<ListAdministeredUnits, IReadOnlyList<AdministeredUnitView>>
{
    public async ValueTask<IReadOnlyList<AdministeredUnitView>> Handle(ListAdministeredUnits query, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        var now = clock.GetUtcNow();
        var units = await db.Units.AsNoTracking().Where(u => u.AgencyId == agencyId).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        var ids = units.Select(u => u.Id).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.UnitId) && !u.IsDisabled)
            .GroupBy(u => u.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var disclosures = await db.Disclosures.AsNoTracking().Where(d => ids.Contains(d.ToUnitId) && d.EndedAt == null && d.ValidTo > now)
            .GroupBy(d => d.ToUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return units.Select(u => new AdministeredUnitView(
                u.Id, u.Name, u.Kind, u.DeactivatedAt, users.GetValueOrDefault(u.Id), disclosures.GetValueOrDefault(u.Id)))
            .ToList();
    }
}
