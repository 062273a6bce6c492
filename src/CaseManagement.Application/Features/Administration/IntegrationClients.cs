using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// The boundary to OpenIddict's application store (implemented in Infrastructure, ADR-029): the handlers decide, this
/// writes the OpenID Connect application in the command's DbContext and transaction. OpenIddict hashes the secret
/// (PBKDF2) before it is stored; the plain secret exists only in the command's answer.
/// </summary>
public interface IClientApplications
{
    Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken);

    Task CreateConfidentialAsync(string clientId, string displayName, string secret, CancellationToken cancellationToken);

    Task CreatePublicAsync(string clientId, string displayName, IReadOnlyList<Uri> redirectUris, CancellationToken cancellationToken);

    /// <summary>Stores the hash of <paramref name="newSecret"/>; the replaced secret is accepted until <paramref name="previousValidUntil"/>.</summary>
    Task RotateSecretAsync(string clientId, string newSecret, DateTimeOffset previousValidUntil, CancellationToken cancellationToken);
}

/// <summary>The integration clients of the administrator's own agency, newest first. No secrets.</summary>
[Requires(Capability.AdministerUsers)]
public sealed record ListClients : IQuery<IReadOnlyList<ClientSummary>>;

/// <summary>One client of the administrator's own agency; the other agency's client, or none, is "not found".</summary>
[Requires(Capability.AdministerUsers)]
public sealed record GetClient(Guid Id) : IQuery<ClientSummary>;

public sealed record ClientSummary(
    Guid Id, string ClientId, string DisplayName, IntegrationClientKind Kind, bool IsDisabled,
    Guid? ServiceAccountUserId, string? UnitName, IReadOnlyList<Capability> Capabilities, IReadOnlyList<string> RedirectUris,
    DateTimeOffset CreatedAt, DateTimeOffset? SecretIssuedAt, DateTimeOffset? PreviousSecretValidUntil);

public sealed record ClientChanged(Guid Id);

internal sealed class GetClientValidator : AbstractValidator<GetClient>
{
    public GetClientValidator() => RuleFor(x => x.Id).NotEmpty();
}

internal static partial class ClientRules
{
    public const int MaxRedirectUris = 10;
    public const int MaxRedirectUriLength = 500;

    public static string ServiceAccountUserName(string clientId) => IntegrationClient.ServiceAccountUserName(clientId);

    /// <summary>256 random bits, URL-safe base64 (43 characters): made by the server, never chosen by a person.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [GeneratedRegex("^[a-z][a-z0-9-]{2,49}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    public static partial Regex ClientIdPattern();

    public static IRuleBuilderOptions<T, string?> ClientId<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.Clients_ClientIdRequired)
            .Must(v => ClientIdPattern().IsMatch(v!.Trim())).WithMessage(_ => Messages.Clients_ClientIdFormat);

    public static IRuleBuilderOptions<T, string?> ClientDisplayName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.Clients_DisplayNameRequired)
            .SingleLine(IntegrationClient.DisplayNameMaxLength);

    /// <summary>Taken in our register, in OpenIddict's (e.g. a client registered in code) or as a user name.</summary>
    public static async Task CheckClientIdIsFreeAsync(CaseDbContext db, IClientApplications applications, string clientId, CancellationToken cancellationToken)
    {
        var accountName = ServiceAccountUserName(clientId).ToUpperInvariant();
        if (await db.IntegrationClients.AnyAsync(c => c.ClientId == clientId, cancellationToken) ||
            await db.Users.AnyAsync(u => u.NormalizedUserName == accountName, cancellationToken) ||
            await applications.ExistsAsync(clientId, cancellationToken))
        {
            throw new RuleViolationException("ClientId", Messages.Clients_ClientIdTaken);
        }
    }

    /// <summary>
    /// A redirect URI exactly as it will be compared (no patterns): absolute, https (http only to this machine's
    /// loopback, RFC 8252 § 7.3), no fragment (RFC 6749 § 3.1.2), no wildcard, no user name or password. Null when valid.
    /// </summary>
    public static string? RedirectUriProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Messages.Clients_RedirectUriNotAbsolute;
        }

        if (value.Length > MaxRedirectUriLength)
        {
            return Messages.Clients_RedirectUriTooLong;
        }

        if (value.Contains('*', StringComparison.Ordinal) || value.Contains("%2A", StringComparison.OrdinalIgnoreCase))
        {
            return Messages.Clients_RedirectUriWildcard;
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return Messages.Clients_RedirectUriFragment;
        }

        if (!TextRules.IsCleanSingleLine(value) || value.Any(char.IsWhiteSpace) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return Messages.Clients_RedirectUriNotAbsolute;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Messages.Clients_RedirectUriUserInfo;
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        return https || loopbackHttp ? null : Messages.Clients_RedirectUriScheme;
    }

    /// <summary>The administrator's own agency's client; the other agency's, or none, is "not found".</summary>
    public static async Task<IntegrationClient> OwnAsync(CaseDbContext db, UserContext administrator, Guid id, CancellationToken cancellationToken) =>
        await db.IntegrationClients.SingleOrDefaultAsync(c => c.Id == id && c.AgencyId == administrator.AgencyId, cancellationToken)
        ?? throw new NotFoundException("IntegrationClient");
}

internal sealed class ListClientsHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<ListClients, IReadOnlyList<ClientSummary>>
{
    public async ValueTask<IReadOnlyList<ClientSummary>> Handle(ListClients query, CancellationToken cancellationToken)
    {
        var agencyId = currentUser.Required.AgencyId;
        var rows = await db.IntegrationClients.AsNoTracking().Where(c => c.AgencyId == agencyId)
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return await ClientSummaries.OfAsync(db, rows, cancellationToken);
    }
}

internal sealed class GetClientHandler(CaseDbContext db, CurrentUser currentUser) : IQueryHandler<GetClient, ClientSummary>
{
    public async ValueTask<ClientSummary> Handle(GetClient query, CancellationToken cancellationToken)
    {
        var client = await ClientRules.OwnAsync(db, currentUser.Required, query.Id, cancellationToken);
        return (await ClientSummaries.OfAsync(db, [client], cancellationToken))[0];
    }
}

internal static class ClientSummaries
{
    public static async Task<IReadOnlyList<ClientSummary>> OfAsync(CaseDbContext db, IReadOnlyList<IntegrationClient> clients, CancellationToken cancellationToken)
    {
        var accounts = clients.Where(c => c.ServiceAccountUserId is not null).Select(c => c.ServiceAccountUserId!.Value).ToList();
        var units = await (
                from u in db.Users.AsNoTracking()
                join unit in db.Units on u.UnitId equals unit.Id
                where accounts.Contains(u.Id)
                select new { u.Id, unit.Name })
            .ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
        return clients.Select(c => new ClientSummary(
                c.Id, c.ClientId, c.DisplayName, c.Kind, c.IsDisabled, c.ServiceAccountUserId,
                c.ServiceAccountUserId is { } account && units.TryGetValue(account, out var unitName) ? unitName : null,
                c.NamedCapabilities.Order().ToList(), c.RedirectUriList, c.CreatedAt, c.SecretIssuedAt, c.PreviousSecretValidUntil))
            .ToList();
    }
}
