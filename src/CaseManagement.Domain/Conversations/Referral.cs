using CaseManagement.Domain.Auditing;

namespace CaseManagement.Domain.Conversations;

/// <summary>What a conversation's conclusion refers the person to.</summary>
public enum ReferralTarget
{
    Mentor,
    FamilyGuidance,
    IndividualPlan,
    ResponsibilityGroup,
    Nav,

    /// <summary>Oppfølgingstjenesten (OT).</summary>
    FollowUpService,
}

public enum ReferralStatus
{
    Waiting,
    Accepted,
    Declined,
}

/// <summary>
/// Henvisning: a request to the municipal prevention coordinator's unit, carried by a disclosure limited to what
/// its basis (a consent or a legal basis) covers.
/// </summary>
public sealed class Referral
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public ReferralTarget Target { get; private set; }
    public Guid ToUnitId { get; private set; }
    public Guid? ConsentId { get; private set; }
    public Guid? LegalBasisId { get; private set; }
    public Guid DisclosureId { get; private set; }
    [Sensitive]
    public string? Note { get; private set; }
    public ReferralStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }
    [Sensitive]
    public string? DecisionNote { get; private set; }

    private Referral()
    {
    }

    public static Referral Make(
        Guid id, Guid conversationId, Guid followUpId, ReferralTarget target, Guid toUnitId, Guid? consentId, Guid? legalBasisId,
        Guid disclosureId, string? note, Guid by, DateTimeOffset now) =>
        new()
        {
            Id = id,
            ConversationId = conversationId,
            FollowUpId = followUpId,
            Target = target,
            ToUnitId = toUnitId,
            ConsentId = consentId,
            LegalBasisId = legalBasisId,
            DisclosureId = disclosureId,
            Note = note,
            Status = ReferralStatus.Waiting,
            CreatedAt = now,
            CreatedByUserId = by,
        };

    public void Decide(bool accept, string? note, Guid by, DateTimeOffset now)
    {
        Status = accept ? ReferralStatus.Accepted : ReferralStatus.Declined;
        DecisionNote = note;
        DecidedByUserId = by;
        DecidedAt = now;
    }
}
