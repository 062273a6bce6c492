using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Api;

/// <summary>
/// /api/v1/admin/units and /api/v1/admin/legal-bases (ADR-027, ADR-028): bad input is refused with the field named,
/// the other agency's unit is 404, and nothing answers 500.
/// </summary>
public sealed class ReferenceDataApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadUnits => new()
    {
        { """{"name":"","kind":"School"}""", "name" },
        { """{"name":"   ","kind":"School"}""", "name" },
        { "{\"name\":\"" + new string('x', 201) + "\",\"kind\":\"School\"}", "name" },
        { """{"name":"Linje\nskift","kind":"School"}""", "name" },
        { """{"name":"Ny enhet","kind":"Bakery"}""", "kind" },
        { """{"name":"Ny enhet"}""", "kind" },
        { """{"name":"Sandefjord politistasjon","kind":"PoliceStation"}""", "name" },
    };

    [Theory, MemberData(nameof(BadUnits))]
    public async Task A_bad_unit_is_refused_with_the_field_named(string body, string field)
    {
        var admin = await api.ClientForAsync("admin");
        var response = await PostAsync(admin, "/api/v1/admin/units", body);
        await AssertFieldAsync(response, field);
    }

    [Fact]
    public async Task A_unit_is_created_renamed_and_the_other_agencys_unit_is_not_found()
    {
        var admin = await api.ClientForAsync("admin");
        var name = "Horten politistasjon " + Guid.CreateVersion7().ToString("N")[^8..];
        var created = await PostAsync(admin, "/api/v1/admin/units", JsonSerializer.Serialize(new { name, kind = "PoliceStation" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var renamed = await admin.PutAsJsonAsync($"/api/v1/admin/units/{id}", new { name = name + " og Tønsberg", kind = "PoliceStation" }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var units = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/units", Ct);
        Assert.Contains(units.EnumerateArray(), u => u.GetProperty("id").GetGuid() == id && u.GetProperty("name").GetString() == name + " og Tønsberg");
        Assert.DoesNotContain(units.EnumerateArray(), u => u.GetProperty("id").GetGuid() == DemoData.Nav);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/admin/units/{DemoData.Nav}", new { name = "Overtatt", kind = "Nav" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/units/{DemoData.Nav}/deactivate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/admin/units/{DemoData.Nav}/move-users", new { toUnitId = id }, Ct)).StatusCode);
        await AssertFieldAsync(await admin.PostAsJsonAsync($"/api/v1/admin/units/{id}/move-users", new { toUnitId = DemoData.Nav }, Ct), "toUnitId");
        await AssertFieldAsync(await admin.PostAsJsonAsync($"/api/v1/admin/units/{id}/move-users", new { }, Ct), "toUnitId");
        Assert.Equal("NAV Sandefjord", await api.Factory.WithDbAsync(db => db.Units.Where(u => u.Id == DemoData.Nav).Select(u => u.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Deactivating_a_unit_with_active_users_is_refused_naming_the_unit()
    {
        var admin = await api.ClientForAsync("admin");
        var response = await admin.PostAsync($"/api/v1/admin/units/{DemoData.SandefjordStation}/deactivate", null, Ct);
        var message = await AssertFieldAsync(response, "unitId");
        Assert.Contains("aktive brukere", message, StringComparison.Ordinal);
        Assert.Null(await api.Factory.WithDbAsync(db => db.Units.Where(u => u.Id == DemoData.SandefjordStation).Select(u => u.DeactivatedAt).SingleAsync(Ct)));
    }

    public static TheoryData<string, string> BadBases => new()
    {
        { Basis(code: ""), "code" },
        { Basis(code: "Med Mellomrom"), "code" },
        { Basis(code: new string('a', 51)), "code" },
        { Basis(code: "fvl-13b-7"), "code" },
        { Basis(title: ""), "title" },
        { Basis(title: new string('t', 301)), "title" },
        { Basis(law: ""), "law" },
        { Basis(section: "13 b"), "section" },
        { Basis(summary: ""), "summary" },
        { Basis(validFrom: null), "validFrom" },
        { Basis(validTo: "2026-01-01"), "validTo" },
        { Basis(validFrom: "ikke-en-dato"), "validFrom" },
    };

    [Theory, MemberData(nameof(BadBases))]
    public async Task A_bad_legal_basis_is_refused_with_the_field_named(string body, string field)
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        await AssertFieldAsync(await PostAsync(admin, "/api/v1/admin/legal-bases", body), field);
    }

    [Fact]
    public async Task A_legal_basis_is_added_and_retired_and_an_unknown_one_is_not_found()
    {
        var admin = await api.ClientForAsync("kommuneadmin");
        var code = "api-" + Guid.CreateVersion7().ToString("N")[^8..];
        var added = await PostAsync(admin, "/api/v1/admin/legal-bases", Basis(code: code));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/admin/legal-bases/{id}/retire", null, Ct)).StatusCode);
        var catalogue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/legal-bases", Ct);
        var entry = catalogue.EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
        Assert.False(entry.GetProperty("usableToday").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/admin/legal-bases/{Guid.CreateVersion7()}/retire", null, Ct)).StatusCode);

        // A case worker may read the usable bases, never administer them.
        var worker = await api.ClientForAsync("saksbehandler");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(worker, "/api/v1/admin/legal-bases", Basis(code: code + "-x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/admin/units", Ct)).StatusCode);
    }

    private static string Basis(
        string? code = "ok-kode", string? title = "Tittel", string? law = "forvaltningsloven", string? section = "§ 13 b", string? summary = "Forklaring.",
        string? validFrom = "2026-02-01", string? validTo = null) =>
        JsonSerializer.Serialize(new { code, title, law, section, summary, validFrom, validTo });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request, Ct);
    }

    /// <summary>400 with exactly the field named (camelCase), and its message.</summary>
    private static async Task<string> AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        var named = Assert.Single(errors.EnumerateObject(), e => string.Equals(e.Name, field, StringComparison.Ordinal));
        return named.Value[0].GetString()!;
    }
}
