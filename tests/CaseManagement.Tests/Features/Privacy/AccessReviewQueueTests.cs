using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using static CaseManagement.Tests.Features.Privacy.PrivacyTestData;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>R25: seeded night-time look-ups, emergency accesses and mass reading all land in the review queue.</summary>
public sealed class AccessReviewQueueTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_look_up_at_two_in_the_night_Oslo_time_is_flagged(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        // A police person: the police district's privacy officer reviews it (ADR-018).
        var officer = await h.PolicePrivacyOfficerAsync();
        var police = await h.PoliceOfficerAsync();
        // Friday 27 November 2026, 02:00 in Oslo (CET, UTC+1).
        var night = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.FromHours(1));
        if (h.Clock.GetUtcNow() < night)
        {
            h.Clock.SetUtcNow(night.ToUniversalTime());
        }

        var now = h.Clock.GetUtcNow();
        var person = await h.RegisterAsync(police, PersonTestData.Adult("Natt", PersonTestData.UniqueWord(), withNumber: false));
        await h.SendAsync(police, new GetPerson(person));

        var queue = await h.SendAsync(officer, new AccessReviewQueue(now.AddHours(-1), now.AddHours(1)));

        var item = Assert.Single(queue.Items, i => i.Kind == ReviewKind.OutsideWorkingHours && i.UserId == police && i.PersonId == person && i.At == now);
        Assert.Equal("Sandefjord politistasjon", item.UnitName, ignoreCase: true);
        Assert.False(string.IsNullOrWhiteSpace(item.UserDisplayName));
        Assert.Contains("02:00", item.Why, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Working_hours_look_ups_are_not_flagged_as_night_time(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var worker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        // Wednesday 25 November 2026 10:00 and 17:59 Oslo: inside; 18:00 and Saturday noon: outside.
        var inside = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        var lateInside = new DateTimeOffset(2026, 11, 25, 17, 59, 0, TimeSpan.FromHours(1));
        var evening = new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(1));
        var saturday = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(1));
        var persons = await h.PersonsAsync(DemoData.Municipality, 4);
        await h.AddEntriesAsync(
            Entry(worker, DemoData.Nav, DemoData.Municipality, persons[0], inside),
            Entry(worker, DemoData.Nav, DemoData.Municipality, persons[1], lateInside),
            Entry(worker, DemoData.Nav, DemoData.Municipality, persons[2], evening),
            Entry(worker, DemoData.Nav, DemoData.Municipality, persons[3], saturday));

        var queue = await h.SendAsync(officer, new AccessReviewQueue(inside.AddHours(-1), saturday.AddHours(1)));

        var flagged = queue.Items.Where(i => i.UserId == worker && i.Kind == ReviewKind.OutsideWorkingHours).Select(i => i.At).ToList();
        Assert.Equal([evening, saturday], flagged);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_emergency_access_is_in_the_queue_with_its_reason(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        // A municipal user's emergency access to a police follow-up: the police's data, the police's privacy officer.
        var officer = await h.PolicePrivacyOfficerAsync();
        var police = await h.PoliceOfficerAsync();
        var worker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var person = await h.RegisterAsync(police, PersonTestData.Adult("Nød", PersonTestData.UniqueWord(), withNumber: false));
        var followUp = (await h.SendAsync(police, new OpenFollowUp(person, ConcernSource.OtherAgency))).Id;
        var at = h.Clock.GetUtcNow();
        const string reason = "Akutt fare for liv, ansvarlig er ikke å nå.";
        await h.WithDbAsync(async db =>
        {
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(Guid.CreateVersion7(), worker, followUp, reason, at));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var queue = await h.SendAsync(officer, new AccessReviewQueue(at.AddMinutes(-1), at.AddMinutes(1)));

        var item = Assert.Single(queue.Items, i => i.Kind == ReviewKind.EmergencyAccess && i.UserId == worker);
        Assert.Equal(person, item.PersonId);
        Assert.Equal(reason, item.Reason);
        Assert.Equal("Test CaseWorker", item.UserDisplayName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_distinct_persons_within_an_hour_are_flagged_nineteen_are_not(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var reader = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var modest = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var spread = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        // Wednesday 10:00 Oslo: inside working hours, so only the volume rule applies.
        var t = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));

        var entries = new List<CaseManagement.Application.Auditing.AccessLogEntry>();
        var twenty = await h.PersonsAsync(DemoData.Municipality, 20);
        entries.AddRange(twenty.Select((p, i) => Entry(reader, DemoData.Nav, DemoData.Municipality, p, t.AddMinutes(i * 2))));
        // Nineteen persons, each read twice: 38 reads, 19 distinct.
        var nineteen = await h.PersonsAsync(DemoData.Municipality, 19);
        entries.AddRange(nineteen.Concat(nineteen).Select((p, i) => Entry(modest, DemoData.Nav, DemoData.Municipality, p, t.AddMinutes(i))));
        // Twenty persons over more than an hour: never twenty within one.
        entries.AddRange((await h.PersonsAsync(DemoData.Municipality, 20)).Select((p, i) => Entry(spread, DemoData.Nav, DemoData.Municipality, p, t.AddMinutes(i * 4))));
        await h.AddEntriesAsync([.. entries]);

        var queue = await h.SendAsync(officer, new AccessReviewQueue(t.AddHours(-1), t.AddHours(3)));

        var item = Assert.Single(queue.Items, i => i.Kind == ReviewKind.ManyPersons && i.UserId == reader);
        Assert.Equal(t, item.At);
        Assert.Contains("20", item.Why, StringComparison.Ordinal);
        Assert.DoesNotContain(queue.Items, i => i.Kind == ReviewKind.ManyPersons && (i.UserId == modest || i.UserId == spread));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reversed_or_too_long_period_is_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var t = CaseHarness.Start;

        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new AccessReviewQueue(t, t.AddHours(-1))));
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new AccessReviewQueue(t, t.AddDays(32))));
    }
}
