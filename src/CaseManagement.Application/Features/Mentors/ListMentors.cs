using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>The mentor roster of the coordinator's agency: profile, certificate state, load. No mentee data.</summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record ListMentors : IQuery<IReadOnlyList<MentorRosterItem>>;

public enum CertificateState
{
    Missing,
    Valid,

    /// <summary>Valid, but too old within <see cref="MentorProfile.CertificateWarningDays"/> days.</summary>
    ExpiringSoon,
    Expired,
}

public sealed record MentorRosterItem(
    Guid UserId,
    string DisplayName,
    string UnitName,
    bool HasProfile,
    DateOnly? TrainingCompletedOn,
    DateOnly? PoliceCertificateIssuedOn,
    DateOnly? CertificateValidUntil,
    CertificateState CertificateState,
    int Capacity,
    int ActiveAssignments,
    Guid? SupervisorUserId,
    string? SupervisorName);

internal sealed class ListMentorsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : IQueryHandler<ListMentors, IReadOnlyList<MentorRosterItem>>
{
    public async ValueTask<IReadOnlyList<MentorRosterItem>> Handle(ListMentors query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var agencyId = user.AgencyId;
        var mentorRole = nameof(Role.Mentor);
        var rows = await (
                from u in db.Users
                join unit in db.Units on u.UnitId equals unit.Id
                where unit.AgencyId == agencyId && !u.IsDisabled
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == mentorRole))
                join p in db.MentorProfiles on u.Id equals p.UserId into profiles
                from p in profiles.DefaultIfEmpty()
                join s in db.Users on p.SupervisorUserId equals s.Id into supervisors
                from s in supervisors.DefaultIfEmpty()
                select new { u.Id, u.DisplayName, UnitName = unit.Name, Profile = p, SupervisorName = s == null ? null : s.DisplayName })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var active = await db.MentorAssignments.AsNoTracking()
            .Where(a => ids.Contains(a.MentorUserId) && a.ClosedAt == null && (a.EndsOn == null || a.EndsOn >= today))
            .GroupBy(a => a.MentorUserId)
            .Select(g => new { MentorUserId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        return rows
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .Select(r => new MentorRosterItem(
                r.Id, r.DisplayName, r.UnitName, r.Profile is not null, r.Profile?.TrainingCompletedOn, r.Profile?.PoliceCertificateIssuedOn,
                r.Profile?.CertificateValidUntil, StateOf(r.Profile, today), r.Profile?.Capacity ?? 0,
                active.SingleOrDefault(a => a.MentorUserId == r.Id)?.Count ?? 0, r.Profile?.SupervisorUserId, r.SupervisorName))
            .ToList();
    }

    internal static CertificateState StateOf(MentorProfile? profile, DateOnly today) => profile switch
    {
        null => CertificateState.Missing,
        _ when !profile.CertificateValidOn(today) => CertificateState.Expired,
        _ when profile.CertificateValidUntil < today.AddDays(MentorProfile.CertificateWarningDays) => CertificateState.ExpiringSoon,
        _ => CertificateState.Valid,
    };
}
