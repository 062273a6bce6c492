using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>
/// A group and its sessions: group-level topics and notes, the attending families the user can reach by name, and
/// only a count of the others.
/// </summary>
[Requires(Capability.GuideFamilies)]
public sealed record GetFamilyGroup(Guid GroupId) : IQuery<FamilyGroupView>;

public sealed record GroupFamilyRef(Guid CourseId, Guid FollowUpId, string FamilyLabel);

public sealed record GroupSessionView(Guid Id, DateOnly HeldOn, string Topics, string? GroupNotes, IReadOnlyList<GroupFamilyRef> Families, int OtherFamilies);

public sealed record FamilyGroupView(Guid Id, string Name, IReadOnlyList<GroupSessionView> Sessions);

internal sealed class GetFamilyGroupValidator : AbstractValidator<GetFamilyGroup>
{
    public GetFamilyGroupValidator() => RuleFor(x => x.GroupId).NotEmpty();
}

internal sealed class GetFamilyGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog) : IQueryHandler<GetFamilyGroup, FamilyGroupView>
{
    public async ValueTask<FamilyGroupView> Handle(GetFamilyGroup query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var unitId = user.UnitId;
        var group = await db.FamilyGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == query.GroupId && g.UnitId == unitId, cancellationToken)
            ?? throw new NotFoundException("FamilyGroup");
        var sessions = await db.GroupSessions.AsNoTracking().Where(s => s.GroupId == group.Id).ToListAsync(cancellationToken);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var reachable = AccessDecision.FollowUpsCovering(db, user, clock.GetUtcNow(), RecordKinds.FamilyGuidance);
        var attendance = await (
                from a in db.GroupAttendances.AsNoTracking()
                where sessionIds.Contains(a.GroupSessionId)
                join c in db.FamilyGuidanceCourses on a.CourseId equals c.Id
                select new { a.GroupSessionId, a.CourseId, a.FollowUpId, c.PersonId, c.FamilyLabel, Visible = reachable.Any(f => f.Id == a.FollowUpId) })
            .ToListAsync(cancellationToken);
        await accessLog.RecordAsync(
            attendance.Where(a => a.Visible).DistinctBy(a => a.CourseId).Select(a => new AccessRecord(a.PersonId, a.FollowUpId, "FamilyGroup", AccessPurpose.NormalWork)).ToList(),
            cancellationToken);
        return new FamilyGroupView(
            group.Id, group.Name,
            sessions.OrderByDescending(s => s.HeldOn).Select(s =>
            {
                var rows = attendance.Where(a => a.GroupSessionId == s.Id).ToList();
                return new GroupSessionView(
                    s.Id, s.HeldOn, s.Topics, s.GroupNotes,
                    rows.Where(a => a.Visible).Select(a => new GroupFamilyRef(a.CourseId, a.FollowUpId, a.FamilyLabel)).ToList(),
                    rows.Count(a => !a.Visible));
            }).ToList());
    }
}
