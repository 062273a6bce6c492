using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// What a privacy officer oversees (ADR-018): the records of their own agency, the data controller (ADR-006), in every
/// unit of it, and nothing of the other agency. A person, audit event, access entry or emergency access of the other
/// agency answers "not found" and is left out of lists and counts. Within the agency the officer sees who, when, why
/// and which fields, and the values only of lifecycle fields (<see cref="ShowsValue"/>), never case content.
/// </summary>
internal static class OversightScope
{
    /// <summary>Fields whose values are shown: status and lifecycle, no free text and no assessment.</summary>
    private static readonly HashSet<string> ValueFields = new(StringComparer.Ordinal) { "Status", "State", "ValidFrom", "ValidTo", "RecordKinds", "Role", "Refused" };

    /// <summary>Names ending so are times, calendar days or references to other records (ids).</summary>
    private static readonly string[] ValueSuffixes = ["At", "On", "Id"];

    /// <summary>
    /// True when the privacy officer may see the field's old and new value: never an encrypted ([Sensitive]) value,
    /// and otherwise only a status, a time or day, or a reference. Everything else (names, contact details, notes,
    /// texts, levels, assessments) is case content or personal data the oversight does not need: deny by default.
    /// </summary>
    public static bool ShowsValue(string field, bool encrypted) =>
        !encrypted && (ValueFields.Contains(field) || ValueSuffixes.Any(s => field.EndsWith(s, StringComparison.Ordinal)));

    /// <summary>The person, if registered by the officer's agency; otherwise "not found" (it may not exist at all).</summary>
    public static async Task RequireOwnPersonAsync(CaseDbContext db, UserContext user, Guid personId, CancellationToken ct)
    {
        if (!await db.OwnAgencyPersons(user).AnyAsync(p => p.Id == personId, ct))
        {
            throw new NotFoundException("Person");
        }
    }

    /// <summary>A user of the officer's agency (by their unit now); otherwise "not found".</summary>
    public static async Task RequireOwnUserAsync(CaseDbContext db, UserContext user, Guid userId, CancellationToken ct)
    {
        var agencyId = user.AgencyId;
        if (!await db.Users.AnyAsync(u => u.Id == userId && db.Units.Any(unit => unit.Id == u.UnitId && unit.AgencyId == agencyId), ct))
        {
            throw new NotFoundException("User");
        }
    }

    /// <summary>
    /// Audit events of the officer's agency: about one of its persons, or done in one of its units and about no person;
    /// an event that touches a person of the other agency belongs to that agency and is left out.
    /// </summary>
    public static IQueryable<AuditEvent> Events(CaseDbContext db, UserContext user)
    {
        var agencyId = user.AgencyId;
        var ownUnits = db.Units.Where(u => u.AgencyId == agencyId).Select(u => u.Id);
        return db.AuditEvents.Where(e =>
            !db.AuditSubjects.Any(s => s.AuditEventId == e.Id && db.Persons.Any(p => p.Id == s.PersonId && p.AgencyId != agencyId))
            && (db.AuditSubjects.Any(s => s.AuditEventId == e.Id && db.Persons.Any(p => p.Id == s.PersonId && p.AgencyId == agencyId))
                || (e.UnitId != null && ownUnits.Contains(e.UnitId.Value))));
    }
}
