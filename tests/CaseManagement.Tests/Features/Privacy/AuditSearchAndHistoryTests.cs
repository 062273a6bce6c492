using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Tests.Auditing;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>The privacy officer's audit search (metadata only) and a person's change history (values decrypted, viewing logged).</summary>
public sealed class AuditSearchAndHistoryTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<List<AccessLogEntry>> AccessEntriesAsync(CaseHarness h, Guid userId, Guid personId) =>
        h.WithDbAsync(db => db.AccessLog.AsNoTracking().Where(e => e.UserId == userId && e.PersonId == personId).ToListAsync(Ct));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_audit_search_finds_a_persons_events_by_person_user_kind_and_period_newest_first_and_logs_the_search(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PrivacyOfficerAsync(h);
        var worker = await h.CaseWorkerAsync();
        var other = await h.CaseWorkerAsync();
        var person = await h.RegisterAsync(worker, Adult("Søk", UniqueWord()));
        var registered = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromHours(2));
        var view = await h.SendAsync(other, new GetPerson(person));
        await h.SendAsync(other, view.AsCorrection() with { Phone = "+47 400 00 009" });

        var all = await h.SendAsync(officer, new SearchAudit(PersonId: person));
        var byWorker = await h.SendAsync(officer, new SearchAudit(PersonId: person, UserId: worker));
        var early = await h.SendAsync(officer, new SearchAudit(PersonId: person, From: registered.AddMinutes(-1), To: registered.AddHours(1)));
        var guardians = await h.SendAsync(officer, new SearchAudit(PersonId: person, EntityType: "Guardian"));

        var corrected = (await h.SendAsync(officer, new ChangeHistoryForPerson(person))).Items.Where(c => c.MessageName == "CorrectPersonDetails");
        // Only the changed field: the handler's whole-entity update rewrites the encrypted number, which is no change.
        // The phone number is personal data the oversight does not need: field name, no value (ADR-018).
        Assert.Equal([("Phone", (string?)null, (string?)null, true)], corrected.Select(c => (c.Field, c.OldValue, c.NewValue, c.ValueHidden)));
        Assert.Equal(["CorrectPersonDetails", "RegisterPerson"], all.Items.Select(r => r.MessageName));
        Assert.True(all.Items[0].OccurredAt > all.Items[1].OccurredAt);
        Assert.Equal((other, "Test CaseWorker", "CaseWorker", 1), (all.Items[0].UserId!.Value, all.Items[0].UserDisplayName, all.Items[0].Roles, all.Items[0].ChangeCount));
        Assert.Equal(["Person"], all.Items[0].EntityTypes);
        Assert.Equal("RegisterPerson", Assert.Single(byWorker.Items).MessageName);
        Assert.Equal("RegisterPerson", Assert.Single(early.Items).MessageName);
        Assert.Equal(0, guardians.TotalCount);
        Assert.Contains(await AccessEntriesAsync(h, officer, person), e => e.Section == "AuditSearch");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_change_history_shows_every_field_change_without_its_values_and_is_logged(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PrivacyOfficerAsync(h);
        var worker = await h.CaseWorkerAsync();
        var command = Adult("Historikk", UniqueWord());
        var person = await h.RegisterAsync(worker, command);
        var view = await h.SendAsync(worker, new GetPerson(person));
        var newNumber = TestIdentityNumbers.Unique(AdultBirthDate);
        await h.SendAsync(worker, view.AsCorrection() with { NationalIdentityNumber = newNumber, Address = "Storgata 7" });
        Assert.Empty(await AccessEntriesAsync(h, officer, person));

        var history = await h.SendAsync(officer, new ChangeHistoryForPerson(person));

        var nin = history.Items.Where(c => c.Field == "NationalIdentityNumber").ToList();
        Assert.Equal(2, nin.Count);
        Assert.Equal((AuditOperation.Insert, (string?)null, (string?)null, true, true), (nin[0].Operation, nin[0].OldValue, nin[0].NewValue, nin[0].WasEncrypted, nin[0].ValueHidden));
        Assert.Equal((AuditOperation.Update, (string?)null, (string?)null, "CorrectPersonDetails"), (nin[1].Operation, nin[1].OldValue, nin[1].NewValue, nin[1].MessageName));
        var address = Assert.Single(history.Items, c => c.Field == "Address" && c.Operation == AuditOperation.Update);
        Assert.Equal(((string?)null, (string?)null, false, true, worker), (address.OldValue, address.NewValue, address.WasEncrypted, address.ValueHidden, address.UserId!.Value));
        Assert.DoesNotContain(history.Items, c => c.NewValue == command.NationalIdentityNumber || c.NewValue == newNumber || c.NewValue == command.FamilyName);
        Assert.Equal(["Address", "NationalIdentityNumber"], history.Items.Where(c => c.MessageName == "CorrectPersonDetails").Select(c => c.Field).Order(StringComparer.Ordinal));
        Assert.All(history.Items, c => Assert.Equal(person.ToString(), c.EntityId));
        Assert.Equal(history.Items.OrderBy(c => c.OccurredAt).Select(c => c.OccurredAt), history.Items.Select(c => c.OccurredAt));
        var logged = Assert.Single(await AccessEntriesAsync(h, officer, person));
        Assert.Equal(("ChangeHistory", AccessOutcome.Granted), (logged.Section, logged.Outcome));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_encrypted_value_is_never_decrypted_for_the_privacy_officer_even_under_a_retired_key(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PrivacyOfficerAsync(h);
        var person = await h.MunicipalPersonAsync();
        var retired = new FieldProtector(Options.Create(new ProtectionOptions { ActiveKey = "old", Keys = new() { ["old"] = Support.TestProtection.Key1 } }));
        await h.WithDbAsync(async db =>
        {
            var id = Guid.CreateVersion7();
            db.AuditEvents.Add(new AuditEvent
            {
                Id = id, OccurredAt = h.Clock.GetUtcNow(), MessageName = "Test",
                Changes = [new AuditChange { EntityType = "Person", EntityId = person.ToString(), PersonId = person, Operation = AuditOperation.Update, Field = "NationalIdentityNumber", NewValue = retired.Protect("x"), IsEncrypted = true }],
            });
            db.AuditSubjects.Add(new AuditSubject { Id = Guid.CreateVersion7(), AuditEventId = id, PersonId = person, EntityType = "Person" });
            await db.SaveChangesAsync(Ct);
        });

        var change = Assert.Single((await h.SendAsync(officer, new ChangeHistoryForPerson(person))).Items, c => c.MessageName == "Test");

        Assert.Equal((true, true, (string?)null), (change.ValueHidden, change.WasEncrypted, change.NewValue));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reversed_period_and_an_oversized_page_are_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PrivacyOfficerAsync(h);
        var now = h.Clock.GetUtcNow();

        var reversed = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new SearchAudit(From: now, To: now.AddDays(-1))));
        var big = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new ChangeHistoryForPerson(Guid.CreateVersion7(), PageSize: 1000)));

        Assert.Contains(reversed.Errors, e => e.PropertyName == nameof(SearchAudit.To));
        Assert.Contains(big.Errors, e => e.PropertyName == nameof(ChangeHistoryForPerson.PageSize));
    }
}
