using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseManagement.Web.Security;

/// <summary>
/// The OpenID Connect server for integrations (OpenIddict on ASP.NET Core Identity). Authorization code with PKCE
/// (S256 only) for public clients, client credentials for systems, rotating refresh tokens. The REST API accepts
/// only its bearer tokens, with the API audience and scope, and sends them through the same mediator pipeline as
/// the pages, so the same policies apply.
/// </summary>
public static class OpenIdConnectServer
{
    public const string ApiScope = "casemanagement.api";
    public const string ApiAudience = "casemanagement-api";

    public static IServiceCollection AddCaseOpenIdConnect(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var allowHttp = SecurityServices.AllowsHttp(configuration, environment);
        var developmentKeys = environment.IsDevelopment() || environment.IsEnvironment("Test");

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<CaseDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token");

                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ApiScope);

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
                    .EnableTokenEndpointPassthrough();
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
            });

        return services;
    }

    public static IEndpointRouteBuilder MapOpenIdConnectEndpoints(this IEndpointRouteBuilder app)
    {
        // The authorize endpoint needs the signed-in user (cookie) and sends them to the login page otherwise.
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/connect/token", TokenAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<AppUser> users)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString },
                [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal);
        if (user is null || user.IsDisabled)
        {
            return Forbid(Errors.AccessDenied, "The user is not active.");
        }

        var principal = CreatePrincipal(user, request.GetScopes());
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var userId = result.Principal?.GetClaim(Claims.Subject);
            var user = userId is null ? null : await users.FindByIdAsync(userId);
            // A disabled user or a new security stamp (logout, password change) ends refresh at once.
            if (user is null || user.IsDisabled || !await signIn.CanSignInAsync(user))
            {
                return Forbid(Errors.InvalidGrant, "The user is no longer allowed to sign in.");
            }

            var principal = CreatePrincipal(user, result.Principal!.GetScopes());
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

            var principal = CreatePrincipal(user, request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static ClaimsPrincipal CreatePrincipal(AppUser user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(authenticationType: "OpenIddict", nameType: Claims.Name, roleType: Claims.Role);
        // Only the subject and a display name go into tokens: roles and unit are read from the database for
        // every message, so a token never carries stale authority.
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim("security_stamp", user.SecurityStamp);

        var allowed = new HashSet<string>(StringComparer.Ordinal) { Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ApiScope };
        identity.SetScopes(requestedScopes.Where(allowed.Contains));
        identity.SetResources(ApiAudience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name => [Destinations.AccessToken],
            "security_stamp" => [],
            _ => [Destinations.AccessToken],
        });

        return new ClaimsPrincipal(identity);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string section)
    {
        var path = configuration[$"{section}:Path"] ?? throw new InvalidOperationException($"{section}:Path is required outside Development.");
        var password = configuration[$"{section}:Password"];
        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }
}

/// <summary>Maps a client-credentials client to the service-account user it acts as.</summary>
public static class ClientServiceAccounts
{
    public static string UserNameFor(string clientId) => "client." + clientId;
}
