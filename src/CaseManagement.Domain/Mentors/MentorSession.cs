namespace CaseManagement.Domain.Mentors;

/// <summary>Where a session took place (arena).</summary>
public enum SessionArena
{
    Home,
    Cafe,
    Outdoors,
    School,
    Workplace,
    ServiceOffice,
    Phone,
    Other,
}

public enum SessionType
{
    Conversation,
    Activity,

    /// <summary>Følge til tjeneste: the mentor goes with the mentee to a service.</summary>
    EscortToService,
}

/// <summary>The mentor's impression of change since the last session.</summary>
public enum ChangeSinceLast
{
    NotAssessed,
    Better,
    Unchanged,
    Worse,
}

/// <summary>
/// Mentorsamtale: one meeting recorded by the mentor. The escalation flag raises an alert to the supervising
/// coordinator and the police contact at once (avvergelsesplikt, straffeloven § 196).
/// </summary>
public sealed class MentorSession
{
    public const int TextMaxLength = 4000;
    public const int ShortTextMaxLength = 500;
    public const int MaxDurationMinutes = 24 * 60;

    public Guid Id { get; private set; }
    public Guid AssignmentId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid MentorUserId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public SessionArena Arena { get; private set; }
    public int DurationMinutes { get; private set; }
    public SessionType Type { get; private set; }

    [Auditing.Sensitive]
    public string Topics { get; private set; } = "";

    [Auditing.Sensitive]
    public string? RiskFactors { get; private set; }

    [Auditing.Sensitive]
    public string? ProtectiveFactors { get; private set; }

    public ChangeSinceLast ChangeSinceLast { get; private set; }

    [Auditing.Sensitive]
    public string? NextSteps { get; private set; }

    [Auditing.Sensitive]
    public string? ServicesContacted { get; private set; }

    /// <summary>The mentor needs support themselves (belastning); the supervisor sees it.</summary>
    public bool MentorWellbeingFlag { get; private set; }

    /// <summary>The mentor fears serious crime: an alert went to the coordinator and the police contact.</summary>
    public bool EscalationFlag { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    private MentorSession()
    {
    }

    public static MentorSession Record(
        Guid id, MentorAssignment assignment, DateOnly heldOn, SessionArena arena, int durationMinutes, SessionType type, string topics,
        string? riskFactors, string? protectiveFactors, ChangeSinceLast change, string? nextSteps, string? servicesContacted,
        bool wellbeingFlag, bool escalationFlag, DateTimeOffset now) =>
        new()
        {
            Id = id,
            AssignmentId = assignment.Id,
            FollowUpId = assignment.FollowUpId,
            MentorUserId = assignment.MentorUserId,
            HeldOn = heldOn,
            Arena = arena,
            DurationMinutes = durationMinutes,
            Type = type,
            Topics = topics,
            RiskFactors = riskFactors,
            ProtectiveFactors = protectiveFactors,
            ChangeSinceLast = change,
            NextSteps = nextSteps,
            ServicesContacted = servicesContacted,
            MentorWellbeingFlag = wellbeingFlag,
            EscalationFlag = escalationFlag,
            RecordedAt = now,
        };
}

/// <summary>Veiledningsnotat: visible only to the mentor and the supervising coordinator of the assignment.</summary>
public sealed class SupervisionNote
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid AssignmentId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid AuthorUserId { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }

    [Auditing.Sensitive]
    public string Text { get; private set; } = "";

    private SupervisionNote()
    {
    }

    public static SupervisionNote Write(Guid id, MentorAssignment assignment, Guid author, string text, DateTimeOffset now) =>
        new() { Id = id, AssignmentId = assignment.Id, FollowUpId = assignment.FollowUpId, AuthorUserId = author, Text = text, WrittenAt = now };
}
