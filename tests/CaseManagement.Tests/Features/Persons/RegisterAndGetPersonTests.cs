using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Protection;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Persons;

public sealed class RegisterAndGetPersonTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    /// <summary>Names that must survive every provider byte for byte.</summary>
    private static readonly Dictionary<string, (string Given, string Family, string Address)> Names = new()
    {
        ["Norwegian letters"] = ("Åse Ærlig", "Øvrebø-Hågensen", "Bjørnstjerne Bjørnsons gate 7, 3210 Sandefjord"),
        ["Emoji and other scripts"] = ("Zoë 👩‍👩‍👧‍👦", "Nguy\u1EC5n Σωκράτης 🦄", "Пушкинская ул. 1 — 東京"),
        ["SQL-looking"] = ("Robert'); DROP TABLE Persons;--", "O'Brien\" OR 1=1 --", "'; DELETE FROM \"Persons\" WHERE ''='"),
        ["Wildcards and brackets"] = ("100% [sic] _x_", "Back\\slash", "%_[]^"),
    };

    public static TheoryData<DatabaseProvider, string> NameCases => Providers.Cross(Names.Keys);

    [Theory, MemberData(nameof(NameCases))]
    public async Task Register_then_get_returns_the_same_values(DatabaseProvider provider, string @case)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var (given, family, address) = Names[@case];
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var command = new RegisterPerson(given, family, AdultBirthDate, nin, "+47 912 34 567", "zoe@example.org", address, "nordsamisk", NeedsInterpreter: true);

        var id = await h.RegisterAsync(user, command);
        var view = await h.SendAsync(user, new GetPerson(id));

        Assert.Equal(id, view.Id);
        Assert.Equal(given, view.GivenName);
        Assert.Equal(family, view.FamilyName);
        Assert.Equal(AdultBirthDate, view.DateOfBirth);
        Assert.Equal(nin, view.NationalIdentityNumber);
        Assert.Equal("+47 912 34 567", view.Phone);
        Assert.Equal("zoe@example.org", view.Email);
        Assert.Equal(address, view.Address);
        Assert.Equal("nordsamisk", view.PreferredLanguage);
        Assert.True(view.NeedsInterpreter);
        Assert.Equal(Age.At(AdultBirthDate, h.Today), view.Age);
        Assert.True(view.IsAdult);
        Assert.Equal(h.Clock.GetUtcNow(), view.RegisteredAt);
        Assert.Empty(view.Guardians);
        Assert.False(string.IsNullOrEmpty(view.Version));

        // Stored as typed, and the table the "SQL" named is still there.
        var stored = await h.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken));
        Assert.Equal(given, stored.GivenName);
        Assert.Equal(family, stored.FamilyName);
        Assert.Equal((given + " " + family).ToLowerInvariant(), stored.SearchName);
        Assert.True(await h.CountPersonsAsync() >= 1);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_trims_names_and_stores_them_in_composed_form(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();

        // "å" typed as a + combining ring: one value after registration.
        var id = await h.RegisterAsync(user, new RegisterPerson("  A\u030Ase  ", " Berg ", AdultBirthDate, null));
        var view = await h.SendAsync(user, new GetPerson(id));

        Assert.Equal("\u00C5se", view.GivenName);
        Assert.Equal("Berg", view.FamilyName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_with_only_an_identity_number_takes_the_birth_date_from_it(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var born = new DateOnly(1977, 12, 31);
        var nin = TestIdentityNumbers.Unique(born);

        var id = await h.RegisterAsync(user, new RegisterPerson("Kari", "Nordmann", null, nin[..6] + " " + nin[6..]));
        var view = await h.SendAsync(user, new GetPerson(id));

        Assert.Equal(born, view.DateOfBirth);
        Assert.Equal(nin, view.NationalIdentityNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_minor_with_guardians_stores_them(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        GuardianInput[] guardians =
        [
            new("Mor Ærlig", GuardianRelation.Mother, "+47 900 00 001", "mor@example.org"),
            new("Barneverntjenesten", GuardianRelation.ChildWelfareService),
        ];

        var id = await h.RegisterAsync(user, new RegisterPerson("Lille", "Ærlig", MinorBirthDate, null, Guardians: guardians));
        var view = await h.SendAsync(user, new GetPerson(id));

        Assert.False(view.IsAdult);
        Assert.Equal(14, view.Age);
        Assert.Null(view.NationalIdentityNumber);
        Assert.Equal(2, view.Guardians.Count);
        var mother = Assert.Single(view.Guardians, g => g.Relation == GuardianRelation.Mother);
        Assert.Equal(("Mor Ærlig", "+47 900 00 001", "mor@example.org"), (mother.Name, mother.Phone, mother.Email));
        Assert.Contains(view.Guardians, g => g is { Relation: GuardianRelation.ChildWelfareService, Name: "Barneverntjenesten", Phone: null, Email: null });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_with_a_duplicate_identity_number_in_the_same_agency_is_refused_and_stores_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var first = await h.PoliceOfficerAsync();
        var colleague = await h.CreateUserAsync(Role.RadicalisationContact, DemoData.LarvikStation);
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        await h.RegisterAsync(first, new RegisterPerson("Ola", "Først", AdultBirthDate, nin));
        var before = await h.CountPersonsAsync();

        // Another unit of the same police district, and the number typed with spaces: still the same number.
        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(colleague, new RegisterPerson("Ola", "Andre", AdultBirthDate, nin[..6] + " " + nin[6..])));

        Assert.Equal(nameof(RegisterPerson.NationalIdentityNumber), ex.Field);
        Assert.DoesNotContain(nin, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await h.CountPersonsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_itself_refuses_a_duplicate_number_in_one_agency_but_allows_many_without_one(DatabaseProvider provider)
    {
        // The handler's check runs before the insert; two registrations racing past it meet the unique index.
        var h = await fixture.HarnessAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        PersonDetails Details(string? number) => new("Rask", "Dobbel", AdultBirthDate, number, null, null, null, null, false);

        await using (var first = h.NewDbContext())
        {
            first.Persons.Add(Person.Register(Guid.CreateVersion7(), DemoData.PoliceDistrict, Details(nin), h.Clock.GetUtcNow()));
            first.Persons.Add(Person.Register(Guid.CreateVersion7(), DemoData.PoliceDistrict, Details(null), h.Clock.GetUtcNow()));
            first.Persons.Add(Person.Register(Guid.CreateVersion7(), DemoData.PoliceDistrict, Details(null), h.Clock.GetUtcNow()));
            await first.SaveChangesAsync(ct);
        }

        await using var second = h.NewDbContext();
        second.Persons.Add(Person.Register(Guid.CreateVersion7(), DemoData.PoliceDistrict, Details(nin), h.Clock.GetUtcNow()));
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(ct));

        // The number is encrypted: it is counted through its blind index (ADR-010).
        var blindIndex = h.Services.GetRequiredService<BlindIndex>();
        Assert.Equal(1, await h.WithDbAsync(db => db.Persons.WithIdentityNumber(blindIndex, nin).CountAsync(ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Police_and_municipality_register_the_same_individual_separately(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.PoliceOfficerAsync();
        var municipality = await h.CaseWorkerAsync();
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);

        var policeEntry = await h.RegisterAsync(police, new RegisterPerson("Ola", "Delt", AdultBirthDate, nin));
        var municipalEntry = await h.RegisterAsync(municipality, new RegisterPerson("Ola", "Delt", AdultBirthDate, nin));

        Assert.NotEqual(policeEntry, municipalEntry);
        Assert.Equal(policeEntry, (await h.SendAsync(police, new FindPersons(NationalIdentityNumber: nin))).Items.Single().Id);
        Assert.Equal(municipalEntry, (await h.SendAsync(municipality, new FindPersons(NationalIdentityNumber: nin))).Items.Single().Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Log_lines_name_the_message_but_never_carry_the_identity_number_or_names(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var family = UniqueWord();

        var id = await h.RegisterAsync(user, new RegisterPerson("Loggfri", family, AdultBirthDate, nin));
        await h.SendAsync(user, new GetPerson(id));
        await h.SendAsync(user, new FindPersons(NationalIdentityNumber: nin));
        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(user, new RegisterPerson("Loggfri", family, AdultBirthDate, nin)));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await h.SendAsync(user, new RegisterPerson("Loggfri", family, new DateOnly(1991, 1, 1), nin)));

        var lines = h.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains(nameof(RegisterPerson), StringComparison.Ordinal) && l.Contains(user.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(nin, StringComparison.Ordinal) || l.Contains(nin[6..], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(family, StringComparison.Ordinal));
    }
}
