using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>Look-ups the mentor programme's use cases share: who holds a role, where, and the mentee's least label.</summary>
internal static class MentorRules
{
    /// <summary>The user exists, is active, holds <paramref name="role"/>, and works in an agency of <paramref name="kind"/> (or <paramref name="agencyId"/>).</summary>
    public static async Task<bool> HoldsRoleAsync(CaseDbContext db, Guid userId, Role role, Guid? agencyId, AgencyKind? kind, CancellationToken ct)
    {
        var roleName = role.ToString();
        var query =
            from u in db.Users
            join unit in db.Units on u.UnitId equals unit.Id
            join agency in db.Agencies on unit.AgencyId equals agency.Id
            where u.Id == userId && !u.IsDisabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName))
            select new { unit.AgencyId, agency.Kind };
        var row = await query.AsNoTracking().SingleOrDefaultAsync(ct);
        return row is not null && (agencyId is null || row.AgencyId == agencyId) && (kind is null || row.Kind == kind);
    }

    /// <summary>What a mentor (and an alert) may show of the mentee: first name and age, nothing more.</summary>
    public static string MenteeLabel(string givenName, DateOnly dateOfBirth, DateOnly today) =>
        LocalisedText.Format(Resources.Messages.Mentor_MenteeLabel, givenName, Domain.Persons.Age.At(dateOfBirth, today));

    /// <summary>When the next session is due: the planned interval after the last session, or after the start.</summary>
    public static DateOnly NextDue(DateOnly startsOn, DateOnly? lastSession, int intervalDays) =>
        (lastSession ?? startsOn).AddDays(intervalDays);
}
