using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>The groups of the user's unit, with their number of sessions. No family data.</summary>
[Requires(Capability.GuideFamilies)]
public sealed record ListFamilyGroups : IQuery<IReadOnlyList<FamilyGroupSummary>>;

public sealed record FamilyGroupSummary(Guid Id, string Name, int Sessions, DateOnly? LastSessionOn);

internal sealed class ListFamilyGroupsHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<ListFamilyGroups, IReadOnlyList<FamilyGroupSummary>>
{
    public async ValueTask<IReadOnlyList<FamilyGroupSummary>> Handle(ListFamilyGroups query, CancellationToken cancellationToken)
    {
        var unitId = currentUser.Required.UnitId;
        var rows = await db.FamilyGroups.AsNoTracking().Where(g => g.UnitId == unitId)
            .Select(g => new FamilyGroupSummary(
                g.Id, g.Name, db.GroupSessions.Count(s => s.GroupId == g.Id), db.GroupSessions.Where(s => s.GroupId == g.Id).Max(s => (DateOnly?)s.HeldOn)))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
    }
}
