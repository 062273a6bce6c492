using CaseManagement.Application.Common;
using CaseManagement.Domain.Persons;

namespace CaseManagement.Application.Access;

/// <summary>
/// The one place that answers "which records may this user reach?". Handlers, the API and the pages go through
/// it; no feature writes its own rule. A record outside the answer is reported as not found, never as forbidden,
/// so its existence does not leak.
/// </summary>
public static class RecordAccess
{
    /// <summary>
    /// A person entry is controlled by the agency that registered it; police and municipal registrations are
    /// kept apart. Follow-up membership and disclosures narrow and widen this in the access-control issue.
    /// </summary>
    public static IQueryable<Person> VisibleTo(this IQueryable<Person> persons, UserContext user) =>
        persons.Where(p => p.AgencyId == user.AgencyId);
}
