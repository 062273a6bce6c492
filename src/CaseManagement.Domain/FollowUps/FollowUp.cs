namespace CaseManagement.Domain.FollowUps;

public enum FollowUpStatus
{
    Open,
    Closed,
}

/// <summary>Where the concern came from (kilde til bekymring).</summary>
public enum ConcernSource
{
    School,
    Family,
    PoliceObservation,
    Online,
    OtherAgency,
    Other,
}

/// <summary>Why a follow-up was closed.</summary>
public enum CloseReason
{
    NoFurtherConcern,
    GoalsReached,
    TransferredToOtherService,
    PersonDeclined,
    MovedAway,
    EscalatedToCriminalCase,
    Other,
}

/// <summary>How long the records of a follow-up are kept before deletion or archiving.</summary>
public enum RetentionClass
{
    /// <summary>Police prevention records (politiregisterloven).</summary>
    PolicePrevention,

    /// <summary>Municipal service records (service laws, GDPR).</summary>
    MunicipalService,

    /// <summary>Archive material (e.g. responsibility-group minutes): handed to the archive, not deleted.</summary>
    Archive,
}

/// <summary>A member's role in one follow-up's team.</summary>
public enum TeamRole
{
    /// <summary>Ansvarlig: owns the follow-up's progress.</summary>
    Lead,
    Member,
    Mentor,
    FamilyGuide,
}

/// <summary>
/// Oppfølging: everything one agency does with one person. The owning agency is the data controller. Only the team
/// (and units with an active disclosure, and users with an active emergency grant) may see it.
/// </summary>
public sealed class FollowUp
{
    public const int CloseNoteMaxLength = 2000;

    private readonly List<TeamMember> _team = [];

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid AgencyId { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public ConcernSource ConcernSource { get; private set; }
    public RetentionClass RetentionClass { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public Guid OpenedByUserId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public CloseReason? CloseReason { get; private set; }
    [Auditing.Sensitive]
    public string? CloseNote { get; private set; }

    public IReadOnlyList<TeamMember> Team => _team;

    private FollowUp()
    {
    }

    public static FollowUp Open(Guid id, Guid personId, Guid agencyId, ConcernSource source, RetentionClass retention, Guid openedBy, DateTimeOffset now)
    {
        var followUp = new FollowUp
        {
            Id = id,
            PersonId = personId,
            AgencyId = agencyId,
            Status = FollowUpStatus.Open,
            ConcernSource = source,
            RetentionClass = retention,
            OpenedAt = now,
            OpenedByUserId = openedBy,
        };
        followUp._team.Add(new TeamMember(Guid.CreateVersion7(), id, openedBy, TeamRole.Lead, now));
        return followUp;
    }

    public bool HasMember(Guid userId) => _team.Any(m => m.UserId == userId);

    public TeamMember AddMember(Guid userId, TeamRole role, DateTimeOffset now)
    {
        var member = new TeamMember(Guid.CreateVersion7(), Id, userId, role, now);
        _team.Add(member);
        return member;
    }

    public void RemoveMember(TeamMember member) => _team.Remove(member);

    public void Close(CloseReason reason, string? note, DateTimeOffset now)
    {
        Status = FollowUpStatus.Closed;
        CloseReason = reason;
        CloseNote = note;
        ClosedAt = now;
    }
}

/// <summary>A user's membership of a follow-up's team.</summary>
public sealed class TeamMember
{
    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid UserId { get; private set; }
    public TeamRole Role { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    internal TeamMember(Guid id, Guid followUpId, Guid userId, TeamRole role, DateTimeOffset addedAt)
    {
        Id = id;
        FollowUpId = followUpId;
        UserId = userId;
        Role = role;
        AddedAt = addedAt;
    }
}
