using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace CaseManagement.Tests.Api;

/// <summary>
/// Integration clients over HTTP (issue 15, ADR-029): an administrator registers a client at
/// <c>/api/v1/admin/clients</c>, and the client then asks the app's own token endpoint for tokens.
/// </summary>
public sealed class IntegrationClientApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_confidential_client_gets_a_token_with_its_named_capabilities_only_and_its_secret_is_kept_only_as_a_hash()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var (id, clientId, secret) = await RegisterConfidentialAsync(admin, [Capability.ReadPersons]);
        Assert.True(secret.Length >= 43);

        // OpenIddict stored a hash, not the secret; neither our row nor the audit holds it.
        var stored = await api.Factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication<Guid>>().AsNoTracking().SingleAsync(a => a.ClientId == clientId, Ct));
        Assert.False(string.IsNullOrEmpty(stored.ClientSecret));
        Assert.DoesNotContain(secret, stored.ClientSecret!, StringComparison.Ordinal);
        var changes = await AuditChangesAsync(api.Factory);
        Assert.DoesNotContain(changes, c => c.NewValue?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.Contains(changes, c => c.EntityType == "IntegrationClient" && c.EntityId == id.ToString() && c.Field == "Capabilities" && c.NewValue == "ReadPersons");

        var token = await TokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var system = ApiSession.Bearer(api.Factory, (await ApiSession.ReadTokensAsync(token)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/persons", Ct)).StatusCode);
        // Outside the named capability: follow-ups (ReadFollowUps) and administration are refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await system.GetAsync("/api/v1/follow-ups", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.GetAsync("/api/v1/admin/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.GetAsync("/api/v1/admin/clients", Ct)).StatusCode);

        Assert.NotEqual(HttpStatusCode.OK, (await TokenAsync(clientId, secret + "x")).StatusCode);
    }

    [Fact]
    public async Task A_replay_with_the_same_idempotency_key_answers_without_the_secret()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var clientId = NewClientId();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/clients/confidential")
            {
                Content = JsonContent.Create(new { clientId, displayName = "Fagsystem", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var first = Request();
        var created = await admin.SendAsync(first, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientSecret").GetString()!;
        using var second = Request();
        var replay = await admin.SendAsync(second, Ct);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        var replayed = await replay.Content.ReadAsStringAsync(Ct);
        Assert.Contains(clientId, replayed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, replayed, StringComparison.Ordinal);
        Assert.False(await api.Factory.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.ResponseBody!.Contains(secret), Ct)));
    }

    [Fact]
    public async Task A_disabled_client_gets_no_token_and_its_token_stops_at_once_until_it_is_enabled_again()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var (id, clientId, secret) = await RegisterConfidentialAsync(admin, [Capability.ReadPersons]);
        using var system = ApiSession.Bearer(api.Factory, (await ApiSession.ReadTokensAsync(await TokenAsync(clientId, secret))).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync("/api/v1/persons", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/clients/{id}/disabled", new { disabled = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/v1/persons", Ct)).StatusCode);
        var refused = await TokenAsync(clientId, secret);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("invalid_client", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/clients/{id}/disabled", new { disabled = false }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(clientId, secret)).StatusCode);
    }

    [Fact]
    public async Task A_public_client_signs_a_person_in_with_code_and_pkce_at_its_exact_redirect_uri_and_disabling_it_ends_the_token()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var clientId = NewClientId();
        const string redirect = "http://127.0.0.1:7891/callback";
        var created = await admin.PostAsJsonAsync("/api/v1/admin/clients/public", new { clientId, displayName = "Fagapp", redirectUris = new[] { redirect } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        using var browser = api.Factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(browser, "saksbehandler"));
        var (verifier, challenge) = ApiSession.NewPkce();
        // Any other redirect URI, even one that only adds a path, gets no code.
        Assert.Null(ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, clientId, redirect + "/x", challenge)));
        var code = ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, clientId, redirect, challenge));
        Assert.NotNull(code);
        var tokens = await ApiSession.ReadTokensAsync(await ApiSession.RedeemAsync(browser, clientId, redirect, code!, verifier));
        using var app = ApiSession.Bearer(api.Factory, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/persons", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/clients/{id}/disabled", new { disabled = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/v1/persons", Ct)).StatusCode);
        Assert.Null(ApiSession.CodeFrom(await ApiSession.AuthorizeAsync(browser, clientId, redirect, challenge)));
    }

    [Fact]
    public async Task The_other_agencys_administrator_gets_not_found_for_the_client_and_does_not_see_it()
    {
        var municipal = await api.ClientForAsync("kommuneadmin");
        var (id, _, _) = await RegisterConfidentialAsync(municipal, [Capability.ReadPersons]);
        var police = await api.ClientForAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/v1/admin/clients/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync($"/api/v1/admin/clients/{id}/secret", new { overlapHours = 1 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/v1/admin/clients/{id}/disabled", new { disabled = true }, Ct)).StatusCode);
        Assert.DoesNotContain(id.ToString(), await police.GetStringAsync("/api/v1/admin/clients", Ct), StringComparison.Ordinal);
        Assert.Contains(id.ToString(), await municipal.GetStringAsync("/api/v1/admin/clients", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await municipal.GetAsync($"/api/v1/admin/clients/{id}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("http://app.example.no/callback", "Clients_RedirectUriScheme")]
    [InlineData("https://*.example.no/callback", "Clients_RedirectUriWildcard")]
    [InlineData("https://app.example.no/*", "Clients_RedirectUriWildcard")]
    [InlineData("https://app.example.no/callback#done", "Clients_RedirectUriFragment")]
    [InlineData("/callback", "Clients_RedirectUriNotAbsolute")]
    [InlineData("app.example.no/callback", "Clients_RedirectUriNotAbsolute")]
    [InlineData("https://user:pw@app.example.no/callback", "Clients_RedirectUriUserInfo")]
    [InlineData("javascript:alert(1)", "Clients_RedirectUriNotAbsolute")]
    [InlineData("ftp://app.example.no/callback", "Clients_RedirectUriScheme")]
    public async Task A_bad_redirect_uri_is_refused_on_its_own_place_in_the_list(string bad, string message)
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var response = await admin.PostAsJsonAsync("/api/v1/admin/clients/public",
            new { clientId = NewClientId(), displayName = "Fagapp", redirectUris = new[] { "https://app.example.no/ok", bad } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["redirectUris[1]"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(errors.GetProperty("redirectUris[1]")[0].GetString(), new[] { Text(message, "nb-NO"), Text(message, "en") });
    }

    [Fact]
    public async Task Loopback_http_and_https_redirect_uris_are_accepted_and_a_duplicate_is_named()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var ok = await admin.PostAsJsonAsync("/api/v1/admin/clients/public",
            new { clientId = NewClientId(), displayName = "Fagapp", redirectUris = new[] { "https://app.example.no/cb", "http://127.0.0.1:5000/cb", "http://[::1]:5000/cb", "http://localhost:5000/cb" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        var duplicate = await admin.PostAsJsonAsync("/api/v1/admin/clients/public",
            new { clientId = NewClientId(), displayName = "Fagapp", redirectUris = new[] { "https://app.example.no/cb", "https://app.example.no/cb" } }, Ct);
        Assert.Equal(["redirectUris[1]"], await ErrorFieldsAsync(duplicate));
        var none = await admin.PostAsJsonAsync("/api/v1/admin/clients/public", new { clientId = NewClientId(), displayName = "Fagapp", redirectUris = Array.Empty<string>() }, Ct);
        Assert.Equal(["redirectUris"], await ErrorFieldsAsync(none));
    }

    [Fact]
    public async Task Bad_input_for_a_confidential_client_is_refused_on_the_field_never_with_a_server_error()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        async Task<IReadOnlyList<string>> FieldsAsync(object body) => await ErrorFieldsAsync(await admin.PostAsJsonAsync("/api/v1/admin/clients/confidential", body, Ct));

        Assert.Equal(["capabilities[1]"], await FieldsAsync(new { clientId = NewClientId(), displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons", "AdministerUsers" } }));
        Assert.Equal(["capabilities[0]"], await FieldsAsync(new { clientId = NewClientId(), displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReviewAccess" } }));
        // A police capability for a municipal service account.
        Assert.Equal(["capabilities[0]"], await FieldsAsync(new { clientId = NewClientId(), displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "HoldConversations" } }));
        Assert.Equal(["capabilities"], await FieldsAsync(new { clientId = NewClientId(), displayName = "X", unitId = DemoData.Nav, capabilities = Array.Empty<string>() }));
        Assert.Equal(["unitId"], await FieldsAsync(new { clientId = NewClientId(), displayName = "X", unitId = DemoData.SandefjordStation, capabilities = new[] { "ReadPersons" } }));
        Assert.Equal(["clientId"], await FieldsAsync(new { clientId = "Ab", displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }));
        Assert.Equal(["clientId"], await FieldsAsync(new { clientId = "client.x", displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }));
        Assert.Equal(["displayName"], await FieldsAsync(new { clientId = NewClientId(), displayName = "", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }));
        // Taken: by our own register and by a client registered in code (the development client).
        var (_, taken, _) = await RegisterConfidentialAsync(admin, [Capability.ReadPersons]);
        Assert.Equal(["clientId"], await FieldsAsync(new { clientId = taken, displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }));
        Assert.Equal(["clientId"], await FieldsAsync(new { clientId = "oppfolging-dev", displayName = "X", unitId = DemoData.Nav, capabilities = new[] { "ReadPersons" } }));
    }

    [Fact]
    public async Task Rotation_is_refused_for_a_public_client_and_for_an_overlap_out_of_range()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/clients/public", new { clientId = NewClientId(), displayName = "Fagapp", redirectUris = new[] { "https://app.example.no/cb" } }, Ct);
        var publicId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(["id"], await ErrorFieldsAsync(await admin.PostAsJsonAsync($"/api/v1/admin/clients/{publicId}/secret", new { overlapHours = 1 }, Ct)));

        var (id, _, _) = await RegisterConfidentialAsync(admin, [Capability.ReadPersons]);
        Assert.Equal(["overlapHours"], await ErrorFieldsAsync(await admin.PostAsJsonAsync($"/api/v1/admin/clients/{id}/secret", new { overlapHours = 721 }, Ct)));
        Assert.Equal(["overlapHours"], await ErrorFieldsAsync(await admin.PostAsJsonAsync($"/api/v1/admin/clients/{id}/secret", new { overlapHours = -1 }, Ct)));
    }

    /// <summary>Every field change the client messages wrote (the changes are one JSON column per event: read in memory).</summary>
    internal static async Task<IReadOnlyList<CaseManagement.Application.Auditing.AuditChange>> AuditChangesAsync(CaseWebFactory factory)
    {
        string[] messages = ["RegisterConfidentialClient", "RegisterPublicClient", "RotateClientSecret", "SetClientDisabled"];
        var events = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => messages.Contains(e.MessageName)).ToListAsync(Ct));
        return events.SelectMany(e => e.Changes).ToList();
    }

    internal static string NewClientId() => "t-" + Guid.CreateVersion7().ToString("N")[^16..];

    internal static async Task<(Guid Id, string ClientId, string Secret)> RegisterConfidentialAsync(HttpClient admin, Capability[] capabilities)
    {
        var clientId = NewClientId();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/clients/confidential",
            new { clientId, displayName = "Fagsystem", unitId = DemoData.Nav, capabilities = capabilities.Select(c => c.ToString()).ToArray() }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetGuid(), clientId, body.GetProperty("clientSecret").GetString()!);
    }

    internal static async Task<HttpResponseMessage> TokenAsync(CaseWebFactory factory, string clientId, string secret)
    {
        using var client = factory.CreateHttpsClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = ApiSession.ApiScope,
        }), Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private Task<HttpResponseMessage> TokenAsync(string clientId, string secret) => TokenAsync(api.Factory, clientId, secret);

    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    private static string Text(string key, string culture) =>
        CaseManagement.Application.Resources.Messages.ResourceManager.GetString(key, System.Globalization.CultureInfo.GetCultureInfo(culture))!;
}

/// <summary>Rotation with overlap moves the app's fake clock, so it runs on an app of its own.</summary>
public sealed class IntegrationClientRotationTests : IAsyncLifetime
{
    private readonly CaseWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task After_a_rotation_both_secrets_work_until_the_overlap_ends_then_only_the_new_one()
    {
        using var admin = await ApiSession.BearerForAsync(_factory, "kommuneadmin");
        var (id, clientId, oldSecret) = await IntegrationClientApiTests.RegisterConfidentialAsync(admin, [Capability.ReadPersons]);

        var rotated = await admin.PostAsJsonAsync($"/api/v1/admin/clients/{id}/secret", new { overlapHours = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var body = await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var newSecret = body.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(_factory.Clock.GetUtcNow().AddHours(2), body.GetProperty("previousSecretValidUntil").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, oldSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, newSecret)).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.NotEqual(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, oldSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, newSecret)).StatusCode);

        // Neither secret is in the audit; the overlap's end is.
        var changes = await IntegrationClientApiTests.AuditChangesAsync(_factory);
        Assert.DoesNotContain(changes, c => c.NewValue is { } v && (v.Contains(newSecret, StringComparison.Ordinal) || v.Contains(oldSecret, StringComparison.Ordinal)));
        Assert.Contains(changes, c => c.EntityType == "IntegrationClient" && c.Field == "PreviousSecretValidUntil" && c.EntityId == id.ToString());
    }

    [Fact]
    public async Task A_rotation_with_no_overlap_ends_the_old_secret_at_once()
    {
        using var admin = await ApiSession.BearerForAsync(_factory, "kommuneadmin");
        var (id, clientId, oldSecret) = await IntegrationClientApiTests.RegisterConfidentialAsync(admin, [Capability.ReadPersons]);
        var rotated = await admin.PostAsJsonAsync($"/api/v1/admin/clients/{id}/secret", new { overlapHours = 0 }, Ct);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientSecret").GetString()!;

        Assert.NotEqual(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, oldSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IntegrationClientApiTests.TokenAsync(_factory, clientId, newSecret)).StatusCode);
    }
}
