using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseManagement.Web.Security;

/// <summary>
/// The OpenID Connect server for integrations (OpenIddict on ASP.NET Core Identity). Authorization code with PKCE
/// (S256 only) for public clients, client credentials for systems, rotating refresh tokens. The REST API accepts
/// only its bearer tokens, with the API audience and scope, and sends them through the same mediator pipeline as
/// the pages, so the same policies apply. Every token carries the user's security stamp: refresh, UserInfo and every
/// API request compare it with the stored one, so logout, a password change or disabling ends the tokens at once.
/// </summary>
public static class OpenIdConnectServer
{
    public const string ApiScope = CaseManagement.Infrastructure.ClientApplications.ApiScope;
    public const string ApiAudience = "casemanagement-api";
    public const string IssuerSetting = "OpenIdConnect:Issuer";

    /// <summary>Kept in every token (encrypted in access tokens, never in ID tokens); compared on every use.</summary>
    public const string SecurityStampClaim = "security_stamp";

    /// <summary>
    /// The issuer is fixed by configuration (the public https address), never taken from the request's Host header,
    /// which a client or a badly configured proxy controls. Development and Test have local defaults.
    /// </summary>
    public static Uri Issuer(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[IssuerSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = environment.IsDevelopment() ? "http://localhost:5080/"
                : environment.IsEnvironment("Test") ? "https://localhost/"
                : throw new InvalidOperationException($"{IssuerSetting} is required outside Development: the public https address of the app, e.g. https://oppfolging.example.no/.");
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var issuer) || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment) ||
            (issuer.Scheme != Uri.UriSchemeHttps && !environment.IsDevelopment() && !environment.IsEnvironment("Test")))
        {
            throw new InvalidOperationException($"{IssuerSetting} must be an absolute https address without query or fragment.");
        }

        return issuer;
    }

    public static IServiceCollection AddCaseOpenIdConnect(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var allowHttp = SecurityServices.AllowsHttp(configuration, environment);
        var developmentKeys = environment.IsDevelopment() || environment.IsEnvironment("Test");

        // The core (stores on CaseDbContext, the application manager) is added with the database (AddClientApplications).
        services.AddOpenIddict()
            .AddServer(o =>
            {
                var issuer = Issuer(configuration, environment);
                o.SetIssuer(issuer);
                // The discovery document builds the endpoint addresses from the request's base address; once the
                // request is matched to an endpoint, the configured issuer takes its place, so Host cannot move them.
                o.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        context.BaseUri = issuer;
                        return ValueTask.CompletedTask;
                    })
                    .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 500)
                    .SetType(OpenIddictServerHandlerType.Custom));
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");

                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ApiScope);
                o.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.AuthenticationTime);

                // A code is good for one minute and one redemption; access tokens are short; refresh tokens roll.
                o.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(1));
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(10));
                o.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);

                // PKCE "plain" sends the verifier in the clear: only S256 is accepted.
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                if (developmentKeys)
                {
                    o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                }
                else
                {
                    o.AddEncryptionCertificate(LoadCertificate(configuration, "OpenIdConnect:EncryptionCertificate"));
                    o.AddSigningCertificate(LoadCertificate(configuration, "OpenIdConnect:SigningCertificate"));
                }

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (allowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.AddAudiences(ApiAudience);
                o.UseAspNetCore();
                // After OpenIddict has validated the token itself: is it still the user's current session?
                o.AddEventHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>(handler => handler
                    .UseScopedHandler<RejectStaleAccessTokens>()
                    .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
                    .SetType(OpenIddictValidationHandlerType.Custom));
            });

        return services;
    }

    public static IEndpointRouteBuilder MapOpenIdConnectEndpoints(this IEndpointRouteBuilder app)
    {
        // The authorize endpoint needs the signed-in user (cookie) and sends them to the login page otherwise.
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/connect/token", TokenAsync).AllowAnonymous().DisableAntiforgery();
        // The access token is the credential here (checked by OpenIddict and UserInfoAsync), not a cookie.
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Revokes every stored authorization and token of the user (logout): refresh tokens stop in the store as well as
    /// by the security stamp. Logout changes the stamp, which ends all of the user's sessions, so all tokens go too.
    /// </summary>
    public static async Task RevokeTokensAsync(IServiceProvider services, Guid userId, CancellationToken ct = default)
    {
        var subject = userId.ToString();
        await services.GetRequiredService<IOpenIddictAuthorizationManager>().RevokeBySubjectAsync(subject, ct);
        await services.GetRequiredService<IOpenIddictTokenManager>().RevokeBySubjectAsync(subject, ct);
    }

    /// <summary>The token's user, when it still exists, is not disabled and has the stamp the token was issued with.</summary>
    internal static bool IsCurrent(AppUser? user, ClaimsPrincipal principal) =>
        user is not null && !user.IsDisabled && user.SecurityStamp is not null &&
        string.Equals(principal.GetClaim(SecurityStampClaim), user.SecurityStamp, StringComparison.Ordinal);

    /// <summary>A client an administrator has disabled (ADR-029) gets no code and no token, by any grant.</summary>
    internal static Task<bool> IsDisabledClientAsync(CaseDbContext db, string? clientId, CancellationToken ct) =>
        clientId is null ? Task.FromResult(false) : db.IntegrationClients.AnyAsync(c => c.ClientId == clientId && c.IsDisabled, ct);

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<AppUser> users, TimeProvider clock, CaseDbContext db)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (await IsDisabledClientAsync(db, request.ClientId, http.RequestAborted))
        {
            return Forbid(Errors.UnauthorizedClient, "The client is disabled.");
        }
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedInAt = cookie.Succeeded ? SessionLimits.AuthTime(cookie.Principal!) : null;
        // prompt=login, or a sign-in older than max_age (max_age=0: always), asks for a fresh sign-in with password
        // and second factor; a code is never issued from the old session then.
        var mustSignIn = !cookie.Succeeded || signedInAt is null || request.HasPromptValue(PromptValues.Login) ||
            (request.MaxAge is { } maxAge && (clock.GetUtcNow() - signedInAt.Value).TotalSeconds >= maxAge);
        if (mustSignIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user must sign in.");
            }

            if (cookie.Succeeded)
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            // Back to this request without prompt and max_age once signed in, so the fresh sign-in is not asked again.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query.AsEnumerable();
            var returnQuery = QueryString.Create(parameters.Where(p => p.Key is not (Parameters.Prompt or Parameters.MaxAge)));
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + returnQuery },
                [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal!);
        if (user is null || user.IsDisabled)
        {
            return Forbid(Errors.AccessDenied, "The user is not active.");
        }

        var principal = CreatePrincipal(user, request.GetScopes(), signedInAt);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>UserInfo: the subject, and the name claims only when the token was granted the profile scope.</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<AppUser> users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = result.Principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (result.Principal is null || !IsCurrent(user, result.Principal))
        {
            return Results.Challenge(ErrorProperties(Errors.InvalidToken, "The token is no longer valid."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        if (!result.Principal.HasScope(Scopes.OpenId))
        {
            return Forbid(Errors.InsufficientScope, "The token was not granted the openid scope.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user!.Id.ToString() };
        if (result.Principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName;
            claims[Claims.PreferredUsername] = user.UserName ?? "";
        }

        return Results.Json(claims);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, CaseDbContext db)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (await IsDisabledClientAsync(db, request.ClientId, http.RequestAborted))
        {
            return Forbid(Errors.InvalidClient, "The client is disabled.");
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var userId = result.Principal?.GetClaim(Claims.Subject);
            var user = userId is null ? null : await users.FindByIdAsync(userId);
            // A disabled user or a new security stamp (logout, password change, disable and enable) ends refresh at once.
            if (result.Principal is null || !IsCurrent(user, result.Principal) || !await signIn.CanSignInAsync(user!))
            {
                return Forbid(Errors.InvalidGrant, "The user is no longer allowed to sign in.");
            }

            // The sign-in time stays that of the sign-in, not of the refresh.
            var signedInAt = long.TryParse(result.Principal.GetClaim(Claims.AuthenticationTime), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : (DateTimeOffset?)null;
            var principal = CreatePrincipal(user!, result.Principal.GetScopes(), signedInAt);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // A system client acts as its service account: a user row with a unit and roles, so the same
            // authorisation applies to systems as to people (ClientServiceAccounts).
            var clientId = request.ClientId!;
            var user = await users.FindByNameAsync(ClientServiceAccounts.UserNameFor(clientId));
            if (user is null || user.IsDisabled)
            {
                return Forbid(Errors.InvalidClient, "The client has no active service account.");
            }

            var principal = CreatePrincipal(user, request.GetScopes(), signedInAt: null);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static ClaimsPrincipal CreatePrincipal(AppUser user, IEnumerable<string> requestedScopes, DateTimeOffset? signedInAt)
    {
        var identity = new ClaimsIdentity(authenticationType: "OpenIddict", nameType: Claims.Name, roleType: Claims.Role);
        // Only the subject and a display name go into tokens: roles and unit are read from the database for
        // every message, so a token never carries stale authority.
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(SecurityStampClaim, user.SecurityStamp);
        if (signedInAt is { } authTime)
        {
            // A number, as OpenID Connect requires: when the user last signed in with password and second factor.
            identity.AddClaim(new Claim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal) { Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ApiScope };
        identity.SetScopes(requestedScopes.Where(allowed.Contains));
        // The API audience only with the API scope: a token for sign-in alone (openid, profile) is not for the API.
        if (identity.HasScope(ApiScope))
        {
            identity.SetResources(ApiAudience);
        }

        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name => [Destinations.AccessToken],
            Claims.AuthenticationTime => [Destinations.IdentityToken],
            // Access tokens are encrypted (only this server reads them); the ID token is readable by the client.
            SecurityStampClaim => [Destinations.AccessToken],
            _ => [Destinations.AccessToken],
        });

        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string section)
    {
        var path = configuration[$"{section}:Path"] ?? throw new InvalidOperationException($"{section}:Path is required outside Development.");
        var password = configuration[$"{section}:Password"];
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }
}

/// <summary>
/// Refuses an access token whose user is gone, disabled or has a new security stamp (logout, password change,
/// disable and enable): one read of the user by key per API request, so revocation is immediate rather than after
/// the token's ten minutes. Answered as an invalid token (401), as for a revoked one.
/// </summary>
public sealed class RejectStaleAccessTokens(CaseDbContext db) : IOpenIddictValidationHandler<OpenIddictValidationEvents.ProcessAuthenticationContext>
{
    public async ValueTask HandleAsync(OpenIddictValidationEvents.ProcessAuthenticationContext context)
    {
        if (context.IsRejected || context.AccessTokenPrincipal is not { } principal)
        {
            return;
        }

        var user = Guid.TryParse(principal.GetClaim(Claims.Subject), out var id)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken)
            : null;
        if (!OpenIdConnectServer.IsCurrent(user, principal))
        {
            context.Reject(Errors.InvalidToken, "The token was issued before the user's last sign-out or account change.");
            return;
        }

        // A token of a client an administrator has since disabled stops at once (ADR-029), also a person's token
        // obtained through a public client.
        var clients = principal.GetPresenters()
            .Append(principal.GetClaim(Claims.ClientId))
            .Append(principal.GetClaim(Claims.AuthorizedParty))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (clients.Count > 0 && await db.IntegrationClients.AnyAsync(c => clients.Contains(c.ClientId) && c.IsDisabled, context.CancellationToken))
        {
            context.Reject(Errors.InvalidToken, "The token's client has been disabled.");
        }
    }
}

/// <summary>
/// Maps a client-credentials client to the service-account user it acts as (the same name the administration gives
/// the service account of a client it registers, ADR-029).
/// </summary>
public static class ClientServiceAccounts
{
    public static string UserNameFor(string clientId) => Domain.Access.IntegrationClient.ServiceAccountUserName(clientId);
}
