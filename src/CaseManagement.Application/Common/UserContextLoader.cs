using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Common;

internal static class UserContextLoader
{
    /// <summary>The user as the database knows them now; null when unknown, disabled or locked out for good.</summary>
    public static async Task<UserContext?> LoadAsync(CaseDbContext db, Guid userId, CancellationToken ct)
    {
        var row = await (
                from u in db.Users.AsNoTracking()
                join unit in db.Units on u.UnitId equals unit.Id
                join agency in db.Agencies on unit.AgencyId equals agency.Id
                where u.Id == userId && !u.IsDisabled
                select new
                {
                    u.Id, u.DisplayName, u.UnitId, unit.AgencyId, agency.Kind,
                    // A service account holds only its client's named capabilities, and none while the client is disabled.
                    Client = db.IntegrationClients.Where(c => c.ServiceAccountUserId == u.Id).Select(c => new { c.Capabilities, c.IsDisabled }).FirstOrDefault(),
                })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var roleNames = await (
                from ur in db.UserRoles.AsNoTracking()
                join r in db.Roles on ur.RoleId equals r.Id
                where ur.UserId == userId
                select r.Name)
            .ToListAsync(ct);

        var roles = roleNames
            .Select(n => Enum.TryParse<Role>(n, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();

        var named = row.Client is null ? null
            : row.Client.IsDisabled ? new HashSet<Capability>()
            : Domain.Access.IntegrationClient.ParseCapabilities(row.Client.Capabilities);
        return new UserContext(row.Id, row.DisplayName, row.UnitId, row.AgencyId, row.Kind, roles, named);
    }
}
