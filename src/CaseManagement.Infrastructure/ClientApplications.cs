using System.Text.Json;
using CaseManagement.Application.Features.Administration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseManagement.Infrastructure;

/// <summary>
/// OpenIddict's side of the integration clients (ADR-029): the application descriptors, each with exactly the
/// permissions its kind needs, written through OpenIddict's manager so that it hashes the secret itself.
/// </summary>
public sealed class ClientApplications(IOpenIddictApplicationManager manager) : IClientApplications
{
    public const string ApiScope = "casemanagement.api";

    /// <summary>A public client (no secret): authorization code + PKCE, exact redirect URIs, rotating refresh tokens.</summary>
    public static OpenIddictApplicationDescriptor PublicDescriptor(string clientId, string displayName, IEnumerable<Uri> redirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(redirectUris);
        return descriptor;
    }

    /// <summary>A confidential system client: client credentials only, acting as its service account.</summary>
    public static OpenIddictApplicationDescriptor ConfidentialDescriptor(string clientId, string secret, string displayName) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        ClientType = ClientTypes.Confidential,
        DisplayName = displayName,
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + ApiScope,
        },
    };

    public async Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        await manager.FindByClientIdAsync(clientId, cancellationToken) is not null;

    public async Task CreateConfidentialAsync(string clientId, string displayName, string secret, CancellationToken cancellationToken) =>
        await manager.CreateAsync(ConfidentialDescriptor(clientId, secret, displayName), cancellationToken);

    public async Task CreatePublicAsync(string clientId, string displayName, IReadOnlyList<Uri> redirectUris, CancellationToken cancellationToken) =>
        await manager.CreateAsync(PublicDescriptor(clientId, displayName, redirectUris), cancellationToken);

    public async Task RotateSecretAsync(string clientId, string newSecret, DateTimeOffset previousValidUntil, CancellationToken cancellationToken)
    {
        var application = await manager.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new InvalidOperationException("The client's OpenID Connect application is missing.");
        var rotation = manager as ISecretRotation
            ?? throw new InvalidOperationException("The application manager does not keep a previous secret (ClientApplicationManager is not registered).");
        await rotation.RotateSecretAsync(application, newSecret, previousValidUntil, cancellationToken);
    }
}

internal interface ISecretRotation
{
    ValueTask RotateSecretAsync(object application, string newSecret, DateTimeOffset previousValidUntil, CancellationToken cancellationToken);
}

/// <summary>
/// OpenIddict keeps one secret per application. For rotation with overlap this manager keeps the hash of the replaced
/// secret, and the time it stops, in the application's own properties (never in our tables or the audit), and accepts
/// it until then. The comparison is OpenIddict's own (PBKDF2, constant time) against the stored hash.
/// </summary>
public sealed class ClientApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    TimeProvider clock)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store), ISecretRotation
    where TApplication : class
{
    public const string PreviousSecretProperty = "previous_client_secret";
    public const string PreviousSecretValidUntilProperty = "previous_client_secret_valid_until";

    public override async ValueTask<bool> ValidateClientSecretAsync(TApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        var properties = await Store.GetPropertiesAsync(application, cancellationToken);
        if (!properties.TryGetValue(PreviousSecretProperty, out var hash) || hash.ValueKind != JsonValueKind.String ||
            !properties.TryGetValue(PreviousSecretValidUntilProperty, out var until) || until.ValueKind != JsonValueKind.String ||
            !until.TryGetDateTimeOffset(out var validUntil) || clock.GetUtcNow() >= validUntil)
        {
            return false;
        }

        return await ValidateClientSecretAsync(secret, hash.GetString()!, cancellationToken);
    }

    public async ValueTask RotateSecretAsync(object application, string newSecret, DateTimeOffset previousValidUntil, CancellationToken cancellationToken)
    {
        var typed = (TApplication)application;
        var current = await Store.GetClientSecretAsync(typed, cancellationToken);
        var properties = await Store.GetPropertiesAsync(typed, cancellationToken);
        properties = current is null
            ? properties.Remove(PreviousSecretProperty).Remove(PreviousSecretValidUntilProperty)
            : properties.SetItem(PreviousSecretProperty, JsonSerializer.SerializeToElement(current))
                .SetItem(PreviousSecretValidUntilProperty, JsonSerializer.SerializeToElement(previousValidUntil));
        await Store.SetPropertiesAsync(typed, properties, cancellationToken);
        // Hashes the new secret and saves the application with the properties set above.
        await UpdateAsync(typed, newSecret, cancellationToken);
    }
}
