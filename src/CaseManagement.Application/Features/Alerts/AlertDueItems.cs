using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Alerts;

/// <summary>The user's unhandled alerts they still stand in (<see cref="AlertScope"/>), at the top of "Mine oppgaver": critical until handled.</summary>
internal sealed class AlertDueItems : IDueItemSource
{
    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        if (!user.Can(Domain.Access.Capability.ReceiveAlerts))
        {
            return [];
        }

        var rows = await (
                from r in AlertScope.StandingRecipients(db, user, now).AsNoTracking()
                join a in db.Alerts on r.AlertId equals a.Id
                join f in db.FollowUps on a.FollowUpId equals f.Id
                where r.HandledAt == null
                select new { a.Id, a.FollowUpId, f.PersonId, a.SubjectLabel, a.RaisedAt })
            .ToListAsync(ct);
        return rows.Select(r => new DueItem(
                DueKind.EscalationAlert,
                r.FollowUpId,
                r.PersonId,
                r.SubjectLabel,
                LocalisedText.Format(Messages.Alert_DueTitle, r.SubjectLabel),
                OsloTime.DateOf(r.RaisedAt),
                DueSeverity.Critical,
                AlertLinks.ToAlert(r.Id),
                r.Id))
            .ToList();
    }
}
