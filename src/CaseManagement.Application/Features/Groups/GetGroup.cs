using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>
/// One responsibility group as the user may see it: members, meetings with minutes, agreements, tasks and comments.
/// Members see minutes once they are sent for comment; drafts are the team's.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record GetGroup(Guid GroupId) : IQuery<GroupView>;

public sealed record GroupMemberView(
    Guid Id, ParticipantKind Kind, string Name, Guid? UserId, string Function, string? ConsentScope, DateTimeOffset? ConsentValidTo, bool ConsentActive);

public sealed record GroupAgreementView(Guid Id, string Text);

public sealed record GroupTaskView(Guid Id, string Text, Guid OwnerMemberId, string OwnerName, DateOnly DueOn, GroupTaskStatus Status, bool CanChange);

public sealed record MinutesCommentView(DateTimeOffset WrittenAt, string WrittenBy, string Text);

public sealed record GroupMeetingView(
    Guid Id, DateTimeOffset At, string Agenda, MinutesStatus MinutesStatus, string? Discussion, IReadOnlyList<Guid> Present, IReadOnlyList<Guid> Absent,
    IReadOnlyList<GroupAgreementView> Agreements, IReadOnlyList<GroupTaskView> Tasks, IReadOnlyList<MinutesCommentView> Comments,
    DateTimeOffset? NextMeetingAt, DateTimeOffset? SentAt, DateTimeOffset? ApprovedAt, string Version);

public sealed record GroupView(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    Guid ConvenorUserId,
    string ConvenorName,
    ConsentGiver ConsentGivenBy,
    DateOnly ConsentGivenOn,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<GroupMemberView> Members,
    IReadOnlyList<GroupMeetingView> Meetings,
    bool IsTeam,
    bool CanConvene,
    Guid? MyMemberId);

internal sealed class GetGroupValidator : AbstractValidator<GetGroup>
{
    public GetGroupValidator() => RuleFor(x => x.GroupId).NotEmpty();
}

internal sealed class GetGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetGroup, GroupView>
{
    public async ValueTask<GroupView> Handle(GetGroup query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequireGroupAccessAsync(db, user, query.GroupId, GroupOperation.Read, nameof(GetGroup), now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(access.PersonId, access.FollowUpId, "ResponsibilityGroup", access.Purpose), cancellationToken);

        var group = await db.ResponsibilityGroups.AsNoTracking().SingleAsync(g => g.Id == access.GroupId, cancellationToken);
        var personName = await db.Persons.AsNoTracking().Where(p => p.Id == group.PersonId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var members = await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var meetingRows = await db.GroupMeetings.Where(m => m.GroupId == group.Id).OrderByDescending(m => m.At).ToListAsync(cancellationToken);
        var meetingIds = meetingRows.Select(m => m.Id).ToList();
        var attendance = await db.MeetingAttendances.AsNoTracking().Where(a => meetingIds.Contains(a.MeetingId)).ToListAsync(cancellationToken);
        var agreements = await db.GroupAgreements.AsNoTracking().Where(a => a.GroupId == group.Id).OrderBy(a => a.Position).ToListAsync(cancellationToken);
        var tasks = await db.GroupTasks.AsNoTracking().Where(t => t.GroupId == group.Id).OrderBy(t => t.DueOn).ToListAsync(cancellationToken);
        var comments = await db.MinutesComments.AsNoTracking().Where(c => meetingIds.Contains(c.MeetingId)).OrderBy(c => c.WrittenAt).ToListAsync(cancellationToken);
        var userIds = comments.Select(c => c.UserId).Append(group.ConvenorUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var memberNames = members.ToDictionary(m => m.Id, m => m.Name);

        var meetings = meetingRows
            .Select(m =>
            {
                // A member by consent sees the invitation of a draft, not its unfinished minutes.
                var showMinutes = access.Basis is not null || m.MinutesStatus != MinutesStatus.Draft;
                return new GroupMeetingView(
                    m.Id, m.At, m.Agenda, m.MinutesStatus, showMinutes ? m.Discussion : null,
                    attendance.Where(a => a.MeetingId == m.Id && a.Present).Select(a => a.MemberId).ToList(),
                    attendance.Where(a => a.MeetingId == m.Id && !a.Present).Select(a => a.MemberId).ToList(),
                    showMinutes ? agreements.Where(a => a.MeetingId == m.Id).Select(a => new GroupAgreementView(a.Id, a.Text)).ToList() : [],
                    tasks.Where(t => t.MeetingId == m.Id).Select(t => new GroupTaskView(
                        t.Id, t.Text, t.OwnerMemberId, memberNames.GetValueOrDefault(t.OwnerMemberId, ""), t.DueOn, t.Status,
                        group.EndedAt is null && access.MayChangeTask(t.OwnerMemberId))).ToList(),
                    comments.Where(c => c.MeetingId == m.Id).Select(c => new MinutesCommentView(c.WrittenAt, names.GetValueOrDefault(c.UserId, ""), c.Text)).ToList(),
                    m.NextMeetingAt, m.SentAt, m.ApprovedAt, ConcurrencyTokens.Read(db.Entry(m)));
            })
            .ToList();

        var memberViews = members.Select(m => access.IsTeam
            ? new GroupMemberView(m.Id, m.Kind, m.Name, m.UserId, m.Function, m.ConsentScope, m.ConsentValidTo, m.HasActiveConsent(now))
            : new GroupMemberView(m.Id, m.Kind, m.Name, null, m.Function, null, null, m.HasActiveConsent(now))).ToList();
        return new GroupView(
            group.Id, group.FollowUpId, group.PersonId, personName, group.ConvenorUserId, names.GetValueOrDefault(group.ConvenorUserId, ""),
            group.ConsentGivenBy, group.ConsentGivenOn, group.StartedAt, group.EndedAt, memberViews, meetings,
            access.IsTeam, access.IsTeam && group.EndedAt is null, access.MemberId);
    }
}
