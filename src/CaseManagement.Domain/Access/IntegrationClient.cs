namespace CaseManagement.Domain.Access;

public enum IntegrationClientKind
{
    /// <summary>A system with a secret: client credentials only, acting as its own service account.</summary>
    Confidential,

    /// <summary>An app without a secret: authorization code with PKCE, for people signing in; exact redirect URIs.</summary>
    Public,
}

/// <summary>
/// An integration client registered by an administrator of one agency (ADR-029). The OpenID Connect application itself
/// (client id, hashed secret, permissions, redirect URIs) lives in OpenIddict's store; this row is the audited,
/// agency-scoped record of it: who owns it, which service account and capabilities it has, whether it is disabled,
/// and until when a rotated secret still works. No secret, and no hash of one, is kept here.
/// </summary>
public sealed class IntegrationClient
{
    public const int ClientIdMaxLength = 50;
    public const int DisplayNameMaxLength = 100;

    public Guid Id { get; private set; }
    public Guid AgencyId { get; private set; }
    public string ClientId { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public IntegrationClientKind Kind { get; private set; }

    /// <summary>The service account a confidential client acts as; null for a public client (people act for themselves).</summary>
    public Guid? ServiceAccountUserId { get; private set; }

    /// <summary>
    /// The named capabilities of the service account, comma-separated (<see cref="Capability"/> names): the only ones
    /// it holds (deny by default). Empty for a public client.
    /// </summary>
    public string Capabilities { get; private set; } = "";

    /// <summary>The exact redirect URIs of a public client, one per line; empty for a confidential client.</summary>
    public string RedirectUris { get; private set; } = "";

    public bool IsDisabled { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SecretIssuedAt { get; private set; }

    /// <summary>After a rotation: the previous secret is accepted until then, and never after.</summary>
    public DateTimeOffset? PreviousSecretValidUntil { get; private set; }

    private IntegrationClient()
    {
    }

    public static IntegrationClient Confidential(
        Guid id, Guid agencyId, string clientId, string displayName, Guid serviceAccountUserId, IEnumerable<Capability> capabilities, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        AgencyId = agencyId,
        ClientId = clientId,
        DisplayName = displayName,
        Kind = IntegrationClientKind.Confidential,
        ServiceAccountUserId = serviceAccountUserId,
        Capabilities = string.Join(",", capabilities.Distinct().Order()),
        CreatedByUserId = createdBy,
        CreatedAt = now,
        SecretIssuedAt = now,
    };

    public static IntegrationClient Public(Guid id, Guid agencyId, string clientId, string displayName, IEnumerable<Uri> redirectUris, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        AgencyId = agencyId,
        ClientId = clientId,
        DisplayName = displayName,
        Kind = IntegrationClientKind.Public,
        RedirectUris = string.Join("\n", redirectUris.Select(u => u.AbsoluteUri)),
        CreatedByUserId = createdBy,
        CreatedAt = now,
    };

    public IReadOnlySet<Capability> NamedCapabilities => ParseCapabilities(Capabilities);

    public IReadOnlyList<string> RedirectUriList => RedirectUris.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A new secret now; the old one keeps working until <paramref name="previousValidUntil"/>.</summary>
    public void SecretRotated(DateTimeOffset now, DateTimeOffset previousValidUntil)
    {
        SecretIssuedAt = now;
        PreviousSecretValidUntil = previousValidUntil;
    }

    public void SetDisabled(bool disabled) => IsDisabled = disabled;

    /// <summary>Unknown names are dropped: a capability removed from the code is never granted by an old row.</summary>
    public static IReadOnlySet<Capability> ParseCapabilities(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Enum.TryParse<Capability>(n, out var c) && Enum.IsDefined(c) ? c : (Capability?)null)
            .OfType<Capability>()
            .ToHashSet();

    /// <summary>
    /// What a service account of an agency may be given: the capabilities of the agency's case roles, never those of
    /// administration (<see cref="Capability.AdministerUsers"/>) or oversight (<see cref="Capability.ReviewAccess"/>):
    /// a system that can create users or read the audit would be a second administrator nobody signs in as. Nor
    /// confirming people's access (<see cref="Capability.ConfirmAccess"/>, ADR-030): that is a leader's judgement.
    /// </summary>
    public static IReadOnlySet<Capability> Grantable(Organisation.AgencyKind agency) =>
        RoleAgencies.Of(agency)
            .Where(r => r is not (Role.Administrator or Role.PrivacyOfficer))
            .SelectMany(RoleCapabilities.Of)
            .Where(c => c is not (Capability.AdministerUsers or Capability.ReviewAccess or Capability.ConfirmAccess or Capability.RunScheduledJobs))
            .ToHashSet();

    /// <summary>
    /// The user name of a confidential client's service account: one namespace with people's user names, and never a
    /// valid one of theirs (a person's name has no "client." prefix the user-name rules would let through).
    /// </summary>
    public static string ServiceAccountUserName(string clientId) => "client." + clientId;
}
