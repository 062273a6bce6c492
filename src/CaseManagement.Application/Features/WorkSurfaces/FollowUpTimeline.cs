using System.Globalization;
using System.Text;
using CaseManagement.Application.Access;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.WorkSurfaces;

/// <summary>
/// The follow-ups' own events on the person timeline: opened and closed for every follow-up the user reaches with the
/// follow-up kind; consents and disclosures (given, refused, withdrawn, ended) only on follow-ups where the user is on
/// the team, as on the follow-up page. Three queries however many follow-ups.
/// </summary>
internal sealed class FollowUpTimeline : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct)
    {
        var reachable = scope.FollowUpsCovering(RecordKinds.FollowUp);
        if (reachable.Count == 0)
        {
            return [];
        }

        var events = new List<TimelineEvent>();
        var followUps = await (
                from f in db.FollowUps.AsNoTracking()
                join a in db.Agencies on f.AgencyId equals a.Id
                where reachable.Contains(f.Id)
                select new { f.Id, f.OpenedAt, f.ClosedAt, AgencyName = a.Name })
            .ToListAsync(ct);
        var opened = CompositeFormat.Parse(Messages.Timeline_FollowUpOpened);
        foreach (var f in followUps)
        {
            events.Add(new TimelineEvent(f.OpenedAt, TimelineKind.FollowUpOpened, RecordKinds.FollowUp,
                string.Format(CultureInfo.CurrentCulture, opened, f.AgencyName), f.Id, Link(f.Id), f.Id));
            if (f.ClosedAt is { } closedAt)
            {
                events.Add(new TimelineEvent(closedAt, TimelineKind.FollowUpClosed, RecordKinds.FollowUp, Messages.Timeline_FollowUpClosed, f.Id, Link(f.Id), f.Id));
            }
        }

        var team = scope.Grants.Where(g => g.Basis == AccessBasis.TeamMember).Select(g => g.FollowUpId).ToList();
        if (team.Count == 0)
        {
            return events;
        }

        var consents = await (
                from c in db.Consents.AsNoTracking()
                join unit in db.Units on c.ToUnitId equals unit.Id
                where team.Contains(c.FollowUpId)
                select new { c.Id, c.FollowUpId, c.RecordedAt, c.Refused, c.WithdrawnAt, UnitName = unit.Name })
            .ToListAsync(ct);
        var given = CompositeFormat.Parse(Messages.Timeline_ConsentGiven);
        var refused = CompositeFormat.Parse(Messages.Timeline_ConsentRefused);
        var withdrawn = CompositeFormat.Parse(Messages.Timeline_ConsentWithdrawn);
        foreach (var c in consents)
        {
            events.Add(new TimelineEvent(c.RecordedAt, TimelineKind.Consent, RecordKinds.FollowUp,
                string.Format(CultureInfo.CurrentCulture, c.Refused ? refused : given, c.UnitName), c.FollowUpId, Link(c.FollowUpId), c.Id));
            if (c.WithdrawnAt is { } at)
            {
                events.Add(new TimelineEvent(at, TimelineKind.Consent, RecordKinds.FollowUp,
                    string.Format(CultureInfo.CurrentCulture, withdrawn, c.UnitName), c.FollowUpId, Link(c.FollowUpId), c.Id));
            }
        }

        var disclosures = await (
                from d in db.Disclosures.AsNoTracking()
                join unit in db.Units on d.ToUnitId equals unit.Id
                where team.Contains(d.FollowUpId)
                select new { d.Id, d.FollowUpId, d.GrantedAt, d.EndedAt, UnitName = unit.Name })
            .ToListAsync(ct);
        var disclosed = CompositeFormat.Parse(Messages.Timeline_DisclosureGranted);
        var ended = CompositeFormat.Parse(Messages.Timeline_DisclosureEnded);
        foreach (var d in disclosures)
        {
            events.Add(new TimelineEvent(d.GrantedAt, TimelineKind.Disclosure, RecordKinds.FollowUp,
                string.Format(CultureInfo.CurrentCulture, disclosed, d.UnitName), d.FollowUpId, Link(d.FollowUpId), d.Id));
            if (d.EndedAt is { } at)
            {
                events.Add(new TimelineEvent(at, TimelineKind.Disclosure, RecordKinds.FollowUp,
                    string.Format(CultureInfo.CurrentCulture, ended, d.UnitName), d.FollowUpId, Link(d.FollowUpId), d.Id));
            }
        }

        return events;
    }

    private static string Link(Guid followUpId) => string.Create(CultureInfo.InvariantCulture, $"/oppfolginger/{followUpId}");
}
