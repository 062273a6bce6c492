using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Persons;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Persons;

/// <summary>Invalid input is refused by the pipeline with the field named, and nothing reaches the database.</summary>
public sealed class PersonValidationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static readonly string LongName = new('x', Person.NameMaxLength + 1);

    /// <summary>Case name → (the command, the field the refusal must name). The clock stands at 2026-11-25.</summary>
    private static readonly Dictionary<string, (Func<RegisterPerson> Command, string Field)> RegisterCases = new()
    {
        ["bad identity number (check digits)"] = (() => WithBrokenCheckDigit(), nameof(RegisterPerson.NationalIdentityNumber)),
        ["identity number with letters"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, "17059O12345"), nameof(RegisterPerson.NationalIdentityNumber)),
        ["identity number of 10 digits"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, "1705901234"), nameof(RegisterPerson.NationalIdentityNumber)),
        ["H-number"] = (() => new RegisterPerson("Ola", "Nordmann", null, TestIdentityNumbers.Unique(AdultBirthDate, monthOffset: 40)), nameof(RegisterPerson.NationalIdentityNumber)),
        ["synthetic test number"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, TestIdentityNumbers.Unique(AdultBirthDate, monthOffset: 80)), nameof(RegisterPerson.NationalIdentityNumber)),
        ["empty given name"] = (() => new RegisterPerson("", "Nordmann", AdultBirthDate, null), nameof(RegisterPerson.GivenName)),
        ["blank family name"] = (() => new RegisterPerson("Ola", "   ", AdultBirthDate, null), nameof(RegisterPerson.FamilyName)),
        ["given name over 100 characters"] = (() => new RegisterPerson(LongName, "Nordmann", AdultBirthDate, null), nameof(RegisterPerson.GivenName)),
        ["family name over 100 characters"] = (() => new RegisterPerson("Ola", LongName, AdultBirthDate, null), nameof(RegisterPerson.FamilyName)),
        ["given name with CR/LF"] = (() => new RegisterPerson("Ola\r\nAdmin: true", "Nordmann", AdultBirthDate, null), nameof(RegisterPerson.GivenName)),
        ["family name with LF"] = (() => new RegisterPerson("Ola", "Nord\nmann", AdultBirthDate, null), nameof(RegisterPerson.FamilyName)),
        ["name with a right-to-left override"] = (() => new RegisterPerson("Ola\u202Egpj.exe", "Nordmann", AdultBirthDate, null), nameof(RegisterPerson.GivenName)),
        ["date of birth in the future"] = (() => new RegisterPerson("Ola", "Nordmann", new DateOnly(2026, 11, 26), null), nameof(RegisterPerson.DateOfBirth)),
        ["date of birth before 1900"] = (() => new RegisterPerson("Ola", "Nordmann", new DateOnly(1899, 12, 31), null), nameof(RegisterPerson.DateOfBirth)),
        ["no date of birth and no number"] = (() => new RegisterPerson("Ola", "Nordmann", null, null), nameof(RegisterPerson.DateOfBirth)),
        ["guardians for an adult"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, null, Guardians: [new GuardianInput("Mor", GuardianRelation.Mother, null, null)]), nameof(RegisterPerson.Guardians)),
        ["guardians for someone 18 today"] = (() => new RegisterPerson("Ola", "Nordmann", new DateOnly(2008, 11, 25), null, Guardians: [new GuardianInput("Mor", GuardianRelation.Mother, null, null)]), nameof(RegisterPerson.Guardians)),
        ["birth date not matching the number"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate.AddDays(1), TestIdentityNumbers.Unique(AdultBirthDate)), nameof(RegisterPerson.DateOfBirth)),
        ["guardian without a name"] = (() => new RegisterPerson("Ola", "Nordmann", MinorBirthDate, null, Guardians: [new GuardianInput(" ", GuardianRelation.Mother, null, null)]), "Guardians[0].Name"),
        ["guardian relation out of range"] = (() => new RegisterPerson("Ola", "Nordmann", MinorBirthDate, null, Guardians: [new GuardianInput("Mor", (GuardianRelation)99, null, null)]), "Guardians[0].Relation"),
        ["too many guardians"] = (() => new RegisterPerson("Ola", "Nordmann", MinorBirthDate, null, Guardians: Enumerable.Range(0, 7).Select(i => new GuardianInput($"G{i}", GuardianRelation.Other, null, null)).ToList()), nameof(RegisterPerson.Guardians)),
        ["bad e-mail"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, null, Email: "not an address"), nameof(RegisterPerson.Email)),
        ["bad phone"] = (() => new RegisterPerson("Ola", "Nordmann", AdultBirthDate, null, Phone: "call me"), nameof(RegisterPerson.Phone)),
    };

    public static TheoryData<DatabaseProvider, string> RegisterCaseNames => Providers.Cross(RegisterCases.Keys);

    [Theory, MemberData(nameof(RegisterCaseNames))]
    public async Task Register_with_invalid_input_is_refused_naming_the_field_and_stores_nothing(DatabaseProvider provider, string @case)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var (command, field) = RegisterCases[@case];
        var persons = await h.CountPersonsAsync();
        var guardians = await h.CountGuardiansAsync();

        var ex = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(user, command()));

        Assert.Contains(ex.Errors, e => e.PropertyName == field);
        Assert.Equal(persons, await h.CountPersonsAsync());
        Assert.Equal(guardians, await h.CountGuardiansAsync());
    }

    /// <summary>Case name → (change to a valid correction, the field the refusal must name).</summary>
    private static readonly Dictionary<string, (Func<CorrectPersonDetails, CorrectPersonDetails> Change, string Field)> CorrectCases = new()
    {
        ["empty given name"] = (c => c with { GivenName = "" }, nameof(CorrectPersonDetails.GivenName)),
        ["family name with CR"] = (c => c with { FamilyName = "Nord\rmann" }, nameof(CorrectPersonDetails.FamilyName)),
        ["name over 100 characters"] = (c => c with { GivenName = LongName }, nameof(CorrectPersonDetails.GivenName)),
        ["bad identity number"] = (c => c with { NationalIdentityNumber = WithBrokenCheckDigit().NationalIdentityNumber }, nameof(CorrectPersonDetails.NationalIdentityNumber)),
        ["date of birth in the future"] = (c => c with { DateOfBirth = new DateOnly(2027, 1, 1) }, nameof(CorrectPersonDetails.DateOfBirth)),
        ["birth date not matching the number"] = (c => c with { NationalIdentityNumber = TestIdentityNumbers.Unique(new DateOnly(1991, 2, 3)) }, nameof(CorrectPersonDetails.DateOfBirth)),
        ["guardians for an adult"] = (c => c with { Guardians = [new GuardianInput("Mor", GuardianRelation.Mother, null, null)] }, nameof(CorrectPersonDetails.Guardians)),
        ["empty version"] = (c => c with { Version = "" }, nameof(CorrectPersonDetails.Version)),
    };

    public static TheoryData<DatabaseProvider, string> CorrectCaseNames => Providers.Cross(CorrectCases.Keys);

    [Theory, MemberData(nameof(CorrectCaseNames))]
    public async Task Correct_with_invalid_input_is_refused_naming_the_field_and_changes_nothing(DatabaseProvider provider, string @case)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Uendret", UniqueWord()));
        var before = await h.SendAsync(user, new GetPerson(id));
        var (change, field) = CorrectCases[@case];

        var ex = await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(user, change(before.AsCorrection())));

        Assert.Contains(ex.Errors, e => e.PropertyName == field);
        var after = await h.SendAsync(user, new GetPerson(id));
        Assert.Equivalent(before, after, strict: true);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_of_exactly_100_characters_are_accepted(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var given = new string('Å', Person.NameMaxLength);
        var family = string.Concat(Enumerable.Repeat("😀", Person.NameMaxLength / 2));

        var id = await h.RegisterAsync(user, new RegisterPerson(given, family, AdultBirthDate, null));

        var view = await h.SendAsync(user, new GetPerson(id));
        Assert.Equal(given, view.GivenName);
        Assert.Equal(family, view.FamilyName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Someone_born_today_may_be_registered_and_is_0(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();

        var id = await h.RegisterAsync(user, new RegisterPerson("Nyfødt", "Berg", h.Today, null));

        Assert.Equal(0, (await h.SendAsync(user, new GetPerson(id))).Age);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_with_a_page_size_out_of_range_is_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();

        var tooBig = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(user, new FindPersons(PageSize: 101)));
        var zero = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(user, new FindPersons(PageNumber: 0)));

        Assert.Contains(tooBig.Errors, e => e.PropertyName == nameof(FindPersons.PageSize));
        Assert.Contains(zero.Errors, e => e.PropertyName == nameof(FindPersons.PageNumber));
    }

    private static RegisterPerson WithBrokenCheckDigit()
    {
        var valid = TestIdentityNumbers.Unique(AdultBirthDate);
        var broken = valid[..10] + (char)('0' + ((valid[10] - '0' + 1) % 10));
        return new RegisterPerson("Ola", "Nordmann", AdultBirthDate, broken);
    }
}
