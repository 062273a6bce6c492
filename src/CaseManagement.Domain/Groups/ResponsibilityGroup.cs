using CaseManagement.Domain.Auditing;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;

namespace CaseManagement.Domain.Groups;

/// <summary>Where a meeting's minutes stand: draft → sent to the members for comment → approved (read-only).</summary>
public enum MinutesStatus
{
    Draft,
    SentForComment,
    Approved,
}

public enum GroupTaskStatus
{
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// Ansvarsgruppe: started with the person's consent, 0..1 per follow-up. The person owns it and can end it, which
/// ends every member's access at once. The group records agreements, never formal decisions (vedtak).
/// </summary>
public sealed class ResponsibilityGroup
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>Koordinator/innkaller.</summary>
    public Guid ConvenorUserId { get; private set; }
    public ConsentGiver ConsentGivenBy { get; private set; }
    public DateOnly ConsentGivenOn { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    private ResponsibilityGroup()
    {
    }

    public ResponsibilityGroup(Guid id, Guid followUpId, Guid personId, Guid convenorUserId, ConsentGiver consentBy, DateOnly consentOn, DateTimeOffset now)
    {
        Id = id;
        FollowUpId = followUpId;
        PersonId = personId;
        ConvenorUserId = convenorUserId;
        ConsentGivenBy = consentBy;
        ConsentGivenOn = consentOn;
        StartedAt = now;
    }

    public bool IsActive => EndedAt is null;

    public void End(DateTimeOffset now) => EndedAt ??= now;
}

/// <summary>A member with their function in the group (e.g. "kontaktlærer", "mor").</summary>
public sealed class GroupMember
{
    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public ParticipantKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public string Function { get; private set; } = "";

    /// <summary>The person's consent to sharing with this member.</summary>
    [Sensitive]
    public string ConsentScope { get; private set; } = "";
    public DateTimeOffset ConsentGivenAt { get; private set; }
    public DateTimeOffset? ConsentValidTo { get; private set; }
    public DateTimeOffset? ConsentWithdrawnAt { get; private set; }

    private GroupMember()
    {
    }

    public GroupMember(
        Guid id, Guid groupId, ParticipantKind kind, string name, Guid? userId, string function, string consentScope, DateTimeOffset consentGivenAt, DateTimeOffset? consentValidTo)
    {
        Id = id;
        GroupId = groupId;
        Kind = kind;
        Name = name;
        UserId = userId;
        Function = function;
        ConsentScope = consentScope;
        ConsentGivenAt = consentGivenAt;
        ConsentValidTo = consentValidTo;
    }

    public void WithdrawConsent(DateTimeOffset now) => ConsentWithdrawnAt ??= now;

    public bool HasActiveConsent(DateTimeOffset now) =>
        ConsentGivenAt <= now && ConsentWithdrawnAt is null && (ConsentValidTo is null || ConsentValidTo > now);
}

/// <summary>Møte: invitation with agenda, then minutes.</summary>
public sealed class GroupMeeting
{
    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public DateTimeOffset At { get; private set; }
    [Sensitive]
    public string Agenda { get; private set; } = "";
    public MinutesStatus MinutesStatus { get; private set; }

    /// <summary>What was discussed.</summary>
    [Sensitive]
    public string? Discussion { get; private set; }
    public DateTimeOffset? NextMeetingAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }

    private GroupMeeting()
    {
    }

    public GroupMeeting(Guid id, Guid groupId, DateTimeOffset at, string agenda)
    {
        Id = id;
        GroupId = groupId;
        At = at;
        Agenda = agenda;
        MinutesStatus = MinutesStatus.Draft;
    }

    public void WriteMinutes(string agenda, string? discussion, DateTimeOffset? nextMeetingAt)
    {
        Agenda = agenda;
        Discussion = discussion;
        NextMeetingAt = nextMeetingAt;
    }

    public void Send(DateTimeOffset now)
    {
        MinutesStatus = MinutesStatus.SentForComment;
        SentAt = now;
    }

    public void Approve(DateTimeOffset now)
    {
        MinutesStatus = MinutesStatus.Approved;
        ApprovedAt = now;
    }
}

/// <summary>Who was there (or not) at a meeting.</summary>
public sealed class MeetingAttendance
{
    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid MemberId { get; private set; }
    public bool Present { get; private set; }

    private MeetingAttendance()
    {
    }

    public MeetingAttendance(Guid id, Guid meetingId, Guid memberId, bool present)
    {
        Id = id;
        MeetingId = meetingId;
        MemberId = memberId;
        Present = present;
    }
}

/// <summary>Enighet: what the group agreed on (not a formal decision). A plan measure can come from one.</summary>
public sealed class GroupAgreement
{
    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid MeetingId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public int Position { get; private set; }

    private GroupAgreement()
    {
    }

    public GroupAgreement(Guid id, Guid groupId, Guid meetingId, string text, int position)
    {
        Id = id;
        GroupId = groupId;
        MeetingId = meetingId;
        Text = text;
        Position = position;
    }
}

/// <summary>Oppgave: owner, deadline, status.</summary>
public sealed class GroupTask
{
    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid MeetingId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public Guid OwnerMemberId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public GroupTaskStatus Status { get; private set; }

    private GroupTask()
    {
    }

    public GroupTask(Guid id, Guid groupId, Guid meetingId, string text, Guid ownerMemberId, DateOnly dueOn)
    {
        Id = id;
        GroupId = groupId;
        MeetingId = meetingId;
        Text = text;
        OwnerMemberId = ownerMemberId;
        DueOn = dueOn;
        Status = GroupTaskStatus.Open;
    }

    public void SetStatus(GroupTaskStatus status) => Status = status;
}

/// <summary>A member's comment on minutes sent for comment.</summary>
public sealed class MinutesComment
{
    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public Guid UserId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    private MinutesComment()
    {
    }

    public MinutesComment(Guid id, Guid meetingId, Guid userId, string text, DateTimeOffset writtenAt)
    {
        Id = id;
        MeetingId = meetingId;
        UserId = userId;
        Text = text;
        WrittenAt = writtenAt;
    }
}
