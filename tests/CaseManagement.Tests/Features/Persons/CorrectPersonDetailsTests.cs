using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Persons;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Persons;

public sealed class CorrectPersonDetailsTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Correct_changes_the_details_and_moves_the_version(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Feil", "Navn"));
        var before = await h.SendAsync(user, new GetPerson(id));
        var newNumber = TestIdentityNumbers.Unique(new DateOnly(1988, 8, 8));

        await h.SendAsync(user, before.AsCorrection() with
        {
            GivenName = "Riktig",
            FamilyName = "Næss 🎉",
            DateOfBirth = null,
            NationalIdentityNumber = newNumber,
            Phone = "+47 400 00 000",
            Address = "Storgata 1",
            PreferredLanguage = "arabisk",
            NeedsInterpreter = true,
        });

        var after = await h.SendAsync(user, new GetPerson(id));
        Assert.Equal(("Riktig", "Næss 🎉", new DateOnly(1988, 8, 8), newNumber), (after.GivenName, after.FamilyName, after.DateOfBirth, after.NationalIdentityNumber));
        Assert.Equal(("+47 400 00 000", "Storgata 1", "arabisk", true), (after.Phone, after.Address, after.PreferredLanguage, after.NeedsInterpreter));
        Assert.Equal(before.RegisteredAt, after.RegisteredAt);
        Assert.NotEqual(before.Version, after.Version);

        var searchName = await h.WithDbAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.SearchName).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal("riktig næss 🎉", searchName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_corrections_from_the_same_version_the_second_conflicts_and_the_first_remains(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var alice = await h.CaseWorkerAsync();
        var bob = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(alice, Adult("Original", "Navn"));
        var read = await h.SendAsync(alice, new GetPerson(id));

        await h.SendAsync(alice, read.AsCorrection() with { GivenName = "Alice sin", Phone = "+47 111 11 111" });
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await h.SendAsync(bob, read.AsCorrection() with { GivenName = "Bob sin", Address = "Bobs vei" }));

        Assert.Equal("Person", ex.RecordKind);
        var now = await h.SendAsync(alice, new GetPerson(id));
        Assert.Equal("Alice sin", now.GivenName);
        Assert.Equal("+47 111 11 111", now.Phone);
        Assert.Null(now.Address);

        // With the fresh version Bob's correction goes through.
        await h.SendAsync(bob, now.AsCorrection() with { GivenName = "Bob sin" });
        Assert.Equal("Bob sin", (await h.SendAsync(alice, new GetPerson(id))).GivenName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Correct_with_a_garbage_or_foreign_version_is_a_conflict_and_changes_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Versjon", "Sjekk"));
        var otherId = await h.RegisterAsync(user, Adult("Annen", "Person"));
        var read = await h.SendAsync(user, new GetPerson(id));
        var other = await h.SendAsync(user, new GetPerson(otherId));
        await h.SendAsync(user, other.AsCorrection() with { GivenName = "Annen rettet" });

        var versions = new[]
        {
            "not base64!",
            "AAAA",
            Convert.ToBase64String(new byte[16]),
            Convert.ToBase64String(BitConverter.GetBytes(long.MaxValue)),
            Convert.ToBase64String(new byte[8]),
            Convert.ToBase64String(new byte[4]),
            new('A', 64),
        };
        foreach (var version in versions)
        {
            await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
                await h.SendAsync(user, read.AsCorrection() with { Version = version, GivenName = "Gjettet" }));
        }

        Assert.Equal("Versjon", (await h.SendAsync(user, new GetPerson(id))).GivenName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Guardians_can_be_added_corrected_and_removed(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, new RegisterPerson("Barn", "Hansen", MinorBirthDate, null, Guardians:
        [
            new GuardianInput("Mor Hansen", GuardianRelation.Mother, null, null),
            new GuardianInput("Far Hansen", GuardianRelation.Father, "+47 900 00 002", null),
        ]));
        var v1 = await h.SendAsync(user, new GetPerson(id));
        var mother = v1.Guardians.Single(g => g.Relation == GuardianRelation.Mother);
        var father = v1.Guardians.Single(g => g.Relation == GuardianRelation.Father);

        // Add one.
        await h.SendAsync(user, v1.AsCorrection() with
        {
            Guardians = [.. v1.AsCorrection().Guardians!, new GuardianInput("Verge Olsen", GuardianRelation.AppointedGuardian, null, "verge@example.org")],
        });
        var v2 = await h.SendAsync(user, new GetPerson(id));
        Assert.Equal(3, v2.Guardians.Count);
        var appointed = Assert.Single(v2.Guardians, g => g.Relation == GuardianRelation.AppointedGuardian);
        Assert.Equal(("Verge Olsen", "verge@example.org"), (appointed.Name, appointed.Email));
        Assert.NotEqual(v1.Version, v2.Version);

        // Correct one, keep the others.
        await h.SendAsync(user, v2.AsCorrection() with
        {
            Guardians = v2.Guardians.Select(g => g.Id == mother.Id
                ? new GuardianInput("Mor Hansen-Berg", GuardianRelation.Mother, "+47 900 00 003", "mor@example.org", g.Id)
                : new GuardianInput(g.Name, g.Relation, g.Phone, g.Email, g.Id)).ToList(),
        });
        var v3 = await h.SendAsync(user, new GetPerson(id));
        var correctedMother = v3.Guardians.Single(g => g.Id == mother.Id);
        Assert.Equal(("Mor Hansen-Berg", "+47 900 00 003", "mor@example.org"), (correctedMother.Name, correctedMother.Phone, correctedMother.Email));
        Assert.Equal(father, v3.Guardians.Single(g => g.Id == father.Id));
        Assert.NotEqual(v2.Version, v3.Version);

        // Remove the father (not listed).
        await h.SendAsync(user, v3.AsCorrection() with
        {
            Guardians = v3.Guardians.Where(g => g.Id != father.Id).Select(g => new GuardianInput(g.Name, g.Relation, g.Phone, g.Email, g.Id)).ToList(),
        });
        var v4 = await h.SendAsync(user, new GetPerson(id));
        Assert.Equal(2, v4.Guardians.Count);
        Assert.DoesNotContain(v4.Guardians, g => g.Id == father.Id);
        Assert.False(await h.WithDbAsync(db => db.Guardians.AnyAsync(g => g.Id == father.Id, TestContext.Current.CancellationToken)));

        // Remove all.
        await h.SendAsync(user, v4.AsCorrection() with { Guardians = null });
        Assert.Empty((await h.SendAsync(user, new GetPerson(id))).Guardians);
        Assert.False(await h.WithDbAsync(db => db.Guardians.AnyAsync(g => g.PersonId == id, TestContext.Current.CancellationToken)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_guardian_only_change_still_conflicts_with_a_stale_version(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, new RegisterPerson("Barn", "Berg", MinorBirthDate, null, Guardians:
            [new GuardianInput("Mor Berg", GuardianRelation.Mother, null, null)]));
        var read = await h.SendAsync(user, new GetPerson(id));

        await h.SendAsync(user, read.AsCorrection() with { Guardians = [new GuardianInput("Far Berg", GuardianRelation.Father, null, null)] });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await h.SendAsync(user, read.AsCorrection() with { GivenName = "Stale" }));
        var now = await h.SendAsync(user, new GetPerson(id));
        Assert.Equal("Barn", now.GivenName);
        Assert.Equal("Far Berg", Assert.Single(now.Guardians).Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Correct_with_an_unknown_guardian_id_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, new RegisterPerson("Barn", "Lund", MinorBirthDate, null, Guardians:
            [new GuardianInput("Mor Lund", GuardianRelation.Mother, null, null)]));
        var otherChild = await h.RegisterAsync(user, new RegisterPerson("Annet", "Barn", MinorBirthDate, null, Guardians:
            [new GuardianInput("Annen mor", GuardianRelation.Mother, null, null)]));
        var read = await h.SendAsync(user, new GetPerson(id));
        var foreignGuardian = (await h.SendAsync(user, new GetPerson(otherChild))).Guardians.Single();

        foreach (var guardianId in new[] { Guid.CreateVersion7(), foreignGuardian.Id })
        {
            var ex = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(user, read.AsCorrection() with
            {
                GivenName = "Endret",
                Guardians = [new GuardianInput("Kapret", GuardianRelation.Father, null, null, guardianId)],
            }));
            Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CorrectPersonDetails.Guardians));
        }

        Assert.Equivalent(read, await h.SendAsync(user, new GetPerson(id)), strict: true);
        Assert.Equal("Annen mor", Assert.Single((await h.SendAsync(user, new GetPerson(otherChild))).Guardians).Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Correct_to_an_identity_number_another_person_in_the_agency_has_is_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var taken = Adult("Har", "Nummeret");
        await h.RegisterAsync(user, taken);
        var id = await h.RegisterAsync(user, Adult("Vil", "Ha", withNumber: false));
        var read = await h.SendAsync(user, new GetPerson(id));

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(user, read.AsCorrection() with { NationalIdentityNumber = taken.NationalIdentityNumber }));

        Assert.Equal(nameof(CorrectPersonDetails.NationalIdentityNumber), ex.Field);
        Assert.Null((await h.SendAsync(user, new GetPerson(id))).NationalIdentityNumber);

        // Keeping one's own number is no duplicate.
        var owner = (await h.SendAsync(user, new FindPersons(NationalIdentityNumber: taken.NationalIdentityNumber))).Items.Single();
        var ownerView = await h.SendAsync(user, new GetPerson(owner.Id));
        await h.SendAsync(user, ownerView.AsCorrection() with { Phone = "+47 123 45 678" });
        Assert.Equal("+47 123 45 678", (await h.SendAsync(user, new GetPerson(owner.Id))).Phone);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_a_save_from_a_stale_read_even_when_both_reads_agreed(DatabaseProvider provider)
    {
        // The handler compares the client's version at read time; a write that lands between that read and the
        // save must still be caught by the provider's own token (rowversion, xmin, counter).
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Kappløp", "Test"));
        var ct = TestContext.Current.CancellationToken;

        await using var first = h.NewDbContext();
        await using var second = h.NewDbContext();
        var a = await first.Persons.SingleAsync(p => p.Id == id, ct);
        var b = await second.Persons.SingleAsync(p => p.Id == id, ct);
        a.Correct(new PersonDetails("Først", "Test", a.DateOfBirth, a.NationalIdentityNumber, null, null, null, null, false));
        b.Correct(new PersonDetails("Sist", "Test", b.DateOfBirth, b.NationalIdentityNumber, null, null, null, null, false));

        await first.SaveChangesAsync(ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(ct));

        Assert.Equal("Først", (await h.SendAsync(user, new GetPerson(id))).GivenName);
    }
}
