using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>R20: every read of personal data, and every refused attempt, leaves an access-log entry.</summary>
public sealed class AccessLogTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Read on a context of its own (no interceptor, no shared scope): only committed rows are seen.</summary>
    private static async Task<List<AccessLogEntry>> EntriesForUserAsync(CaseHarness h, Guid userId)
    {
        await using var db = h.NewDbContext();
        return await db.AccessLog.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(Ct);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetPerson_writes_one_person_entry_for_normal_work_even_when_the_result_is_thrown_away(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Lest", UniqueWord()));
        var unit = MunicipalUnit;

        _ = await h.SendAsync(user, new GetPerson(id));

        var entry = Assert.Single(await EntriesForUserAsync(h, user));
        Assert.Equal((id, (Guid?)null, "Person", AccessPurpose.NormalWork, AccessOutcome.Granted), (entry.PersonId!.Value, entry.FollowUpId, entry.Section, entry.Purpose, entry.Outcome));
        Assert.Equal(("GetPerson", 1, unit, "CaseWorker"), (entry.MessageName, entry.ResultCount, entry.UnitId, entry.Roles));
        Assert.Equal(h.Clock.GetUtcNow(), entry.OccurredAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FindPersons_writes_one_entry_per_person_in_the_page(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var family = UniqueWord();
        var ids = new List<Guid>();
        foreach (var given in (string[])["Anna", "Berit", "Carl"])
        {
            ids.Add(await h.RegisterAsync(user, Adult(given, family)));
        }

        await h.SealAsync();
        var page = await h.SendAsync(user, new FindPersons(Name: family));

        Assert.Equal(3, page.Items.Count);
        var entries = await EntriesForUserAsync(h, user);
        Assert.Equal(ids.Order(), entries.Select(e => e.PersonId!.Value).Order());
        Assert.All(entries, e => Assert.Equal(("PersonSearch", AccessPurpose.NormalWork, AccessOutcome.Granted, "FindPersons"), (e.Section, e.Purpose, e.Outcome, e.MessageName)));
        // One append: the same moment, and consecutive places in the chain once sealed.
        Assert.Single(entries.Select(e => e.OccurredAt).Distinct());
        await h.SealAsync();
        var entryIds = entries.Select(e => e.Id).ToList();
        var places = await h.WithDbAsync(db => db.AccessLogSeals.Where(s => entryIds.Contains(s.RecordId)).Select(s => s.Sequence).OrderBy(q => q).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range((int)places[0], 3).Select(i => (long)i), places);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_search_that_finds_nobody_writes_no_entry(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();

        var page = await h.SendAsync(user, new FindPersons(Name: UniqueWord()));

        Assert.Empty(page.Items);
        Assert.Empty(await EntriesForUserAsync(h, user));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetFollowUp_writes_one_follow_up_entry(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var before = (await EntriesForUserAsync(h, lead)).Count;

        _ = await h.SendAsync(lead, new GetFollowUp(c.FollowUpId));

        var entries = await EntriesForUserAsync(h, lead);
        var entry = Assert.Single(entries.Skip(before));
        Assert.Equal((c.PersonId, c.FollowUpId, "FollowUp", AccessPurpose.NormalWork, AccessOutcome.Granted), (entry.PersonId!.Value, entry.FollowUpId!.Value, entry.Section, entry.Purpose, entry.Outcome));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetPerson_of_another_agency_is_refused_and_the_refusal_is_logged(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.PoliceOfficerAsync();
        var outsider = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(police);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(outsider, new GetPerson(c.PersonId)));

        var entry = Assert.Single(await EntriesForUserAsync(h, outsider));
        Assert.Equal((c.PersonId, AccessOutcome.Refused, "GetPerson", 0), (entry.PersonId!.Value, entry.Outcome, entry.MessageName, entry.ResultCount));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetFollowUp_of_another_agency_is_refused_and_the_refusal_is_logged(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.PoliceOfficerAsync();
        var outsider = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(police);

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await h.SendAsync(outsider, new GetFollowUp(c.FollowUpId)));
        Assert.True(ex is NotFoundException or ForbiddenException, ex.GetType().Name);

        var entry = Assert.Single(await EntriesForUserAsync(h, outsider));
        Assert.Equal((c.FollowUpId, AccessOutcome.Refused, "GetFollowUp", 0), (entry.FollowUpId!.Value, entry.Outcome, entry.MessageName, entry.ResultCount));
    }
}
