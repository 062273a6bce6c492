namespace CaseManagement.Domain.Sharing;

/// <summary>Who gave (or refused) the consent.</summary>
public enum ConsentGiver
{
    Person,
    Guardian,
    Representative,
}

public enum ConsentMethod
{
    Written,
    Oral,
    Digital,
}

/// <summary>
/// Samtykke: given to a service (a unit), never to a named employee; for named record kinds and a purpose; valid
/// for a period; withdrawable at any time. A refusal is recorded too. Withdrawal stops further access at once but does
/// not erase what was lawfully shared.
/// </summary>
public sealed class Consent
{
    public const int PurposeMaxLength = 500;
    public const int NameMaxLength = 200;

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid FollowUpId { get; private set; }
    public ConsentGiver GivenBy { get; private set; }
    public string? GiverName { get; private set; }
    public Guid ToUnitId { get; private set; }
    public RecordKinds RecordKinds { get; private set; }
    /// <summary>What the consent is for, in the giver's terms; free text about the person's situation, encrypted at rest (ADR-010).</summary>
    [Auditing.Sensitive]
    public string Purpose { get; private set; } = "";
    public ConsentMethod Method { get; private set; }
    public bool Refused { get; private set; }
    public DateTimeOffset ValidFrom { get; private set; }
    public DateTimeOffset? ValidTo { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public Guid RecordedByUserId { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    private Consent()
    {
    }

    public static Consent Record(
        Guid id, Guid personId, Guid followUpId, ConsentGiver givenBy, string? giverName, Guid toUnitId, RecordKinds kinds,
        string purpose, ConsentMethod method, bool refused, DateTimeOffset validFrom, DateTimeOffset? validTo, Guid recordedBy, DateTimeOffset now) =>
        new()
        {
            Id = id,
            PersonId = personId,
            FollowUpId = followUpId,
            GivenBy = givenBy,
            GiverName = giverName,
            ToUnitId = toUnitId,
            RecordKinds = kinds,
            Purpose = purpose,
            Method = method,
            Refused = refused,
            ValidFrom = validFrom,
            ValidTo = validTo,
            RecordedAt = now,
            RecordedByUserId = recordedBy,
        };

    public bool IsActiveAt(DateTimeOffset now) =>
        !Refused && WithdrawnAt is null && ValidFrom <= now && (ValidTo is null || ValidTo > now);

    public void Withdraw(DateTimeOffset now) => WithdrawnAt ??= now;
}
