using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Access;
using CaseManagement.Domain.Persons;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>R19: field-level change audit, one event per save, written atomically with the change.</summary>
public sealed class ChangeAuditTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HashSet<Guid>> LastAuditSequenceAsync(CaseHarness h) => AuditTestSupport.AuditMarkAsync(h);

    private static Task<List<AuditEvent>> EventsAfterAsync(CaseHarness h, HashSet<Guid> mark) => AuditTestSupport.AuditSinceAsync(h, mark);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Correcting_three_fields_writes_one_event_with_three_changes_and_encrypts_the_identity_number(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Tre", UniqueWord()) with { Phone = "+47 400 00 001" });
        var before = await h.SendAsync(user, new GetPerson(id));
        var oldNumber = before.NationalIdentityNumber!;
        var newNumber = TestIdentityNumbers.Unique(AdultBirthDate);
        var last = await LastAuditSequenceAsync(h);

        await h.SendAsync(user, before.AsCorrection() with { Phone = "+47 400 00 002", Address = "Storgata 3", NationalIdentityNumber = newNumber });

        var audit = Assert.Single(await EventsAfterAsync(h, last));
        Assert.Equal(user, audit.UserId);
        Assert.Equal("CaseWorker", audit.Roles);
        Assert.Equal("CorrectPersonDetails", audit.MessageName);
        Assert.Equal(3, audit.Changes.Count);
        Assert.All(audit.Changes, c =>
        {
            Assert.Equal(AuditOperation.Update, c.Operation);
            Assert.Equal(id, c.PersonId);
            Assert.Equal(nameof(Person), c.EntityType);
            Assert.Equal(id.ToString(), c.EntityId);
        });
        var byField = audit.Changes.ToDictionary(c => c.Field);
        Assert.Equal(["Address", "NationalIdentityNumber", "Phone"], byField.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("+47 400 00 001", "+47 400 00 002", false), (byField["Phone"].OldValue, byField["Phone"].NewValue, byField["Phone"].IsEncrypted));
        Assert.Equal((null, "Storgata 3", false), (byField["Address"].OldValue, byField["Address"].NewValue, byField["Address"].IsEncrypted));

        var nin = byField["NationalIdentityNumber"];
        Assert.True(nin.IsEncrypted);
        Assert.StartsWith("v1.", nin.OldValue, StringComparison.Ordinal);
        Assert.StartsWith("v1.", nin.NewValue, StringComparison.Ordinal);
        Assert.DoesNotContain(oldNumber, nin.OldValue, StringComparison.Ordinal);
        Assert.DoesNotContain(newNumber, nin.NewValue, StringComparison.Ordinal);
        var protector = AuditTestSupport.Protector();
        Assert.Equal(oldNumber, protector.Unprotect(nin.OldValue!));
        Assert.Equal(newNumber, protector.Unprotect(nin.NewValue!));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registering_a_person_writes_insert_changes_with_no_old_values(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var family = UniqueWord();
        var command = Adult("Ny", family);
        var last = await LastAuditSequenceAsync(h);

        var id = await h.RegisterAsync(user, command);

        var audit = Assert.Single(await EventsAfterAsync(h, last));
        Assert.Equal("RegisterPerson", audit.MessageName);
        Assert.Equal(user, audit.UserId);
        var personChanges = audit.Changes.Where(c => c.EntityType == nameof(Person)).ToList();
        Assert.All(audit.Changes, c => Assert.Equal(AuditOperation.Insert, c.Operation));
        Assert.All(personChanges, c => Assert.Equal((id, (string?)null), (c.PersonId!.Value, c.OldValue)));
        Assert.Equal(family, Assert.Single(personChanges, c => c.Field == "FamilyName").NewValue);
        var nin = Assert.Single(personChanges, c => c.Field == "NationalIdentityNumber");
        Assert.True(nin.IsEncrypted);
        Assert.DoesNotContain(command.NationalIdentityNumber!, nin.NewValue, StringComparison.Ordinal);
        Assert.Equal(command.NationalIdentityNumber, AuditTestSupport.Protector().Unprotect(nin.NewValue!));
        Assert.Equal(Enumerable.Range(0, audit.Changes.Count), audit.Changes.Select(c => c.Ordinal).Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_save_that_fails_in_the_middle_leaves_neither_the_change_nor_its_audit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var firstId = await h.RegisterAsync(user, Adult("Først", UniqueWord()) with { Phone = "+47 400 00 010" });
        var secondId = await h.RegisterAsync(user, Adult("Andre", UniqueWord()));
        var agency = await h.WithDbAsync(db => db.Persons.Where(p => p.Id == firstId).Select(p => p.AgencyId).SingleAsync(Ct));
        var counts = await CountsAsync(h);
        await h.SealAsync();
        var head = await h.WithDbAsync(db => db.ChainHeads.AsNoTracking().SingleAsync(c => c.Chain == AuditChain.AuditEvents, Ct));

        // One save: a valid change of the first person, and an insert that collides with the second person's key.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => h.WithDbAsync(async db =>
        {
            var first = await db.Persons.SingleAsync(p => p.Id == firstId, Ct);
            db.Entry(first).Property(p => p.Phone).CurrentValue = "+47 400 00 099";
            var details = PersonFieldsMapping.ToDetails(Adult("Kollisjon", UniqueWord()));
            db.Persons.Add(Person.Register(secondId, agency, details, h.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }));

        Assert.Equal(counts, await CountsAsync(h));
        Assert.Equal("+47 400 00 010", await h.WithDbAsync(db => db.Persons.Where(p => p.Id == firstId).Select(p => p.Phone).SingleAsync(Ct)));
        await h.SealAsync();
        var headAfter = await h.WithDbAsync(db => db.ChainHeads.AsNoTracking().SingleAsync(c => c.Chain == AuditChain.AuditEvents, Ct));
        Assert.Equal((head.Sequence, head.Hash), (headAfter.Sequence, headAfter.Hash));
        var events = await h.WithDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync(Ct));
        Assert.DoesNotContain(events.SelectMany(e => e.Changes), c => c.NewValue == "+47 400 00 099");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Closing_a_follow_up_stores_the_close_note_encrypted_in_the_audit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var followUp = await h.SendAsync(lead, new GetFollowUp(c.FollowUpId));
        var note = "Samtale med familien " + UniqueWord();
        var last = await LastAuditSequenceAsync(h);

        await h.SendAsync(lead, new CloseFollowUp(c.FollowUpId, followUp.Version, CloseReason.NoFurtherConcern, note));

        var audit = Assert.Single(await EventsAfterAsync(h, last));
        Assert.Equal("CloseFollowUp", audit.MessageName);
        var change = Assert.Single(audit.Changes, ch => ch.Field == "CloseNote");
        Assert.Equal((AuditOperation.Update, c.PersonId, true, (string?)null), (change.Operation, change.PersonId!.Value, change.IsEncrypted, change.OldValue));
        Assert.StartsWith("v1.", change.NewValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Samtale", change.NewValue, StringComparison.Ordinal);
        Assert.Equal(note, AuditTestSupport.Protector().Unprotect(change.NewValue!));
        Assert.DoesNotContain(audit.Changes, ch => !ch.IsEncrypted && (ch.NewValue ?? "").Contains(note, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changing_a_users_password_records_the_change_but_never_the_secret_fields(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var last = await LastAuditSequenceAsync(h);

        await h.WithDbAsync(async db =>
        {
            var row = await db.Users.SingleAsync(u => u.Id == user, Ct);
            row.PasswordHash = "AQAAAAIAAYagAAAAEsecret-hash";
            row.SecurityStamp = "NEW-STAMP-SECRET";
            row.DisplayName = "Nytt Visningsnavn";
            await db.SaveChangesAsync(Ct);
        });

        var audit = Assert.Single(await EventsAfterAsync(h, last));
        var fields = audit.Changes.Select(ch => ch.Field).ToList();
        Assert.Contains("DisplayName", fields);
        Assert.DoesNotContain("PasswordHash", fields);
        Assert.DoesNotContain("SecurityStamp", fields);
        Assert.DoesNotContain("ConcurrencyStamp", fields);
        Assert.DoesNotContain(audit.Changes, ch => (ch.NewValue ?? "").Contains("secret", StringComparison.OrdinalIgnoreCase) || (ch.NewValue ?? "").Contains("SECRET", StringComparison.Ordinal));
    }

    private static Task<(int Persons, int Events, int Subjects)> CountsAsync(CaseHarness h) =>
        h.WithDbAsync(async db => (await db.Persons.CountAsync(Ct), await db.AuditEvents.CountAsync(Ct), await db.AuditSubjects.CountAsync(Ct)));
}
