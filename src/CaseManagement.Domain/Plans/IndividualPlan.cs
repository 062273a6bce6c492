using CaseManagement.Domain.Auditing;
using CaseManagement.Domain.Sharing;

namespace CaseManagement.Domain.Plans;

/// <summary>Where the working copy of a plan stands: being edited, or locked as the last approved version.</summary>
public enum PlanStatus
{
    /// <summary>Utkast: the working copy may be edited.</summary>
    Draft,

    /// <summary>Godkjent: the working copy equals the last approved version and is locked until a revision starts.</summary>
    Approved,
}

/// <summary>Who takes part in the plan.</summary>
public enum ParticipantKind
{
    /// <summary>Tjeneste (NAV, skole, helse…).</summary>
    Service,

    /// <summary>Pårørende.</summary>
    Relative,

    /// <summary>Personen selv.</summary>
    Person,
}

public enum MeasureStatus
{
    Planned,
    InProgress,
    Completed,
    Stopped,
}

/// <summary>
/// Individuell plan: one per person across all services (a unique index on <see cref="PersonId"/>), hanging under the
/// municipal follow-up that started it. The working copy lives in these entities; approving writes an immutable
/// <see cref="PlanVersion"/> snapshot.
/// </summary>
public sealed class IndividualPlan
{
    public const int TextMaxLength = 4000;
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid CoordinatorUserId { get; private set; }
    public PlanStatus Status { get; private set; }

    /// <summary>Samtykke til planen: the person, or a representative when the person lacks capacity.</summary>
    public ConsentGiver ConsentGivenBy { get; private set; }
    public string? RepresentativeName { get; private set; }
    public DateOnly ConsentGivenOn { get; private set; }

    /// <summary>The person's own goals, in their own words.</summary>
    [Sensitive]
    public string PersonGoals { get; private set; } = "";
    [Sensitive]
    public string? Resources { get; private set; }
    [Sensitive]
    public string? Needs { get; private set; }

    /// <summary>Necessary cooperation with other agencies.</summary>
    [Sensitive]
    public string? Cooperation { get; private set; }
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }

    /// <summary>Next revision date: the plan is evaluated and revised then.</summary>
    public DateOnly NextRevisionOn { get; private set; }
    public int LastVersionNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }

    private IndividualPlan()
    {
    }

    public static IndividualPlan Create(
        Guid id, Guid followUpId, Guid personId, Guid coordinatorUserId, ConsentGiver consentBy, string? representativeName, DateOnly consentOn,
        PlanContent content, Guid createdBy, DateTimeOffset now)
    {
        var plan = new IndividualPlan
        {
            Id = id,
            FollowUpId = followUpId,
            PersonId = personId,
            CoordinatorUserId = coordinatorUserId,
            Status = PlanStatus.Draft,
            ConsentGivenBy = consentBy,
            RepresentativeName = representativeName,
            ConsentGivenOn = consentOn,
            CreatedAt = now,
            CreatedByUserId = createdBy,
        };
        plan.Change(content);
        return plan;
    }

    public void Change(PlanContent content)
    {
        PersonGoals = content.PersonGoals;
        Resources = content.Resources;
        Needs = content.Needs;
        Cooperation = content.Cooperation;
        PeriodFrom = content.PeriodFrom;
        PeriodTo = content.PeriodTo;
        NextRevisionOn = content.NextRevisionOn;
    }

    public void ChangeCoordinator(Guid userId) => CoordinatorUserId = userId;

    public void SetNextRevision(DateOnly on) => NextRevisionOn = on;

    /// <summary>Locks the working copy as the next version; returns its number.</summary>
    public int Approve()
    {
        Status = PlanStatus.Approved;
        LastVersionNumber++;
        return LastVersionNumber;
    }

    /// <summary>A new draft starts from the last approved version (the working copy still holds it).</summary>
    public void StartRevision() => Status = PlanStatus.Draft;
}

/// <summary>The editable content of a plan's header.</summary>
public sealed record PlanContent(
    string PersonGoals, string? Resources, string? Needs, string? Cooperation, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly NextRevisionOn);

/// <summary>Hovedmål (no parent) or delmål (under a main goal).</summary>
public sealed class PlanGoal
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid? ParentGoalId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public int Position { get; private set; }

    private PlanGoal()
    {
    }

    public PlanGoal(Guid id, Guid planId, Guid? parentGoalId, string text, int position)
    {
        Id = id;
        PlanId = planId;
        ParentGoalId = parentGoalId;
        Text = text;
        Position = position;
    }

    public void Rename(string text) => Text = text;
}

/// <summary>Tiltak: what is done towards a goal, by whom, when, and how.</summary>
public sealed class PlanMeasure
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid GoalId { get; private set; }
    [Sensitive]
    public string Description { get; private set; } = "";

    /// <summary>Omfang: how much (e.g. "2 timer i uka").</summary>
    [Sensitive]
    public string? Scope { get; private set; }

    /// <summary>Hvordan tiltaket gjennomføres.</summary>
    [Sensitive]
    public string? HowCarriedOut { get; private set; }
    public Guid ResponsibleParticipantId { get; private set; }
    public string ResponsiblePerson { get; private set; } = "";
    public DateOnly StartOn { get; private set; }
    public DateOnly EndOn { get; private set; }
    public MeasureStatus Status { get; private set; }

    /// <summary>The responsibility-group agreement this measure came from, if any.</summary>
    public Guid? FromAgreementId { get; private set; }

    private PlanMeasure()
    {
    }

    public PlanMeasure(Guid id, Guid planId, MeasureContent content)
    {
        Id = id;
        PlanId = planId;
        Change(content);
    }

    public void Change(MeasureContent content)
    {
        GoalId = content.GoalId;
        Description = content.Description;
        Scope = content.Scope;
        HowCarriedOut = content.HowCarriedOut;
        ResponsibleParticipantId = content.ResponsibleParticipantId;
        ResponsiblePerson = content.ResponsiblePerson;
        StartOn = content.StartOn;
        EndOn = content.EndOn;
        Status = content.Status;
        FromAgreementId = content.FromAgreementId;
    }
}

public sealed record MeasureContent(
    Guid GoalId, string Description, string? Scope, string? HowCarriedOut, Guid ResponsibleParticipantId, string ResponsiblePerson,
    DateOnly StartOn, DateOnly EndOn, MeasureStatus Status, Guid? FromAgreementId);

/// <summary>A progress note on a measure (internal: never in the printable plan).</summary>
public sealed class MeasureNote
{
    public Guid Id { get; private set; }
    public Guid MeasureId { get; private set; }
    public Guid PlanId { get; private set; }
    [Sensitive]
    public string Text { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }
    public Guid WrittenByUserId { get; private set; }

    private MeasureNote()
    {
    }

    public MeasureNote(Guid id, Guid measureId, Guid planId, string text, DateTimeOffset writtenAt, Guid writtenBy)
    {
        Id = id;
        MeasureId = measureId;
        PlanId = planId;
        Text = text;
        WrittenAt = writtenAt;
        WrittenByUserId = writtenBy;
    }
}

/// <summary>
/// Deltaker: a service, relative or the person, with what they contribute. A participant who is a user of the system
/// reaches the plan only while their consent (samtykke til deltakelse, with scope and expiry) is active.
/// </summary>
public sealed class PlanParticipant
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public ParticipantKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? UserId { get; private set; }
    [Sensitive]
    public string? Contribution { get; private set; }

    /// <summary>What the person consented that this participant may see and why.</summary>
    [Sensitive]
    public string? ConsentScope { get; private set; }
    public DateTimeOffset? ConsentGivenAt { get; private set; }
    public DateTimeOffset? ConsentValidTo { get; private set; }
    public DateTimeOffset? ConsentWithdrawnAt { get; private set; }

    private PlanParticipant()
    {
    }

    public PlanParticipant(Guid id, Guid planId, ParticipantKind kind, string name, Guid? userId, string? contribution)
    {
        Id = id;
        PlanId = planId;
        Kind = kind;
        Name = name;
        UserId = userId;
        Contribution = contribution;
    }

    public void RecordConsent(string scope, DateTimeOffset givenAt, DateTimeOffset validTo)
    {
        ConsentScope = scope;
        ConsentGivenAt = givenAt;
        ConsentValidTo = validTo;
        ConsentWithdrawnAt = null;
    }

    public void WithdrawConsent(DateTimeOffset now) => ConsentWithdrawnAt ??= now;

    public bool HasActiveConsent(DateTimeOffset now) =>
        ConsentGivenAt is { } given && given <= now && ConsentWithdrawnAt is null && ConsentValidTo is { } to && to > now;
}

/// <summary>An approved version: number, who approved it and when, and the plan as it was (JSON). Never changed.</summary>
public sealed class PlanVersion
{
    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset ApprovedAt { get; private set; }
    public Guid ApprovedByUserId { get; private set; }
    [Sensitive]
    public string Snapshot { get; private set; } = "";

    private PlanVersion()
    {
    }

    public PlanVersion(Guid id, Guid planId, int number, DateTimeOffset approvedAt, Guid approvedBy, string snapshot)
    {
        Id = id;
        PlanId = planId;
        Number = number;
        ApprovedAt = approvedAt;
        ApprovedByUserId = approvedBy;
        Snapshot = snapshot;
    }
}

/// <summary>Evaluering at a revision date.</summary>
public sealed class PlanEvaluation
{
    public const int SummaryMaxLength = 4000;

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    [Sensitive]
    public string Summary { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public Guid RecordedByUserId { get; private set; }

    private PlanEvaluation()
    {
    }

    public PlanEvaluation(Guid id, Guid planId, DateOnly heldOn, string summary, DateTimeOffset recordedAt, Guid recordedBy)
    {
        Id = id;
        PlanId = planId;
        HeldOn = heldOn;
        Summary = summary;
        RecordedAt = recordedAt;
        RecordedByUserId = recordedBy;
    }
}
