using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>The REST door to the person register: results, refusals as problem details, and nothing stored on a refusal.</summary>
public sealed class PersonsApiTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private HttpClient _police = null!;

    private CaseWebFactory _factory => api.Factory;

    public async ValueTask InitializeAsync() => _police = await api.ClientForAsync("politi");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object NewPerson(string given = "Ola", string family = "Nordmann") => new
    {
        givenName = given,
        familyName = family,
        dateOfBirth = "1990-05-17",
        nationalIdentityNumber = (string?)null,
    };

    private Task<int> PersonCountAsync() => _factory.WithDbAsync(db => db.Persons.CountAsync(Ct));

    [Fact]
    public async Task Register_then_read_returns_what_was_sent_with_a_location_and_an_etag()
    {
        var created = await _police.PostAsJsonAsync("/api/v1/persons", NewPerson("Åse Marie", "Ødegård-Ærø 😀"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.Location);

        var read = await _police.GetAsync(created.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull(read.Headers.ETag);
        using var json = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Åse Marie", json.RootElement.GetProperty("givenName").GetString());
        Assert.Equal("Ødegård-Ærø 😀", json.RootElement.GetProperty("familyName").GetString());
        Assert.True(json.RootElement.GetProperty("isAdult").GetBoolean());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{\"givenName\": \"Ola\", ", "body" },
        { "{\"givenName\": 12, \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\"}", "givenName" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"2026-02-30\"}", "dateOfBirth" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\", \"agencyId\": \"0193a000-0000-7000-8000-000000000002\"}", "agencyId" },
        { "{\"givenName\": \"" + new string('a', 101) + "\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\"}", "givenName" },
        { "{\"givenName\": \"Ola\\r\\nAdmin\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\"}", "givenName" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\", \"nationalIdentityNumber\": \"١٧٠٥٩٠١٢٣٤٥\"}", "nationalIdentityNumber" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\", \"nationalIdentityNumber\": \"12345678901\"}", "nationalIdentityNumber" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"2099-01-01\"}", "dateOfBirth" },
        { "{\"givenName\": \"\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\"}", "givenName" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"1990-05-17\", \"guardians\": [{\"name\": \"Mor\", \"relation\": \"Mother\"}]}", "guardians" },
        { "{\"givenName\": \"Ola\", \"familyName\": \"N\", \"dateOfBirth\": \"2015-05-17\", \"guardians\": [{\"name\": \"Mor\", \"relation\": \"Queen\"}]}", "guardians" },
        { "[]", "body" },
        { "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_400_problem_details_naming_the_field_and_stores_nothing(string body, string field)
    {
        var before = await PersonCountAsync();

        var response = await _police.PostJsonTextAsync("/api/v1/persons", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(
            errors.EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.OrdinalIgnoreCase)),
            $"Expected an error for '{field}', got: {errors}");
        Assert.Equal(before, await PersonCountAsync());
    }

    [Fact]
    public async Task An_empty_body_gets_400_problem_details()
    {
        var response = await _police.PostJsonTextAsync("/api/v1/persons", "", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_identity_number_error_never_echoes_the_number()
    {
        const string nin = "17059012346";
        var response = await _police.PostAsJsonAsync("/api/v1/persons", new { givenName = "Ola", familyName = "N", dateOfBirth = "1990-05-17", nationalIdentityNumber = nin }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(nin, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_that_does_not_exist_is_404_and_a_non_guid_id_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _police.GetAsync($"/api/v1/persons/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _police.GetAsync("/api/v1/persons/1", Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_agency_gets_404_for_read_and_change_and_finds_nothing()
    {
        var created = await _police.PostAsJsonAsync("/api/v1/persons", NewPerson("Politiperson", "Hemmelig"), Ct);
        var location = created.Headers.Location!;
        var version = (await _police.GetFromJsonAsync<JsonElement>(location, Ct)).GetProperty("version").GetString();
        var municipal = await api.ClientForAsync("saksbehandler");

        Assert.Equal(HttpStatusCode.NotFound, (await municipal.GetAsync(location, Ct)).StatusCode);
        var change = await municipal.PutAsJsonAsync(location, new { version, givenName = "Endret", familyName = "Hemmelig", dateOfBirth = "1990-05-17", needsInterpreter = false }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        var search = await municipal.PostAsJsonAsync("/api/v1/persons/search", new { name = "Politiperson" }, Ct);
        Assert.Equal(0, (await search.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("totalCount").GetInt32());

        var unchanged = await _police.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("Politiperson", unchanged.GetProperty("givenName").GetString());
    }

    [Fact]
    public async Task A_stale_version_gets_409_and_nothing_is_overwritten()
    {
        var location = (await _police.PostAsJsonAsync("/api/v1/persons", NewPerson("Kari", "Først"), Ct)).Headers.Location!;
        var version = (await _police.GetFromJsonAsync<JsonElement>(location, Ct)).GetProperty("version").GetString();

        var first = await _police.PutAsJsonAsync(location, new { version, givenName = "Kari", familyName = "Andre", dateOfBirth = "1990-05-17", needsInterpreter = false }, Ct);
        var second = await _police.PutAsJsonAsync(location, new { version, givenName = "Kari", familyName = "Tredje", dateOfBirth = "1990-05-17", needsInterpreter = false }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        var now = await _police.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("Andre", now.GetProperty("familyName").GetString());
    }

    [Fact]
    public async Task Search_by_identity_number_takes_it_in_the_body_and_matches_exactly()
    {
        const string nin = "17059012345"; // not valid: refused with 400, never searched
        var refused = await _police.PostAsJsonAsync("/api/v1/persons/search", new { nationalIdentityNumber = nin }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var valid = ValidNumber(new DateOnly(1990, 5, 17));
        var location = (await _police.PostAsJsonAsync("/api/v1/persons", new { givenName = "Nils", familyName = "Nummer", dateOfBirth = "1990-05-17", nationalIdentityNumber = valid }, Ct)).Headers.Location!;
        var found = await (await _police.PostAsJsonAsync("/api/v1/persons/search", new { nationalIdentityNumber = valid[..6] + " " + valid[6..] }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, found.GetProperty("totalCount").GetInt32());
        Assert.EndsWith(found.GetProperty("items")[0].GetProperty("id").GetString()!, location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_persons_api()
    {
        using var anonymous = _factory.CreateHttpsClient();
        var doc = await anonymous.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/persons", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/persons/search", doc, StringComparison.Ordinal);
    }

    /// <summary>Builds a valid birth number for a date by searching individual numbers (classic check digits).</summary>
    internal static string ValidNumber(DateOnly date)
    {
        for (var individual = 0; individual < 500; individual++)
        {
            var candidate = $"{date:ddMMyy}{individual:000}";
            var k1 = Check(candidate, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
            if (k1 is null)
            {
                continue;
            }

            var k2 = Check(candidate + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
            if (k2 is not null)
            {
                return candidate + k1 + k2;
            }
        }

        throw new InvalidOperationException("No valid number found.");
    }

    private static int? Check(string digits, int[] weights)
    {
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        var k = 11 - (sum % 11);
        return k == 11 ? 0 : k == 10 ? null : k;
    }
}
