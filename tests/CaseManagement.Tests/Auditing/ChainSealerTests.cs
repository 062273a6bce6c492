using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>
/// ADR-017: records are written in their own transaction without a place in the chain, and the sealer gives each one
/// its place just after. Each test has a database of its own, so the chains hold only what the test wrote.
/// </summary>
public sealed class ChainSealerTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<ChainReport>> VerifyAsync(CaseHarness h) =>
        await h.WithDbAsync(db => h.Services.GetRequiredService<AuditVerifier>().VerifyAllAsync(db, Ct));

    /// <summary>An access entry for a read of <paramref name="person"/>, written straight to the table by the test.</summary>
    private static AccessLogEntry Read(Guid user, Guid person, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), OccurredAt = at, UserId = user, UnitId = Guid.CreateVersion7(), AgencyId = Guid.CreateVersion7(),
        Roles = "CaseWorker", PersonId = person, Section = "Person", MessageName = "GetPerson", ResultCount = 1,
    };

    private static Task<(int Events, int EventSeals, int Entries, int EntrySeals)> CountsAsync(CaseHarness h) =>
        h.WithDbAsync(async db => (await db.AuditEvents.CountAsync(Ct), await db.AuditEventSeals.CountAsync(Ct), await db.AccessLog.CountAsync(Ct), await db.AccessLogSeals.CountAsync(Ct)));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Records_wait_unsealed_until_the_sealer_gives_each_one_place_and_a_second_pass_adds_nothing(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Segl", UniqueWord()));
        _ = await h.SendAsync(user, new GetPerson(id));

        var before = await CountsAsync(h);
        Assert.True(before.Events > 0 && before.Entries > 0);
        Assert.Equal((0, 0), (before.EventSeals, before.EntrySeals));
        var waiting = await VerifyAsync(h);
        Assert.All(waiting, r => Assert.Equal((true, 0L), (r.Intact, r.Checked)));
        Assert.Equal(before.Events, waiting[0].Waiting);

        Assert.Equal(before.Events + before.Entries, await h.SealAsync());
        Assert.Equal(0, await h.SealAsync());

        var after = await CountsAsync(h);
        Assert.Equal((after.Events, after.Entries), (after.EventSeals, after.EntrySeals));
        var reports = await VerifyAsync(h);
        Assert.All(reports, r => Assert.True(r.Intact && r.Waiting == 0, r.ToString()));
        Assert.Equal(((long)after.Events, (long)after.Entries), (reports[0].Checked, reports[1].Checked));
        var head = await h.WithDbAsync(db => db.ChainHeads.AsNoTracking().SingleAsync(c => c.Chain == AuditChain.AuditEvents, Ct));
        Assert.Equal((head.Sequence, head.Hash), (reports[0].HeadSequence, reports[0].HeadHash));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_sealers_at_once_give_every_record_exactly_one_place_in_one_unbroken_chain(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        for (var i = 0; i < 6; i++)
        {
            var id = await h.RegisterAsync(user, Adult("Samtidig", UniqueWord()));
            _ = await h.SendAsync(user, new GetPerson(id));
        }

        var sealer = h.Services.GetRequiredService<ChainSealer>();
        await using var first = h.NewDbContext();
        await using var second = h.NewDbContext();
        var sealedBy = await Task.WhenAll(sealer.SealAsync(first, Ct), sealer.SealAsync(second, Ct));

        var counts = await CountsAsync(h);
        Assert.Equal(counts.Events + counts.Entries, sealedBy.Sum());
        Assert.Equal((counts.Events, counts.Entries), (counts.EventSeals, counts.EntrySeals));
        Assert.All(await VerifyAsync(h), r => Assert.True(r.Intact, r.ToString()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_record_left_unsealed_past_the_grace_period_is_reported_and_sealing_it_mends_the_report(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        await h.RegisterAsync(user, Adult("Glemt", UniqueWord()));

        h.Clock.Advance(AuditVerifier.SealingGrace + TimeSpan.FromMinutes(1));

        var audit = (await VerifyAsync(h))[0];
        Assert.Equal((ChainProblem.Unsealed, (long?)1), (audit.Problem, audit.FirstBrokenSequence));
        Assert.Equal(await h.WithDbAsync(db => db.AuditEvents.CountAsync(Ct)), audit.Waiting);
        await h.SealAsync();
        Assert.All(await VerifyAsync(h), r => Assert.True(r.Intact, r.ToString()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_routine_pass_looks_back_only_a_moment_and_the_catch_up_pass_seals_a_late_commit(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Sen", UniqueWord()));
        _ = await h.SendAsync(user, new GetPerson(id));
        var written = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        _ = await h.SendAsync(user, new GetPerson(id));
        await h.SealAsync();

        // A transaction that began two minutes ago commits only now: its record is older than the newest sealed one.
        var late = Read(user, id, written);
        late.ContentHash = h.Services.GetRequiredService<AuditChain>().ContentHashOf(late);
        await h.WithDbAsync(async db =>
        {
            db.AccessLog.Add(late);
            await db.SaveChangesAsync(Ct);
        });
        var sealer = h.Services.GetRequiredService<ChainSealer>();

        Assert.Equal(0, await h.WithDbAsync(db => sealer.SealAsync(db, Ct, ChainSealer.RecentReach)));
        Assert.Equal(1, await h.WithDbAsync(db => sealer.SealAsync(db, Ct, ChainSealer.CatchUpReach)));
        Assert.True(await h.WithDbAsync(db => db.AccessLogSeals.AnyAsync(s => s.RecordId == late.Id, Ct)));
        Assert.All(await VerifyAsync(h), r => Assert.True(r.Intact, r.ToString()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_record_forged_outside_the_application_is_sealed_but_reported_as_altered(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Ekte", UniqueWord()));
        _ = await h.SendAsync(user, new GetPerson(id));
        await h.SealAsync();

        // Someone with write access to the table, but without the chain key, adds an entry to cover a trail.
        await h.WithDbAsync(async db =>
        {
            var forged = Read(user, id, h.Clock.GetUtcNow());
            forged.ContentHash = new string('0', 64);
            db.AccessLog.Add(forged);
            await db.SaveChangesAsync(Ct);
        });
        await h.SealAsync();

        var access = (await VerifyAsync(h))[1];
        var forgedAt = await h.WithDbAsync(db => db.AccessLogSeals.MaxAsync(s => s.Sequence, Ct));
        Assert.Equal((ChainProblem.Altered, (long?)forgedAt), (access.Problem, access.FirstBrokenSequence));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_removed_search_index_row_is_reported_as_altered_at_its_event(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Indeks", UniqueWord()));
        await h.SealAsync();
        var registered = await h.WithDbAsync(db => (
            from seal in db.AuditEventSeals
            join e in db.AuditEvents on seal.RecordId equals e.Id
            where e.MessageName == nameof(RegisterPerson) && db.AuditSubjects.Any(s => s.AuditEventId == e.Id && s.PersonId == id)
            select seal.Sequence).SingleAsync(Ct));

        // Without the index row the person's change history would no longer find the event.
        await using var connection = await AuditTestSupport.OpenRawAsync(h);
        await AuditTestSupport.DropAppendOnlyTriggersAsync(h, connection);
        Assert.Equal(1, await AuditTestSupport.ExecuteAsync(connection, """DELETE FROM "AuditSubjects" WHERE "PersonId" = @p""", ("@p", id)));

        var audit = (await VerifyAsync(h))[0];
        Assert.Equal((ChainProblem.Altered, (long?)registered), (audit.Problem, audit.FirstBrokenSequence));
    }
}
