using CaseManagement.Domain.Auditing;
using CaseManagement.Domain.FollowUps;

namespace CaseManagement.Domain.Conversations;

/// <summary>Which conversation (samtale) this is.</summary>
public enum ConversationKind
{
    /// <summary>Bekymringssamtale.</summary>
    Concern,

    /// <summary>Avklaringssamtale: narrower, weighed against the risk of stigmatising.</summary>
    Clarification,

    /// <summary>Oppfølgingssamtale: follows an earlier conversation.</summary>
    FollowUp,
}

/// <summary>Where a conversation is in its flow (DOMAIN.md: registered → assessment → invitation/order → preparation → conversation).</summary>
public enum ConversationState
{
    Registered,
    Assessed,
    Invited,

    /// <summary>Pålagt oppmøte (politiloven § 13): only a minor with a recorded suspicion of a criminal act.</summary>
    Ordered,
    Prepared,
    Held,
    Concluded,
    Cancelled,
    DidNotAttend,
}

/// <summary>Voluntary invitation or ordered attendance.</summary>
public enum AttendanceTrack
{
    Voluntary,
    Ordered,
}

/// <summary>In what capacity someone took part.</summary>
public enum ParticipantCapacity
{
    Person,
    Guardian,
    Officer,
    RadicalisationContact,
    School,
    ChildWelfare,
    Nav,
    Mentor,
    Interpreter,
    Other,
}

/// <summary>The parts of a conversation (parts are often held with the youth or the parents alone).</summary>
[Flags]
public enum ConversationParts
{
    None = 0,
    WithPerson = 1,
    WithGuardians = 2,
    Joint = 4,
}

/// <summary>The life areas risk and protective factors are assessed by.</summary>
public enum LifeArea
{
    Family,
    SchoolOrWork,
    LeisureAndFriends,
    Online,
    Health,
    Attitudes,
}

/// <summary>The officer's overall level of concern after a conversation.</summary>
public enum ConcernLevel
{
    None = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
}

/// <summary>How a conversation was concluded.</summary>
public enum ConversationConclusion
{
    NoFurtherConcern,
    ContinuedFollowUp,
    Referral,
    EscalationCriminalCase,
    EscalationPst,
    ChildWelfareReport,
}

/// <summary>
/// A concern, clarification or follow-up conversation (tiltak 13), a police record under one follow-up. The flow and
/// the age rules live here so every door (page, API) gets the same answer.
/// </summary>
public sealed class Conversation
{
    public const int TextMaxLength = 4000;
    public const int ShortTextMaxLength = 1000;
    public const int MaxRating = 3;

    private readonly List<ConversationParticipant> _participants = [];
    private readonly List<LifeAreaAssessment> _assessments = [];

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public ConversationKind Kind { get; private set; }

    /// <summary>The conversation this one follows up (only for <see cref="ConversationKind.FollowUp"/>).</summary>
    public Guid? PreviousConversationId { get; private set; }
    public ConversationState State { get; private set; }

    /// <summary>The date of the conversation (planned, then held). Age rules are decided at this date.</summary>
    public DateOnly Date { get; private set; }
    public ConcernSource ConcernSource { get; private set; }
    [Sensitive]
    public string ConcernDescription { get; private set; } = "";
    [Sensitive]
    public string? AssessmentNote { get; private set; }
    public AttendanceTrack Track { get; private set; }
    [Sensitive]
    public string? SuspicionNote { get; private set; }
    public bool GuardiansInvited { get; private set; }
    [Sensitive]
    public string? GuardiansOmittedReason { get; private set; }
    [Sensitive]
    public string? PreparationNotes { get; private set; }
    public bool ToldPurpose { get; private set; }
    public bool ToldVoluntary { get; private set; }
    public bool ToldWhatIsRecorded { get; private set; }
    [Sensitive]
    public string? ConsequencesInformation { get; private set; }
    [Sensitive]
    public string? PersonAccount { get; private set; }
    [Sensitive]
    public string? GuardiansAccount { get; private set; }
    public ConcernLevel? ConcernLevel { get; private set; }
    public ConversationConclusion? Conclusion { get; private set; }
    [Sensitive]
    public string? ConclusionNote { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public Guid RegisteredByUserId { get; private set; }
    public DateTimeOffset? StateChangedAt { get; private set; }

    public IReadOnlyList<ConversationParticipant> Participants => _participants;
    public IReadOnlyList<LifeAreaAssessment> Assessments => _assessments;

    private Conversation()
    {
    }

    public static Conversation Register(
        Guid id, Guid followUpId, ConversationKind kind, Guid? previousConversationId, DateOnly date, ConcernSource source,
        string description, Guid registeredBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            FollowUpId = followUpId,
            Kind = kind,
            PreviousConversationId = previousConversationId,
            State = ConversationState.Registered,
            Date = date,
            ConcernSource = source,
            ConcernDescription = description,
            Track = AttendanceTrack.Voluntary,
            RegisteredAt = now,
            RegisteredByUserId = registeredBy,
        };

    public bool IsFinished => State is ConversationState.Concluded or ConversationState.Cancelled or ConversationState.DidNotAttend;

    public void SetPreparation(
        DateOnly date, string? assessmentNote, AttendanceTrack track, string? suspicionNote, bool guardiansInvited,
        string? guardiansOmittedReason, string? preparationNotes, IEnumerable<ConversationParticipant> participants)
    {
        Date = date;
        AssessmentNote = assessmentNote;
        Track = track;
        SuspicionNote = suspicionNote;
        GuardiansInvited = guardiansInvited;
        GuardiansOmittedReason = guardiansOmittedReason;
        PreparationNotes = preparationNotes;
        _participants.Clear();
        _participants.AddRange(participants);
    }

    public void SetRecord(
        DateOnly date, bool toldPurpose, bool toldVoluntary, bool toldWhatIsRecorded, string? consequences,
        string? personAccount, string? guardiansAccount, IEnumerable<(Guid ParticipantId, ConversationParts Parts)> attendance,
        IEnumerable<(LifeArea Area, int Risk, int Protective, string? Note)> assessments, Func<Guid> newId)
    {
        Date = date;
        ToldPurpose = toldPurpose;
        ToldVoluntary = toldVoluntary;
        ToldWhatIsRecorded = toldWhatIsRecorded;
        ConsequencesInformation = consequences;
        PersonAccount = personAccount;
        GuardiansAccount = guardiansAccount;
        foreach (var (participantId, parts) in attendance)
        {
            _participants.SingleOrDefault(p => p.Id == participantId)?.Attended(parts);
        }

        foreach (var (area, risk, protective, note) in assessments)
        {
            var existing = _assessments.SingleOrDefault(a => a.Area == area);
            if (existing is null)
            {
                _assessments.Add(new LifeAreaAssessment(newId(), Id, area, risk, protective, note));
            }
            else
            {
                existing.Set(risk, protective, note);
            }
        }
    }

    public void SetConclusion(ConcernLevel level, ConversationConclusion conclusion, string? note)
    {
        ConcernLevel = level;
        Conclusion = conclusion;
        ConclusionNote = note;
    }

    /// <summary>Moves the conversation on; the caller has checked <see cref="ConversationFlow.Check"/>.</summary>
    public void MoveTo(ConversationState target, DateTimeOffset now)
    {
        // The invitation or the order fixes the track the person is told about.
        if (target is ConversationState.Invited or ConversationState.Ordered)
        {
            Track = target == ConversationState.Ordered ? AttendanceTrack.Ordered : AttendanceTrack.Voluntary;
        }

        State = target;
        StateChangedAt = now;
    }
}

/// <summary>Someone who took part (or was invited), their capacity and which parts they attended.</summary>
public sealed class ConversationParticipant
{
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public string Name { get; private set; } = "";
    public ParticipantCapacity Capacity { get; private set; }
    public ConversationParts Parts { get; private set; }

    private ConversationParticipant()
    {
    }

    public ConversationParticipant(Guid id, Guid conversationId, string name, ParticipantCapacity capacity, ConversationParts parts)
    {
        Id = id;
        ConversationId = conversationId;
        Name = name;
        Capacity = capacity;
        Parts = parts;
    }

    internal void Attended(ConversationParts parts) => Parts = parts;
}

/// <summary>Risk and protective factors in one life area: a rating (0–3) each and a note.</summary>
public sealed class LifeAreaAssessment
{
    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public LifeArea Area { get; private set; }
    public int Risk { get; private set; }
    public int Protective { get; private set; }
    [Sensitive]
    public string? Note { get; private set; }

    private LifeAreaAssessment()
    {
    }

    internal LifeAreaAssessment(Guid id, Guid conversationId, LifeArea area, int risk, int protective, string? note)
    {
        Id = id;
        ConversationId = conversationId;
        Area = area;
        Set(risk, protective, note);
    }

    internal void Set(int risk, int protective, string? note)
    {
        Risk = risk;
        Protective = protective;
        Note = note;
    }
}
