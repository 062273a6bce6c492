using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Persons;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Access;

// The person register. A person entry is controlled by the agency that registered it (ADR-006): its own agency sees
// the register entry and changes it; another agency sees it only through a follow-up it can reach (a disclosure or
// an emergency grant), read only. Anything else answers "not found", never "forbidden".
public static partial class AccessDecision
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

    /// <summary>Why the user may see people of another agency's register: emergency grants win over disclosures.</summary>
    public static async Task<Dictionary<Guid, Auditing.AccessPurpose>> PurposesForPersonsAsync(
        CaseDbContext db, UserContext user, IReadOnlyCollection<(Guid PersonId, Guid AgencyId)> persons, DateTimeOffset now, CancellationToken ct)
    {
        var result = persons.Where(p => p.AgencyId == user.AgencyId).ToDictionary(p => p.PersonId, _ => Auditing.AccessPurpose.NormalWork);
        var others = persons.Where(p => p.AgencyId != user.AgencyId).Select(p => p.PersonId).ToList();
        if (others.Count > 0)
        {
            var emergency = await ActiveEmergencyGrants(db, user, now).AsNoTracking()
                .Join(db.FollowUps, e => e.FollowUpId, f => f.Id, (e, f) => f.PersonId)
                .Where(personId => others.Contains(personId))
                .ToListAsync(ct);
            foreach (var personId in others)
            {
                result[personId] = emergency.Contains(personId) ? Auditing.AccessPurpose.EmergencyAccess : Auditing.AccessPurpose.Disclosure;
            }
        }

        return result;
    }
}
