using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CaseManagement.Tests.Security;

/// <summary>
/// An invitation accepted through the organisation's own sign-in (issue 15, ADR-016, ADR-026): the whole code flow
/// against the app's real OpenID Connect handler, with the provider (a system we do not own) played by
/// <see cref="FakeProvider"/>. The invited account is activated and linked to the provider's subject; the second
/// factor is still asked for; a used link, an identity that already belongs to someone, and an unknown identity
/// without an invitation all end on the login page, and no account is ever created.
/// </summary>
public sealed class ExternalActivationTests : IAsyncLifetime
{
    private const string Scheme = "kommunen";
    private const string Issuer = "https://idp.kommune.example";
    private readonly CaseWebFactory _factory = new();
    private readonly FakeProvider _provider = new();
    private WebApplicationFactory<Program> _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.Settings[$"Authentication:ExternalProviders:{Scheme}:DisplayName"] = "Kommunens innlogging";
        _factory.Settings[$"Authentication:ExternalProviders:{Scheme}:Authority"] = Issuer;
        _factory.Settings[$"Authentication:ExternalProviders:{Scheme}:ClientId"] = "oppfolging";
        _factory.Settings[$"Authentication:ExternalProviders:{Scheme}:ClientSecret"] = "hemmelig-klient";
        _factory.Settings[$"Authentication:ExternalProviders:{Scheme}:Scopes:0"] = "openid";
        // Cookies of the sign-in round trip carry the app's clock in their expiry; the test's client keeps real time.
        _factory.Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.PostConfigure<OpenIdConnectOptions>(Scheme, o =>
            {
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(_provider.Configuration);
                o.Backchannel = new HttpClient(_provider);
            })));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
        _provider.Dispose();
    }

    [Fact]
    public async Task The_activation_page_offers_the_provider_and_accepting_through_it_activates_and_links_the_account_then_asks_for_the_second_factor()
    {
        var (userId, token) = await InviteAsync();
        var client = Client();
        var page = await client.GetStringAsync($"/aktiver/{token}", Ct);
        Assert.Contains("Kommunens innlogging", page, StringComparison.Ordinal);
        Assert.Contains($"/account/external/{Scheme}?activation={token}", page, StringComparison.Ordinal);

        var subject = "sub-" + Guid.CreateVersion7().ToString("N");
        var landing = await SignInThroughProviderAsync(client, token, subject);

        Assert.StartsWith("/login/code", landing, StringComparison.Ordinal);
        var user = await WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, Ct));
        Assert.False(user.AwaitingActivation);
        Assert.Null(user.PasswordHash);
        Assert.Equal(userId, await WithDbAsync(db => db.UserLogins.Where(l => l.LoginProvider == Scheme && l.ProviderKey == subject).Select(l => l.UserId).SingleAsync(Ct)));
        Assert.NotNull(await WithDbAsync(db => db.UserInvitations.Where(i => i.UserId == userId).Select(i => i.UsedAt).SingleAsync(Ct)));
        // The activation is the user's own, audited with the link it made.
        var changes = await WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId && e.MessageName == "ActivateAccount").ToListAsync(Ct)).SelectMany(e => e.Changes).ToList());
        Assert.Contains(changes, c => c.Field == "ProviderKey" && c.NewValue == subject);
        Assert.Contains(changes, c => c.Field == nameof(AppUser.AwaitingActivation));

        // The link is used: the same way in again ends on the login page and changes nothing.
        var again = await SignInThroughProviderAsync(Client(), token, "sub-" + Guid.CreateVersion7().ToString("N"));
        Assert.Equal("/login?external=failed", again);
        Assert.Equal(1, await WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == userId, Ct)));
    }

    [Fact]
    public async Task An_identity_that_belongs_to_another_account_does_not_activate_an_invitation_and_an_unknown_identity_makes_no_account()
    {
        var (first, firstToken) = await InviteAsync();
        var subject = "sub-" + Guid.CreateVersion7().ToString("N");
        Assert.StartsWith("/login/code", await SignInThroughProviderAsync(Client(), firstToken, subject), StringComparison.Ordinal);
        var users = await WithDbAsync(db => db.Users.CountAsync(Ct));

        var (second, secondToken) = await InviteAsync();
        Assert.Equal("/login?external=failed", await SignInThroughProviderAsync(Client(), secondToken, subject));
        Assert.True(await WithDbAsync(db => db.Users.Where(u => u.Id == second).Select(u => u.AwaitingActivation).SingleAsync(Ct)));
        Assert.Equal([first], await WithDbAsync(db => db.UserLogins.Where(l => l.ProviderKey == subject).Select(l => l.UserId).ToListAsync(Ct)));

        // No invitation, an identity nobody has: refused like a wrong password, and no account appears.
        Assert.Equal("/login?external=failed", await SignInThroughProviderAsync(Client(), null, "sub-" + Guid.CreateVersion7().ToString("N")));
        Assert.Equal(users + 1, await WithDbAsync(db => db.Users.CountAsync(Ct)));
    }

    private async Task<T> WithDbAsync<T>(Func<CaseDbContext, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A municipal case worker invited by the administrator, with the activation token the link carries.</summary>
    private async Task<(Guid UserId, string Token)> InviteAsync()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = Guid.CreateVersion7();
        await WithDbAsync(async db =>
        {
            var admin = await db.Users.Where(u => u.UserName == "kommuneadmin").Select(u => u.Id).SingleAsync(Ct);
            var role = await db.Roles.SingleAsync(r => r.Name == nameof(Role.CaseWorker), Ct);
            db.Users.Add(new AppUser
            {
                Id = id, UserName = "invitert-" + id.ToString("N")[^8..], NormalizedUserName = "INVITERT-" + id.ToString("N")[^8..].ToUpperInvariant(),
                DisplayName = "Invitert Ekstern", UnitId = DemoData.Nav, AwaitingActivation = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            });
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = id, RoleId = role.Id });
            db.UserInvitations.Add(UserInvitation.Issue(Guid.CreateVersion7(), id, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), admin, _factory.Clock.GetUtcNow()));
            return await db.SaveChangesAsync(Ct);
        });
        return (id, token);
    }

    /// <summary>
    /// The browser's part of the code flow: start at the app (with or without an activation token), "sign in" at the
    /// provider (which answers to the app's callback with a code), post the answer back, and follow the app to where
    /// it sends the user. Returns that place.
    /// </summary>
    private async Task<string> SignInThroughProviderAsync(HttpClient client, string? activation, string subject)
    {
        var start = await client.GetAsync($"/account/external/{Scheme}" + (activation is null ? "" : $"?activation={activation}"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(Issuer + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        // The token travels in the protected state, never readable in the request to the provider.
        Assert.DoesNotContain(activation ?? "\0", authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);

        var code = _provider.Authorize(query["nonce"]!, query["code_challenge"]!, subject);
        var callback = await client.PostAsync(new Uri(query["redirect_uri"]!).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["state"] = query["state"]! }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.StartsWith("/account/external-return", callback.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var returned = await client.GetAsync(callback.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        return returned.Headers.Location!.OriginalString;
    }

    /// <summary>
    /// The external provider's token endpoint: redeems a code it gave out (checking the PKCE verifier) for an ID token
    /// signed with its key, carrying the nonce of the authorisation request.
    /// </summary>
    private sealed class FakeProvider : HttpMessageHandler
    {
        private readonly RSA _rsa = RSA.Create(2048);
        private readonly Dictionary<string, (string Nonce, string Challenge, string Subject)> _codes = new(StringComparer.Ordinal);

        public FakeProvider()
        {
            Key = new RsaSecurityKey(_rsa) { KeyId = "kommunen-1" };
            Configuration = new OpenIdConnectConfiguration { Issuer = Issuer, AuthorizationEndpoint = Issuer + "/authorize", TokenEndpoint = Issuer + "/token" };
            Configuration.SigningKeys.Add(Key);
        }

        public RsaSecurityKey Key { get; }

        public OpenIdConnectConfiguration Configuration { get; }

        public string Authorize(string nonce, string challenge, string subject)
        {
            var code = Guid.NewGuid().ToString("N");
            lock (_codes)
            {
                _codes[code] = (nonce, challenge, subject);
            }

            return code;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.ToString() != Issuer + "/token" || request.Content is null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var form = QueryHelpers.ParseQuery(await request.Content.ReadAsStringAsync(cancellationToken));
            (string Nonce, string Challenge, string Subject) grant;
            lock (_codes)
            {
                if (!_codes.Remove(form["code"]!, out grant))
                {
                    return new HttpResponseMessage(HttpStatusCode.BadRequest);
                }
            }

            var verifier = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"]!)));
            if (verifier != grant.Challenge)
            {
                return new HttpResponseMessage(HttpStatusCode.BadRequest);
            }

            // The real clock on purpose: the app's OpenID Connect handler checks an ID token's lifetime against the
            // machine's time, not the app's TimeProvider.
            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = "oppfolging",
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = grant.Subject, ["nonce"] = grant.Nonce },
                SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
            });
            var body = JsonSerializer.Serialize(new { id_token = idToken, access_token = "ikke-brukt", token_type = "Bearer", expires_in = 300 });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rsa.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
