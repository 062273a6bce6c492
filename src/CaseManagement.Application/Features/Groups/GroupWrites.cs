using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Groups;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

internal static class GroupWrites
{
    /// <summary>The group for a change: access decided by <see cref="AccessDecision.RequireGroupAccessAsync"/>, and the group must still run.</summary>
    public static async Task<(ResponsibilityGroup Group, GroupAccess Access)> LoadActiveAsync(
        CaseDbContext db, UserContext user, Guid groupId, GroupOperation operation, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var access = await AccessDecision.RequireGroupAccessAsync(db, user, groupId, operation, messageName, now, ct);
        var group = await db.ResponsibilityGroups.SingleAsync(g => g.Id == groupId, ct);
        if (!group.IsActive)
        {
            throw new RuleViolationException("GroupId", Messages.Group_Ended);
        }

        return (group, access);
    }

    /// <summary>A meeting for a change, through its group.</summary>
    public static async Task<(GroupMeeting Meeting, ResponsibilityGroup Group, GroupAccess Access)> LoadMeetingAsync(
        CaseDbContext db, UserContext user, Guid meetingId, GroupOperation operation, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var meeting = await db.GroupMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct) ?? throw new NotFoundException("GroupMeeting");
        var (group, access) = await LoadActiveAsync(db, user, meeting.GroupId, operation, messageName, now, ct);
        return (meeting, group, access);
    }

    /// <summary>Approved minutes are read-only; sent minutes wait for comments and are not edited.</summary>
    public static void RequireDraftMinutes(GroupMeeting meeting)
    {
        if (meeting.MinutesStatus == MinutesStatus.Approved)
        {
            throw new RuleViolationException("MeetingId", Messages.Group_MinutesApprovedReadOnly);
        }

        if (meeting.MinutesStatus == MinutesStatus.SentForComment)
        {
            throw new RuleViolationException("MeetingId", Messages.Group_MinutesSentReadOnly);
        }
    }
}
