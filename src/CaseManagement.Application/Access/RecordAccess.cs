using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Persons;

namespace CaseManagement.Application.Access;

/// <summary>
/// Which person entries a user may reach. A person entry is controlled by the agency that registered it (ADR-006):
/// its own agency sees the register entry; another agency sees it only through a follow-up it can reach (a
/// disclosure or an emergency grant). Anything else answers "not found", never "forbidden".
/// </summary>
public static class RecordAccess
{
    /// <summary>Entries the user may read: their agency's register, plus people in follow-ups they can reach.</summary>
    public static IQueryable<Person> VisiblePersons(this CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var agencyId = user.AgencyId;
        var reachable = db.ReachableFollowUps(user, now);
        return db.Persons.Where(p => p.AgencyId == agencyId || reachable.Any(f => f.PersonId == p.Id));
    }

    /// <summary>Entries the user may change: only their own agency's (a disclosure is read-only).</summary>
    public static IQueryable<Person> OwnAgencyPersons(this CaseDbContext db, UserContext user)
    {
        var agencyId = user.AgencyId;
        return db.Persons.Where(p => p.AgencyId == agencyId);
    }
}
