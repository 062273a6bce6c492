using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Sharing;

namespace CaseManagement.Application.WorkSurfaces;

/// <summary>What a due item is about. The home page groups and filters by it; escalation alerts sort first.</summary>
public enum DueKind
{
    EscalationAlert,
    FollowUpConversation,
    AgreementReview,
    ReferralWaiting,
    PlanRevision,
    PlanEvaluation,
    GroupTask,
    MinutesToSend,
    MinutesToComment,
    ConsentExpiring,
    MentorCadence,
    PoliceCertificateExpiring,
    FamilyGuidanceSession,
}

/// <summary>How urgent a due item is on the day it is shown.</summary>
public enum DueSeverity
{
    /// <summary>Coming up (within the look-ahead window).</summary>
    Upcoming,

    /// <summary>Due today.</summary>
    Due,

    /// <summary>Past its date.</summary>
    Overdue,

    /// <summary>Must be handled at once (an escalation alert).</summary>
    Critical,
}

/// <summary>
/// One thing the current user should do, in the shape every record kind contributes (ARCHITECTURE.md).
/// <paramref name="Title"/> is already localised; <paramref name="PersonLabel"/> is what this user may see of the
/// person (a mentor sees a first name only). <paramref name="Link"/> is a local page address with ids only.
/// </summary>
public sealed record DueItem(
    DueKind Kind,
    Guid? FollowUpId,
    Guid? PersonId,
    string? PersonLabel,
    string Title,
    DateOnly DueDate,
    DueSeverity Severity,
    string Link,
    Guid SourceId);

/// <summary>
/// A record kind's contribution to "Mine oppgaver": the items due for the user, already filtered by access
/// (the user's own team work, assignments or recipients). Implementations are registered in DI; the home page
/// query unions them. <paramref name="today"/> is the user's calendar day in Europe/Oslo.
/// </summary>
public interface IDueItemSource
{
    Task<IReadOnlyList<DueItem>> ForUserAsync(CaseDbContext db, UserContext user, DateTimeOffset now, DateOnly today, CancellationToken ct);
}

/// <summary>What a timeline event is.</summary>
public enum TimelineKind
{
    FollowUpOpened,
    FollowUpClosed,
    Conversation,
    Agreement,
    Referral,
    PlanVersion,
    PlanEvaluation,
    GroupMeeting,
    MentorSession,
    FamilyGuidanceSession,
    Consent,
    Disclosure,
}

/// <summary>
/// One event about a person, in the shape every record kind contributes. <paramref name="Section"/> is the record
/// kind whose access it needs; the timeline never shows (or counts) an event whose follow-up grant lacks it.
/// </summary>
public sealed record TimelineEvent(
    DateTimeOffset When,
    TimelineKind Kind,
    RecordKinds Section,
    string Title,
    Guid FollowUpId,
    string Link,
    Guid SourceId);

/// <summary>
/// The person and the grants the user holds on that person's follow-ups, decided once by <see cref="AccessDecision"/>
/// for the whole timeline. A source reads only follow-ups in <see cref="Grants"/> whose kinds cover its section.
/// </summary>
public sealed record TimelineScope(Guid PersonId, UserContext User, DateTimeOffset Now, IReadOnlyList<AccessGrant> Grants)
{
    public IReadOnlyList<Guid> FollowUpsCovering(RecordKinds kind) =>
        Grants.Where(g => g.Covers(kind)).Select(g => g.FollowUpId).ToList();
}

/// <summary>A record kind's contribution to the person timeline.</summary>
public interface ITimelineSource
{
    Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct);
}
