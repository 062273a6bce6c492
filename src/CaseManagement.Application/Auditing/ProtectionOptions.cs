namespace CaseManagement.Application.Auditing;

/// <summary>
/// Keys for protecting data at rest and the audit: section <c>Protection</c>. Every key is 32 random bytes in base64.
/// Production takes them from a secret store; Development and the tests use fixed, published keys.
/// </summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";

    /// <summary>Encryption keys by id. Old keys stay to decrypt; <see cref="ActiveKey"/> encrypts.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    public string ActiveKey { get; set; } = "";

    /// <summary>HMAC-SHA-256 key of the audit and access-log hash chains.</summary>
    public string ChainKey { get; set; } = "";

    /// <summary>
    /// HMAC-SHA-256 key of the blind index (the searchable token of an encrypted identity number). Kept apart from
    /// the encryption keys: the index of an 11-digit number is only as safe as this key (docs/decisions/ADR-010).
    /// </summary>
    public string BlindIndexKey { get; set; } = "";
}
