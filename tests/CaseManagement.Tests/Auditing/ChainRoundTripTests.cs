using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// The hash a chain record gets when it is written must be the hash recomputed after the database has stored it:
/// each provider stores times with its own precision (this once broke the chain on SQLite and PostgreSQL).
/// </summary>
public sealed class ChainRoundTripTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Chains_written_by_commands_and_reads_verify_intact_after_a_round_trip(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        // A clock with sub-millisecond ticks, as a real clock has.
        h.Clock.Advance(TimeSpan.FromTicks(1234567));
        var id = await h.RegisterAsync(user, Adult("Kjede", UniqueWord()));
        h.Clock.Advance(TimeSpan.FromTicks(7654321));
        await h.SendAsync(user, new GetPerson(id));

        await h.SealAsync();
        var reports = await h.WithDbAsync(async db =>
        {
            var verifier = new AuditVerifier(h.Services.GetRequiredService<AuditChain>(), h.Clock);
            return await verifier.VerifyAllAsync(db, TestContext.Current.CancellationToken);
        });

        Assert.All(reports, r => Assert.True(r.Intact, $"{r.Chain}: {r.Problem} at {r.FirstBrokenSequence}"));
        Assert.All(reports, r => Assert.True(r.Checked > 0, $"{r.Chain} has no records"));
    }
}
