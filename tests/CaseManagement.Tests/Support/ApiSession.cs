using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Support;

/// <summary>
/// Signs in the way a person does (login pages with antiforgery: password, then the TOTP code) and gets tokens the way an integration does
/// (authorization code + PKCE against the real OpenIddict server). Nothing here is faked.
/// </summary>
public static partial class ApiSession
{
    public const string ApiScope = OpenIdConnectServer.ApiScope;

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken);

    /// <summary>
    /// Signs in the whole way a person does: password, then the one-time code from the demo user's authenticator
    /// (<see cref="DemoData.TotpSecrets"/>), computed at the factory's fake clock. True when the server signed the
    /// user in. The client must come from <see cref="CaseWebFactory.CreateHttpsClient"/>.
    /// </summary>
    public static Task<bool> LoginAsync(HttpClient client, string userName, string password = DemoData.DemoPassword) =>
        LoginAsync(CaseWebFactory.OwnerOf(client) ?? throw new InvalidOperationException("Use a client from CaseWebFactory.CreateHttpsClient."), client, userName, password);

    /// <summary>Password and one-time code; <paramref name="totpSecret"/> defaults to the demo user's.</summary>
    public static async Task<bool> LoginAsync(CaseWebFactory factory, HttpClient client, string userName, string password = DemoData.DemoPassword, string? totpSecret = null)
    {
        var passwordStep = await PasswordStepAsync(client, userName, password);
        if (passwordStep.StatusCode != HttpStatusCode.Redirect || PathOf(passwordStep) != LoginFlowPaths.Code)
        {
            return false;
        }

        var secret = totpSecret ?? DemoData.TotpSecrets[userName];
        var code = await NextCodeAsync(factory, userName, secret);
        var codeStep = await CodeStepAsync(client, code);
        return IsSignedInRedirect(codeStep);
    }

    /// <summary>The paths of the sign-in steps (as the pages declare them).</summary>
    public static class LoginFlowPaths
    {
        public const string Password = "/login";
        public const string Code = "/login/code";
        public const string RecoveryCode = "/login/recovery-code";
        public const string Enrol = "/login/enrol";
    }

    /// <summary>Posts user name and password on the login page.</summary>
    public static Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string userName, string password) =>
        PostFormAsync(client, LoginFlowPaths.Password, "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    /// <summary>Posts a one-time code on the code page (after the password step).</summary>
    public static Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string code) =>
        PostFormAsync(client, LoginFlowPaths.Code, "totp", new() { ["Input.Code"] = code });

    /// <summary>Posts a recovery code (after the password step).</summary>
    public static Task<HttpResponseMessage> RecoveryStepAsync(HttpClient client, string recoveryCode) =>
        PostFormAsync(client, LoginFlowPaths.RecoveryCode, "recovery", new() { ["Input.RecoveryCode"] = recoveryCode });

    /// <summary>A redirect away from the sign-in pages: the second factor was accepted.</summary>
    public static bool IsSignedInRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect &&
        PathOf(response) is { } path &&
        !path.StartsWith("/login", StringComparison.Ordinal);

    /// <summary>The path a redirect points to (the server sends absolute or relative locations).</summary>
    public static string? PathOf(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.AbsolutePath
        : location.OriginalString.Split('?')[0];

    /// <summary>
    /// The code for the user's next acceptable time step at the fake clock. The server accepts each step once, so
    /// when this step was used already the code of the next one (within the ±1 window) is taken, and the clock is
    /// moved on only when even that was used.
    /// </summary>
    public static async Task<string> NextCodeAsync(CaseWebFactory factory, string userName, string secret)
    {
        var last = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LastTotpTimeStep).SingleAsync());
        var current = Totp.StepAt(factory.Clock.GetUtcNow());
        var step = Math.Max(current, last + 1);
        if (step > current + Totp.Window)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(Totp.StepSeconds * (step - current - Totp.Window)));
        }

        return Totp.CodeAt(secret, DateTimeOffset.FromUnixTimeSeconds(step * Totp.StepSeconds));
    }

    /// <summary>GETs the page for its antiforgery token, then POSTs the Blazor form <paramref name="formName"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)page.StatusCode} {page.Headers.Location}");
        fields["__RequestVerificationToken"] = AntiforgeryToken(html);
        fields["_handler"] = formName;
        return await client.PostFormAsync(path, fields);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryPattern().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    /// <summary>Runs /connect/authorize for a signed-in cookie client and returns the redirect it answered with.</summary>
    public static async Task<HttpResponseMessage> AuthorizeAsync(HttpClient client, string clientId, string redirectUri, string challenge, string challengeMethod = "S256", string scope = DefaultScope)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challengeMethod,
        };
        return await client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query));
    }

    public static string? CodeFrom(HttpResponseMessage authorizeResponse)
    {
        var location = authorizeResponse.Headers.Location;
        if (location is null)
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(location.Query);
        return query.TryGetValue("code", out var code) ? code.ToString() : null;
    }

    public static Task<HttpResponseMessage> RedeemAsync(HttpClient client, string clientId, string redirectUri, string code, string? verifier) =>
        client.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier ?? "",
        }.Where(kv => kv.Value.Length > 0).ToDictionary());

    public static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Token endpoint answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new Tokens(
            root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.TryGetProperty("id_token", out var i) ? i.GetString() : null);
    }

    /// <summary>Login, authorize with PKCE, redeem: the whole flow a public client runs for a user.</summary>
    public static async Task<Tokens> TokensForAsync(CaseWebFactory factory, string userName, string scope = DefaultScope)
    {
        using var browser = factory.CreateHttpsClient();
        Assert.True(await LoginAsync(browser, userName), $"Login failed for {userName}.");
        return await TokensAsync(browser, scope);
    }

    public const string DefaultScope = "openid profile offline_access " + ApiScope;

    /// <summary>Authorize with PKCE and redeem, for a browser that is signed in already.</summary>
    public static async Task<Tokens> TokensAsync(HttpClient browser, string scope = DefaultScope)
    {
        var (verifier, challenge) = NewPkce();
        var authorize = await AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge, scope: scope);
        var code = CodeFrom(authorize);
        Assert.False(code is null, $"No code: {(int)authorize.StatusCode} {authorize.Headers.Location}");
        var redeemed = await RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code!, verifier);
        return await ReadTokensAsync(redeemed);
    }

    /// <summary>Redeems a refresh token as the development client.</summary>
    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = OpenIdConnectClients.DevelopmentClientId,
            ["refresh_token"] = refreshToken,
        });

    /// <summary>The claims of a signed (not encrypted) JWT such as an ID token; the signature is the server's business.</summary>
    public static JsonElement PayloadOf(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(part));
        return json.RootElement.Clone();
    }

    /// <summary>An API client that carries only a bearer token (no cookies).</summary>
    public static HttpClient Bearer(CaseWebFactory factory, string accessToken)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<HttpClient> BearerForAsync(CaseWebFactory factory, string userName) =>
        Bearer(factory, (await TokensForAsync(factory, userName)).AccessToken);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
