using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManagement.Application.Auditing;
using CaseManagement.Tests.Support;

namespace CaseManagement.Tests.Api;

/// <summary>
/// The running app seals what it writes in the background (ADR-017), and the privacy officer's verifier
/// (GET /api/v1/privacy/audit/verify) then finds both chains unbroken. A fixture of its own: other API classes write
/// forged access entries on purpose.
/// </summary>
public sealed class ChainSealingApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task What_the_app_writes_is_sealed_in_the_background_and_verifies_intact()
    {
        var officer = await api.ClientForAsync("personvern");
        // A read of a person's log writes an access entry; signing in wrote audit events.
        // A person of the officer's own agency (the municipality): another agency's person would be "not found".
        var person = await api.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Persons.Where(p => p.AgencyId == CaseManagement.Infrastructure.DemoData.Municipality).Select(p => p.Id), Ct));
        var report = await officer.GetAsync($"/api/v1/privacy/persons/{person}/access-report", Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);

        List<ChainReport>? chains = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            chains = await officer.GetFromJsonAsync<List<ChainReport>>("/api/v1/privacy/audit/verify", Json, Ct);
            if (chains is not null && chains.All(c => c.Waiting == 0 && c.Checked > 0))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }

        Assert.NotNull(chains);
        Assert.Equal([AuditChain.AuditEvents, AuditChain.AccessLog], chains.Select(c => c.Chain));
        Assert.All(chains, c => Assert.True(c.Intact && c.Waiting == 0 && c.Checked > 0 && c.HeadSequence == c.Checked, c.ToString()));
    }
}
