using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.Organisation;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>
/// Which of the user's alerts they still stand in (ADR-018): an alert carries a label and the person's id, so being
/// named a recipient once is not enough. A recipient keeps an alert while they reach its follow-up now (the access
/// decision: team, disclosure, emergency access), or while they still hold the duty that made them a recipient: for a
/// mentor escalation, the assignment's supervising coordinator (a prevention coordinator of the follow-up's agency)
/// or its police contact (a radicalisation contact of a police agency, who by design does not reach the municipal
/// record, ADR-014). Otherwise the alert is not listed, not counted, and answers "not found" to read and handle; the
/// alert and the recipient's row stay, with their audit.
/// </summary>
internal static class AlertScope
{
    public static IQueryable<AlertRecipient> StandingRecipients(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var userId = user.UserId;
        var agencyId = user.AgencyId;
        var asSupervisor = user.Roles.Contains(Role.PreventionCoordinator);
        var asPoliceContact = user.AgencyKind == AgencyKind.Police && user.Roles.Contains(Role.RadicalisationContact);
        var reachable = db.ReachableFollowUps(user, now).Select(f => f.Id);
        var namedOn = db.MentorAssignments
            .Where(a => (asSupervisor && a.SupervisorUserId == userId && db.FollowUps.Any(f => f.Id == a.FollowUpId && f.AgencyId == agencyId))
                        || (asPoliceContact && a.PoliceContactUserId == userId))
            .Select(a => a.Id);
        return db.AlertRecipients.Where(r => r.UserId == userId
            && (reachable.Contains(r.FollowUpId)
                || db.Alerts.Any(a => a.Id == r.AlertId && a.Kind == AlertKind.MentorEscalation && namedOn.Contains(a.SubjectId))));
    }
}
