using System.Globalization;
using System.Text;
using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.WorkSurfaces;

/// <summary>
/// The follow-ups' own due items: consents (samtykker) on the user's team follow-ups, in the user's agency, that run
/// out within <see cref="ConsentWindowDays"/> days, so the team can renew them before the sharing they carry stops.
/// </summary>
internal sealed class FollowUpDueItems : IDueItemSource
{
    public const int ConsentWindowDays = 30;

    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        // The item names the person and links to the follow-up: only for a role that may read follow-ups. A mentor
        // put on a team still sees nothing beyond their mentees (DOMAIN.md, roles; ADR-025).
        if (!user.Can(Domain.Access.Capability.ReadFollowUps))
        {
            return [];
        }

        var until = now.AddDays(ConsentWindowDays);
        var rows = await (
                from c in db.Consents.AsNoTracking().Where(AccessDecision.ConsentInForce(now))
                join f in AccessDecision.TeamFollowUps(db, user) on c.FollowUpId equals f.Id
                join p in db.Persons on c.PersonId equals p.Id
                join unit in db.Units on c.ToUnitId equals unit.Id
                where f.Status == FollowUpStatus.Open && c.ValidTo != null && c.ValidTo <= until
                select new { c.Id, c.FollowUpId, c.PersonId, p.GivenName, p.FamilyName, UnitName = unit.Name, ValidTo = c.ValidTo!.Value })
            .ToListAsync(ct);

        var title = CompositeFormat.Parse(Messages.Home_Due_ConsentExpiring);
        return rows.Select(r =>
        {
            var due = OsloTime.DateOf(r.ValidTo);
            return new DueItem(
                DueKind.ConsentExpiring,
                r.FollowUpId,
                r.PersonId,
                r.GivenName + " " + r.FamilyName,
                string.Format(CultureInfo.CurrentCulture, title, r.UnitName),
                due,
                due <= today ? DueSeverity.Due : DueSeverity.Upcoming,
                string.Create(CultureInfo.InvariantCulture, $"/oppfolginger/{r.FollowUpId}"),
                r.Id);
        }).ToList();
    }
}
