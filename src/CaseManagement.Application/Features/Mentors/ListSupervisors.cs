using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// The prevention coordinators of the user's own agency: the people who may supervise a mentor (the rule of
/// <see cref="SaveMentorProfile"/>), for the coordinator to pick by name. Staff only, no case data.
/// </summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record ListSupervisors : IQuery<IReadOnlyList<Supervisor>>;

public sealed record Supervisor(Guid UserId, string DisplayName, string UnitName);

internal sealed class ListSupervisorsHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<ListSupervisors, IReadOnlyList<Supervisor>>
{
    public async ValueTask<IReadOnlyList<Supervisor>> Handle(ListSupervisors query, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        var roleName = nameof(Role.PreventionCoordinator);
        var rows = await (
                from u in db.Users
                join unit in db.Units on u.UnitId equals unit.Id
                where unit.AgencyId == agencyId && !u.IsDisabled
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName))
                select new Supervisor(u.Id, u.DisplayName, unit.Name))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).ToList();
    }
}
