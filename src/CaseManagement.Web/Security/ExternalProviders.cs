using System.Security.Claims;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaseManagement.Web.Security;

/// <summary>
/// One external OpenID Connect identity provider (the police's or the municipality's directory, ID-porten), added
/// by configuration under <c>Authentication:ExternalProviders:&lt;scheme&gt;</c> (docs/decisions/ADR-016).
/// </summary>
public sealed class ExternalProviderOptions
{
    public const string Section = "Authentication:ExternalProviders";

    /// <summary>The button text on the login page, e.g. "Politiets katalog".</summary>
    public string DisplayName { get; set; } = "";

    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>From a secret store in Production; a provider without a secret is a public client (PKCE only).</summary>
    public string? ClientSecret { get; set; }

    public string[] Scopes { get; set; } = ["openid", "profile"];

    /// <summary>
    /// The claim of the provider's ID token that names a user here (e.g. <c>email</c>, <c>preferred_username</c>,
    /// or ID-porten's <c>pid</c>), and the account field it must equal: <c>UserName</c> or <c>Email</c>. Accounts are
    /// never created from an external login: a person without an account here is refused like a wrong password.
    /// </summary>
    public string MatchClaim { get; set; } = "email";

    public string MatchField { get; set; } = "Email";

    /// <summary>
    /// The claim and values by which the provider proves it did multi-factor authentication (e.g. <c>acr</c> =
    /// <c>idporten-loa-high</c>, or <c>amr</c> containing <c>mfa</c>). Without such proof the user must also give a
    /// one-time code from their authenticator here: MFA stays mandatory for every account.
    /// </summary>
    public string? MfaClaim { get; set; }

    public string[] MfaValues { get; set; } = [];
}

public static partial class ExternalProviders
{
    public const string StartPath = "/account/external";
    public const string ReturnPath = "/account/external-return";

    public static IReadOnlyDictionary<string, ExternalProviderOptions> Read(IConfiguration configuration) =>
        configuration.GetSection(ExternalProviderOptions.Section).GetChildren()
            .ToDictionary(s => s.Key, s => s.Get<ExternalProviderOptions>() ?? new ExternalProviderOptions(), StringComparer.Ordinal);

    /// <summary>
    /// One OpenID Connect handler per configured provider: authorization code with PKCE, the external cookie as its
    /// sign-in scheme (a step, never a session), claims kept as the provider names them, no tokens stored.
    /// </summary>
    public static AuthenticationBuilder AddExternalProviders(this AuthenticationBuilder authentication, IConfiguration configuration, bool allowHttp)
    {
        var providers = Read(configuration);
        authentication.Services.AddSingleton(providers);
        authentication.Services.AddSingleton(new Application.Features.Administration.ExternalIdentityProviders(providers.Keys));
        foreach (var (scheme, provider) in providers)
        {
            if (string.IsNullOrWhiteSpace(provider.Authority) || string.IsNullOrWhiteSpace(provider.ClientId))
            {
                throw new InvalidOperationException($"{ExternalProviderOptions.Section}:{scheme} needs Authority and ClientId.");
            }

            authentication.AddOpenIdConnect(scheme, provider.DisplayName, o =>
            {
                o.Authority = provider.Authority;
                o.ClientId = provider.ClientId;
                o.ClientSecret = provider.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.CallbackPath = "/signin-" + scheme.ToLowerInvariant();
                o.SignedOutCallbackPath = "/signout-callback-" + scheme.ToLowerInvariant();
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.RequireHttpsMetadata = !allowHttp;
                o.Scope.Clear();
                foreach (var scope in provider.Scopes)
                {
                    o.Scope.Add(scope);
                }
            });
        }

        return authentication;
    }

    /// <summary>The account an external login names, or null: unknown, ambiguous and disabled all answer null.</summary>
    public static async Task<AppUser?> FindAccountAsync(UserManager<AppUser> users, ExternalProviderOptions provider, ClaimsPrincipal external)
    {
        var value = external.FindFirst(provider.MatchClaim)?.Value;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            return null;
        }

        var normalised = users.NormalizeName(value);
        var matches = provider.MatchField switch
        {
            "UserName" => await users.Users.Where(u => u.NormalizedUserName == normalised).Take(2).ToListAsync(),
            "Email" => await users.Users.Where(u => u.NormalizedEmail == users.NormalizeEmail(value)).Take(2).ToListAsync(),
            _ => [],
        };
        return matches is [var user] && !user.IsDisabled ? user : null;
    }

    /// <summary>Whether the provider's token proves a second factor, by the configured claim and values only.</summary>
    public static bool ProvesMfa(ExternalProviderOptions provider, ClaimsPrincipal external) =>
        provider.MfaClaim is { Length: > 0 } claim && provider.MfaValues.Length > 0
        && external.FindAll(claim).Any(c => provider.MfaValues.Contains(c.Value, StringComparer.Ordinal));

    public static IEndpointRouteBuilder MapExternalLoginEndpoints(this IEndpointRouteBuilder app)
    {
        // Starting a login at a configured provider. Only configured schemes: anything else is 404.
        // With an activation token (from the activation page), the answer activates that invitation instead of
        // looking for an account (ADR-026). The token travels in the protected state, not in the return URL.
        app.MapGet(StartPath + "/{scheme}", (string scheme, string? returnUrl, string? activation, [FromServices] IReadOnlyDictionary<string, ExternalProviderOptions> providers,
            [FromServices] SignInManager<AppUser> signIn) =>
        {
            if (!providers.ContainsKey(scheme))
            {
                return Results.NotFound();
            }

            var target = Components.Pages.Login.SafeReturnUrl(returnUrl);
            var properties = signIn.ConfigureExternalAuthenticationProperties(scheme, $"{ReturnPath}?returnUrl={Uri.EscapeDataString(target)}");
            if (activation is { Length: > 0 and <= 100 })
            {
                properties.Items[ActivationItem] = activation;
            }

            return Results.Challenge(properties, [scheme]);
        }).AllowAnonymous();

        // Back from the provider: the external cookie holds its claims. Find the account, then either sign in (the
        // provider proved MFA) or continue at the one-time-code step. Every refusal looks like a failed password.
        app.MapGet(ReturnPath, async (HttpContext http, string? returnUrl, [FromServices] IReadOnlyDictionary<string, ExternalProviderOptions> providers,
            [FromServices] AppSignInManager signIn, [FromServices] UserManager<AppUser> users, [FromServices] AccountActivation activation, [FromServices] ILoggerFactory loggers) =>
        {
            var log = loggers.CreateLogger(typeof(ExternalProviders));
            var target = Components.Pages.Login.SafeReturnUrl(returnUrl);
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null || !providers.TryGetValue(info.LoginProvider, out var provider))
            {
                return Results.LocalRedirect(Components.Pages.LoginFlow.PasswordPath + "?external=failed");
            }

            var user = info.AuthenticationProperties?.Items.TryGetValue(ActivationItem, out var token) == true
                ? await ActivateAsync(users, activation, token, info)
                : await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) ?? await FindAccountAsync(users, provider, info.Principal);
            if (user is null || !await signIn.MaySignInAsync(user))
            {
                await http.SignOutAsync(IdentityConstants.ExternalScheme);
                LogRefused(log, info.LoginProvider);
                return Results.LocalRedirect(Components.Pages.LoginFlow.PasswordPath + "?external=failed");
            }

            if ((await users.GetLoginsAsync(user)).All(l => l.LoginProvider != info.LoginProvider))
            {
                // The first login through this provider links it to the account it matched; later logins use the
                // provider's stable subject.
                await users.AddLoginAsync(user, info);
            }

            if (ProvesMfa(provider, info.Principal))
            {
                await signIn.SignInAfterExternalMfaAsync(user, info.LoginProvider);
                return Results.LocalRedirect(target);
            }

            var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
            return result.RequiresTwoFactor
                ? Results.LocalRedirect(Components.Pages.LoginFlow.Step(Components.Pages.LoginFlow.CodePath, target))
                : Results.LocalRedirect(Components.Pages.LoginFlow.PasswordPath + "?external=failed");
        }).AllowAnonymous();
        return app;
    }

    private const string ActivationItem = "activation";

    /// <summary>
    /// An invitation accepted through the provider: the invited user, now linked to the provider's stable subject and
    /// activated, in one save; null when the link does not work or the identity already belongs to an account.
    /// </summary>
    private static async Task<AppUser?> ActivateAsync(UserManager<AppUser> users, AccountActivation activation, string? token, ExternalLoginInfo info)
    {
        if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is not null)
        {
            return null;
        }

        var user = await activation.CompleteAsync(token, CancellationToken.None);
        return user is not null && (await users.AddLoginAsync(user, info)).Succeeded ? user : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An external login through {Provider} matched no account that may sign in.")]
    private static partial void LogRefused(ILogger log, string provider);
}
