using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// Session cadence: an active assignment whose next session (last session + planned interval) is due within
/// <see cref="LookAheadDays"/> days or overdue. The mentor sees their own (first name only); the supervising
/// coordinator sees the overdue ones of the assignments they supervise.
/// </summary>
internal sealed class MentorCadenceDueItems : IDueItemSource
{
    public const int LookAheadDays = 3;

    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var items = new List<DueItem>();
        var userId = user.UserId;
        if (user.Can(Capability.ReadOwnMentees))
        {
            var mine = await Rows(db, AccessDecision.ActiveAssignmentsOfMentor(db, user, now)).ToListAsync(ct);
            foreach (var r in mine)
            {
                var due = MentorRules.NextDue(r.StartsOn, r.LastSession, r.PlannedIntervalDays);
                if (due <= today.AddDays(LookAheadDays))
                {
                    items.Add(new DueItem(
                        DueKind.MentorCadence, null, null, r.GivenName,
                        LocalisedText.Format(Messages.Mentor_DueSession, r.GivenName), due, Severity(due, today),
                        FormattableString.Invariant($"/mentor/mentees/{r.Id}"), r.Id));
                }
            }
        }

        if (user.Can(Capability.ManageMentorProgramme))
        {
            var supervised = db.MentorAssignments.Where(a => a.SupervisorUserId == userId && a.ClosedAt == null && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn >= today));
            foreach (var r in await Rows(db, supervised).ToListAsync(ct))
            {
                var due = MentorRules.NextDue(r.StartsOn, r.LastSession, r.PlannedIntervalDays);
                if (due < today)
                {
                    items.Add(new DueItem(
                        DueKind.MentorCadence, r.FollowUpId, r.PersonId, r.GivenName + " " + r.FamilyName,
                        LocalisedText.Format(Messages.Mentor_DueSessionOverdue, r.GivenName + " " + r.FamilyName, r.MentorName), due,
                        DueSeverity.Overdue, FormattableString.Invariant($"/mentorprogram/oppdrag/{r.FollowUpId}/{r.Id}"), r.Id));
                }
            }
        }

        return items;
    }

    private static DueSeverity Severity(DateOnly due, DateOnly today) =>
        due < today ? DueSeverity.Overdue : due == today ? DueSeverity.Due : DueSeverity.Upcoming;

    private static IQueryable<CadenceRow> Rows(CaseDbContext db, IQueryable<MentorAssignment> assignments) =>
        from a in assignments.AsNoTracking()
        join p in db.Persons on a.PersonId equals p.Id
        join m in db.Users on a.MentorUserId equals m.Id
        select new CadenceRow(
            a.Id, a.FollowUpId, a.PersonId, p.GivenName, p.FamilyName, m.DisplayName, a.StartsOn, a.PlannedIntervalDays,
            db.MentorSessions.Where(s => s.AssignmentId == a.Id).Max(s => (DateOnly?)s.HeldOn));

    private sealed record CadenceRow(
        Guid Id, Guid FollowUpId, Guid PersonId, string GivenName, string FamilyName, string MentorName, DateOnly StartsOn, int PlannedIntervalDays, DateOnly? LastSession);
}

/// <summary>
/// Police certificates that are too old within <see cref="MentorProfile.CertificateWarningDays"/> days (or already are):
/// for the mentor's supervising coordinator and for the mentor. No person of concern involved.
/// </summary>
internal sealed class PoliceCertificateDueItems : IDueItemSource
{
    public async Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        if (!user.Can(Capability.ManageMentorProgramme) && !user.Can(Capability.ReadOwnMentees))
        {
            return [];
        }

        var userId = user.UserId;
        var rows = await (
                from p in db.MentorProfiles.AsNoTracking()
                join u in db.Users on p.UserId equals u.Id
                where p.SupervisorUserId == userId || p.UserId == userId
                select new { Profile = p, u.DisplayName })
            .ToListAsync(ct);
        return rows
            .Where(r => r.Profile.CertificateValidUntil < today.AddDays(MentorProfile.CertificateWarningDays))
            .Select(r =>
            {
                var until = r.Profile.CertificateValidUntil;
                return new DueItem(
                    DueKind.PoliceCertificateExpiring, null, null, null,
                    LocalisedText.Format(until < today ? Messages.Mentor_DueCertificateExpired : Messages.Mentor_DueCertificateExpiring, r.DisplayName),
                    until, until < today ? DueSeverity.Overdue : until == today ? DueSeverity.Due : DueSeverity.Upcoming,
                    r.Profile.UserId == userId ? "/mentor" : "/mentorprogram", r.Profile.Id);
            })
            .ToList();
    }
}
