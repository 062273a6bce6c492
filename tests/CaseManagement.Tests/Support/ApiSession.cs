using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManagement.Infrastructure;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace CaseManagement.Tests.Support;

/// <summary>
/// Signs in the way a person does (login page with antiforgery) and gets tokens the way an integration does
/// (authorization code + PKCE against the real OpenIddict server). Nothing here is faked.
/// </summary>
public static partial class ApiSession
{
    public const string ApiScope = OpenIdConnectServer.ApiScope;

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken);

    /// <summary>Posts the login form and returns whether the server signed the user in.</summary>
    public static async Task<bool> LoginAsync(HttpClient client, string userName, string password = DemoData.DemoPassword)
    {
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryToken(page);
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
        return response.StatusCode == HttpStatusCode.Redirect;
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
    public static async Task<HttpResponseMessage> AuthorizeAsync(HttpClient client, string clientId, string redirectUri, string challenge, string challengeMethod = "S256", string scope = "openid profile offline_access " + ApiScope)
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
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier ?? "",
        }.Where(kv => kv.Value.Length > 0).ToDictionary()));

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
    public static async Task<Tokens> TokensForAsync(CaseWebFactory factory, string userName)
    {
        using var browser = factory.CreateHttpsClient();
        Assert.True(await LoginAsync(browser, userName), $"Login failed for {userName}.");
        var (verifier, challenge) = NewPkce();
        var authorize = await AuthorizeAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge);
        var code = CodeFrom(authorize);
        Assert.False(code is null, $"No code: {(int)authorize.StatusCode} {authorize.Headers.Location}");
        var redeemed = await RedeemAsync(browser, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, code!, verifier);
        return await ReadTokensAsync(redeemed);
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
