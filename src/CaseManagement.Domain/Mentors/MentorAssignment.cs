namespace CaseManagement.Domain.Mentors;

/// <summary>Where the referral to the mentor programme came from (henvisning).</summary>
public enum ReferralSource
{
    Police,
    ChildWelfare,
    Nav,
    School,
    Health,
    Family,
    SelfReferral,
    Other,
}

/// <summary>The coordinator's assessment of the risk to the mentor's own safety.</summary>
public enum MentorSafetyRisk
{
    Low,
    Moderate,
    High,
}

/// <summary>Why an assignment was closed.</summary>
public enum AssignmentClosingReason
{
    GoalsReached,
    MenteeWithdrew,
    MentorWithdrew,
    SafetyConcern,
    MovedAway,
    TransferredToOtherService,
    Other,
}

/// <summary>
/// Mentoroppdrag: the coordinator matches a mentor with a mentee under a municipal follow-up. The mentor's only
/// ground for access is an active assignment: when it ends, the mentor's access to it ends.
/// </summary>
public sealed class MentorAssignment
{
    public const int TextMaxLength = 4000;
    public const int MaxIntervalDays = 90;

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid MentorUserId { get; private set; }

    /// <summary>Veileder: the coordinator who supervises the mentor on this assignment.</summary>
    public Guid SupervisorUserId { get; private set; }

    /// <summary>The police's radicalisation contact who gets the mentor's escalation alerts (ADR-014).</summary>
    public Guid PoliceContactUserId { get; private set; }

    public ReferralSource ReferralSource { get; private set; }

    [Auditing.Sensitive]
    public string MatchReason { get; private set; } = "";

    /// <summary>The mentee agreed to the assignment (the programme is voluntary), and when.</summary>
    public DateOnly ConsentGivenOn { get; private set; }

    [Auditing.Sensitive]
    public string Goals { get; private set; } = "";

    /// <summary>Planned frequency: one session every this many days.</summary>
    public int PlannedIntervalDays { get; private set; }

    public MentorSafetyRisk MentorSafetyRisk { get; private set; }

    [Auditing.Sensitive]
    public string RiskAssessment { get; private set; } = "";

    public DateOnly StartsOn { get; private set; }

    /// <summary>Planned end. After it the assignment is no longer active.</summary>
    public DateOnly? EndsOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public AssignmentClosingReason? ClosingReason { get; private set; }

    private MentorAssignment()
    {
    }

    public static MentorAssignment Create(
        Guid id, Guid followUpId, Guid personId, Guid mentor, Guid supervisor, Guid policeContact, ReferralSource source, string matchReason,
        DateOnly consentGivenOn, string goals, int plannedIntervalDays, MentorSafetyRisk safetyRisk, string riskAssessment,
        DateOnly startsOn, DateOnly? endsOn, Guid createdBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            FollowUpId = followUpId,
            PersonId = personId,
            MentorUserId = mentor,
            SupervisorUserId = supervisor,
            PoliceContactUserId = policeContact,
            ReferralSource = source,
            MatchReason = matchReason,
            ConsentGivenOn = consentGivenOn,
            Goals = goals,
            PlannedIntervalDays = plannedIntervalDays,
            MentorSafetyRisk = safetyRisk,
            RiskAssessment = riskAssessment,
            StartsOn = startsOn,
            EndsOn = endsOn,
            CreatedAt = now,
            CreatedByUserId = createdBy,
        };

    public bool IsActiveOn(DateOnly day) => ClosedAt is null && StartsOn <= day && (EndsOn is null || day <= EndsOn);

    public void Close(AssignmentClosingReason reason, DateTimeOffset now)
    {
        ClosedAt = now;
        ClosingReason = reason;
    }
}
