namespace CaseManagement.Domain.Sharing;

/// <summary>
/// Utlevering: read access for a unit to named record kinds of one follow-up, for a period, on a consent or a legal
/// basis. It ends at once when the period runs out, the consent is withdrawn, or it is ended by hand.
/// </summary>
public sealed class Disclosure
{
    public const int ReasonMaxLength = 1000;

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid ToUnitId { get; private set; }
    public RecordKinds RecordKinds { get; private set; }
    public Guid? ConsentId { get; private set; }
    public Guid? LegalBasisId { get; private set; }
    /// <summary>Free text that justifies the disclosure; it often restates the concern about the person, so it is encrypted at rest (ADR-010).</summary>
    [Auditing.Sensitive]
    public string Reason { get; private set; } = "";
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset ValidTo { get; private set; }
    public Guid GrantedByUserId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    private Disclosure()
    {
    }

    public static Disclosure Grant(
        Guid id, Guid followUpId, Guid toUnitId, RecordKinds kinds, Guid? consentId, Guid? legalBasisId, string reason,
        DateTimeOffset validFrom, DateTimeOffset validTo, Guid grantedBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            FollowUpId = followUpId,
            ToUnitId = toUnitId,
            RecordKinds = kinds,
            ConsentId = consentId,
            LegalBasisId = legalBasisId,
            Reason = reason,
            ValidFrom = validFrom,
            ValidTo = validTo,
            GrantedByUserId = grantedBy,
            GrantedAt = now,
        };

    public void End(DateTimeOffset now) => EndedAt ??= now;
}
