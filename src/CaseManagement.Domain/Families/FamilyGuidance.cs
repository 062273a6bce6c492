namespace CaseManagement.Domain.Families;

/// <summary>A family participant's relation to the person of concern.</summary>
public enum FamilyRelation
{
    Mother,
    Father,
    StepParent,
    Sibling,
    Grandparent,
    OtherRelative,
    Partner,
    NetworkMember,
}

/// <summary>
/// Familieveiledningsforløp: the guidance course of one family of a person of concern, under a municipal follow-up
/// whose team has the family guide. Linked to the person's own follow-up only with a recorded consent.
/// </summary>
public sealed class FamilyGuidanceCourse
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 4000;

    private readonly List<FamilyParticipant> _participants = [];

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>What the family calls itself here, e.g. "Familien Berg". Shown to the guides of its groups.</summary>
    public string FamilyLabel { get; private set; } = "";

    public DateOnly StartedOn { get; private set; }

    [Auditing.Sensitive]
    public string? SupportNeeds { get; private set; }

    [Auditing.Sensitive]
    public string? Referrals { get; private set; }

    /// <summary>Planned next guidance session.</summary>
    public DateOnly? NextSessionDue { get; private set; }

    /// <summary>The person's own follow-up, linked only with <see cref="LinkConsentId"/>.</summary>
    public Guid? LinkedFollowUpId { get; private set; }
    public Guid? LinkConsentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }

    public IReadOnlyList<FamilyParticipant> Participants => _participants;

    private FamilyGuidanceCourse()
    {
    }

    public static FamilyGuidanceCourse Start(
        Guid id, Guid followUpId, Guid personId, string familyLabel, DateOnly startedOn, string? supportNeeds, string? referrals, DateOnly? nextSessionDue,
        Guid? linkedFollowUpId, Guid? linkConsentId, Guid createdBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            FollowUpId = followUpId,
            PersonId = personId,
            FamilyLabel = familyLabel,
            StartedOn = startedOn,
            SupportNeeds = supportNeeds,
            Referrals = referrals,
            NextSessionDue = nextSessionDue,
            LinkedFollowUpId = linkedFollowUpId,
            LinkConsentId = linkConsentId,
            CreatedAt = now,
            CreatedByUserId = createdBy,
        };

    public FamilyParticipant AddParticipant(string name, FamilyRelation relation, bool isClient)
    {
        var participant = new FamilyParticipant(Guid.CreateVersion7(), Id, FollowUpId, name, relation, isClient);
        _participants.Add(participant);
        return participant;
    }

    public void PlanNext(DateOnly? nextSessionDue) => NextSessionDue = nextSessionDue;
}

/// <summary>A family member in a guidance course. They may not be clients of any service themselves.</summary>
public sealed class FamilyParticipant
{
    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public string Name { get; private set; }
    public FamilyRelation Relation { get; private set; }

    /// <summary>True when the participant is a client of a service in their own right.</summary>
    public bool IsClient { get; private set; }

    internal FamilyParticipant(Guid id, Guid courseId, Guid followUpId, string name, FamilyRelation relation, bool isClient)
    {
        Id = id;
        CourseId = courseId;
        FollowUpId = followUpId;
        Name = name;
        Relation = relation;
        IsClient = isClient;
    }
}

/// <summary>Veiledningssamtale with one family: who attended, topics, advice, next steps.</summary>
public sealed class GuidanceSession
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public DateOnly HeldOn { get; private set; }

    /// <summary>The participant ids that attended, comma-separated (all from this course).</summary>
    public string AttendeeIds { get; private set; } = "";

    [Auditing.Sensitive]
    public string Topics { get; private set; } = "";

    [Auditing.Sensitive]
    public string? Advice { get; private set; }

    [Auditing.Sensitive]
    public string? NextSteps { get; private set; }

    public Guid RecordedByUserId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private GuidanceSession()
    {
    }

    public static GuidanceSession Record(
        Guid id, FamilyGuidanceCourse course, DateOnly heldOn, IReadOnlyCollection<Guid> attendees, string topics, string? advice, string? nextSteps,
        Guid recordedBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            CourseId = course.Id,
            FollowUpId = course.FollowUpId,
            HeldOn = heldOn,
            AttendeeIds = string.Join(",", attendees),
            Topics = topics,
            Advice = advice,
            NextSteps = nextSteps,
            RecordedByUserId = recordedBy,
            RecordedAt = now,
        };

    public IReadOnlyList<Guid> Attendees =>
        AttendeeIds.Length == 0 ? [] : AttendeeIds.Split(',').Select(Guid.Parse).ToList();
}

/// <summary>
/// Foreldre- og nettverksgruppe: a group run by a family-guidance unit. It holds group-level notes only; which
/// families attended lives in <see cref="GroupAttendance"/>, one row per family, and no family sees another's.
/// </summary>
public sealed class FamilyGroup
{
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private FamilyGroup()
    {
    }

    public static FamilyGroup Create(Guid id, Guid unitId, string name, Guid createdBy, DateTimeOffset now) =>
        new() { Id = id, UnitId = unitId, Name = name, CreatedByUserId = createdBy, CreatedAt = now };
}

/// <summary>One group meeting: topics and group-level notes, never anything about one family.</summary>
public sealed class GroupSession
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    [Auditing.Sensitive]
    public string Topics { get; private set; } = "";
    [Auditing.Sensitive]
    public string? GroupNotes { get; private set; }
    public Guid RecordedByUserId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private GroupSession()
    {
    }

    public static GroupSession Record(Guid id, Guid groupId, DateOnly heldOn, string topics, string? groupNotes, Guid recordedBy, DateTimeOffset now) =>
        new() { Id = id, GroupId = groupId, HeldOn = heldOn, Topics = topics, GroupNotes = groupNotes, RecordedByUserId = recordedBy, RecordedAt = now };
}

/// <summary>One family's attendance at a group session; read only through that family's course.</summary>
public sealed class GroupAttendance
{
    public Guid Id { get; private set; }
    public Guid GroupSessionId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid FollowUpId { get; private set; }

    private GroupAttendance()
    {
    }

    public static GroupAttendance Of(Guid sessionId, FamilyGuidanceCourse course) =>
        new() { Id = Guid.CreateVersion7(), GroupSessionId = sessionId, CourseId = course.Id, FollowUpId = course.FollowUpId };
}
