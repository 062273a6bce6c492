using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Tests.Support;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// R30: <c>Idempotency-Key</c> on the creates of /api/v1. A retry or a double click with the same key makes one
/// record and gets the first answer; the same key with another request is refused; no key behaves as before. Runs
/// the real app on SQLite and on PostgreSQL, where two requests really do run at the same time.
/// </summary>
public sealed class IdempotencyTests(IdempotencyTests.Apps apps, PostgresServer postgres) : IClassFixture<IdempotencyTests.Apps>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>One app per provider for the class, started on first use.</summary>
    public sealed class Apps : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, (CaseWebFactory Factory, HttpClient Client)> _apps = new(StringComparer.Ordinal);

        public async Task<(CaseWebFactory Factory, HttpClient Client)> ForAsync(string provider, PostgresServer postgres)
        {
            await _gate.WaitAsync(Ct);
            try
            {
                if (!_apps.TryGetValue(provider, out var app))
                {
                    var factory = new CaseWebFactory();
                    if (provider == "PostgreSql")
                    {
                        factory.Settings["Database:Provider"] = "PostgreSql";
                        factory.Settings["ConnectionStrings:CaseManagement"] = await postgres.CreateDatabaseAsync(Ct);
                    }

                    app = (factory, await ApiSession.BearerForAsync(factory, "politi"));
                    _apps[provider] = app;
                }

                return app;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (factory, client) in _apps.Values)
            {
                client.Dispose();
                await factory.DisposeAsync();
            }

            _gate.Dispose();
        }
    }

    public static TheoryData<string> BothProviders => new("Sqlite", "PostgreSql");

    private static HttpRequestMessage Register(string familyName, string? key, string givenName = "Idem")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/persons")
        {
            Content = JsonContent.Create(new { givenName, familyName, dateOfBirth = "1990-05-17" }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private static Task<int> CountAsync(CaseWebFactory factory, string familyName) =>
        factory.WithDbAsync(db => db.Persons.CountAsync(p => p.FamilyName == familyName, Ct));

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    [Theory]
    [MemberData(nameof(BothProviders))]
    public async Task The_same_key_twice_gives_the_first_answer_and_one_record(string provider)
    {
        var (factory, client) = await apps.ForAsync(provider, postgres);
        var key = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(Register("Gjentatt" + provider, key), Ct);
        using var second = await client.SendAsync(Register("Gjentatt" + provider, key), Ct);

        Assert.Equal(await IdOfAsync(first), await IdOfAsync(second));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await CountAsync(factory, "Gjentatt" + provider));
    }

    [Theory]
    [MemberData(nameof(BothProviders))]
    public async Task The_same_key_sent_five_times_at_once_makes_exactly_one_record(string provider)
    {
        var (factory, client) = await apps.ForAsync(provider, postgres);
        var key = Guid.NewGuid().ToString();
        var name = "Samtidig" + provider;

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(Register(name, key), Ct)));

        var ids = new List<string>();
        foreach (var response in responses)
        {
            ids.Add(await IdOfAsync(response));
            response.Dispose();
        }

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await CountAsync(factory, name));
    }

    [Theory]
    [MemberData(nameof(BothProviders))]
    public async Task The_same_key_with_another_body_is_refused_and_stores_nothing(string provider)
    {
        var (factory, client) = await apps.ForAsync(provider, postgres);
        var key = Guid.NewGuid().ToString();
        using var first = await client.SendAsync(Register("Forste" + provider, key), Ct);
        await IdOfAsync(first);

        using var other = await client.SendAsync(Register("Andre" + provider, key), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("allerede brukt", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(factory, "Andre" + provider));

        // Another create (another path) with the same key is another request too.
        var person = await IdOfAsync(first);
        using var followUp = new HttpRequestMessage(HttpMethod.Post, "/api/v1/follow-ups") { Content = JsonContent.Create(new { personId = person, concernSource = "School" }) };
        followUp.Headers.Add("Idempotency-Key", key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(followUp, Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_each_request_creates_as_before()
    {
        var (factory, client) = await apps.ForAsync("Sqlite", postgres);

        using var first = await client.SendAsync(Register("Nokkellos", null), Ct);
        using var second = await client.SendAsync(Register("Nokkellos", null), Ct);

        Assert.NotEqual(await IdOfAsync(first), await IdOfAsync(second));
        Assert.Equal(2, await CountAsync(factory, "Nokkellos"));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_a_day()
    {
        // Its own app: the clock moves a day on, which would end the other tests' sessions.
        await using var factory = new CaseWebFactory();
        var key = Guid.NewGuid().ToString();
        using var client = await ApiSession.BearerForAsync(factory, "politi");
        using var first = await client.SendAsync(Register("Utlopt", key), Ct);
        using var repeat = await client.SendAsync(Register("Utlopt", key), Ct);
        Assert.Equal(await IdOfAsync(first), await IdOfAsync(repeat));

        factory.Clock.Advance(TimeSpan.FromHours(25));
        using var later = await ApiSession.BearerForAsync(factory, "politi");
        using var again = await later.SendAsync(Register("Utlopt", key), Ct);

        Assert.NotEqual(await IdOfAsync(first), await IdOfAsync(again));
        Assert.Equal(2, await CountAsync(factory, "Utlopt"));
    }

    [Theory]
    [InlineData("a", 256)]
    [InlineData("nøkkel", 1)]
    [InlineData("with space", 1)]
    public async Task A_malformed_key_is_refused_naming_the_header(string part, int times)
    {
        var (factory, client) = await apps.ForAsync("Sqlite", postgres);
        var key = string.Concat(Enumerable.Repeat(part, times));
        var name = "Feilnokkel" + key.Length;
        using var request = Register(name, null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, await CountAsync(factory, name));
    }

    [Fact]
    public async Task The_openapi_document_offers_the_header_on_every_create_and_nowhere_else()
    {
        var (factory, _) = await apps.ForAsync("Sqlite", postgres);
        using var anonymous = factory.CreateHttpsClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct));

        var withHeader = new List<string>();
        var creates = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (operation.Value.TryGetProperty("responses", out var responses) && responses.TryGetProperty("201", out _))
                {
                    creates.Add(name);
                }

                if (operation.Value.TryGetProperty("parameters", out var parameters)
                    && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"))
                {
                    withHeader.Add(name);
                }
            }
        }

        Assert.Contains("POST /api/v1/persons", creates);
        Assert.Equal(creates.Order(), withHeader.Order());
    }
}
