using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Persons;

public sealed class FindPersonsTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_name_is_case_insensitive_for_ascii(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var word = UniqueWord();
        var id = await h.RegisterAsync(user, Adult("Tormod", word + "sen"));

        foreach (var query in new[] { word, word.ToUpperInvariant(), word.ToLowerInvariant(), "tormod " + word.ToUpperInvariant(), " " + word + " " })
        {
            var page = await h.SendAsync(user, new FindPersons(Name: query));
            Assert.Equal(id, Assert.Single(page.Items).Id);
            Assert.Equal(1, page.TotalCount);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_name_ignores_case_of_Norwegian_letters_too(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var word = UniqueWord();
        var id = await h.RegisterAsync(user, Adult("Sofie", "Ødegård" + word));

        var page = await h.SendAsync(user, new FindPersons(Name: "ØDEGÅRD" + word.ToUpperInvariant()));

        Assert.Equal(id, Assert.Single(page.Items).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_percent_matches_it_literally_and_does_not_return_everyone(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var word = UniqueWord();
        var withPercent = await h.RegisterAsync(user, Adult("Hundre%", word));
        var without = await h.RegisterAsync(user, Adult("Hundre", word));

        var page = await h.SendAsync(user, new FindPersons(Name: "%", PageSize: 100));

        Assert.Contains(page.Items, p => p.Id == withPercent);
        Assert.DoesNotContain(page.Items, p => p.Id == without);
        Assert.All(page.Items, p => Assert.Contains("%", p.GivenName + " " + p.FamilyName, StringComparison.Ordinal));
        Assert.Equal(withPercent, Assert.Single((await h.SendAsync(user, new FindPersons(Name: "e% " + word))).Items).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_underscore_matches_it_literally(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var word = UniqueWord();
        var underscore = await h.RegisterAsync(user, Adult("Ola_" + word, "Under"));
        var letter = await h.RegisterAsync(user, Adult("OlaX" + word, "Under"));

        var page = await h.SendAsync(user, new FindPersons(Name: "a_" + word));

        Assert.Equal(underscore, Assert.Single(page.Items).Id);
        Assert.DoesNotContain(page.Items, p => p.Id == letter);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_brackets_and_backslash_matches_them_literally(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();
        var word = UniqueWord();
        var bracket = await h.RegisterAsync(user, Adult("[ab]" + word, "Klammer"));
        var letterA = await h.RegisterAsync(user, Adult("a" + word, "Klammer"));
        var backslash = await h.RegisterAsync(user, Adult("C\\" + word, "Skråstrek"));

        Assert.Equal(bracket, Assert.Single((await h.SendAsync(user, new FindPersons(Name: "[ab]" + word))).Items).Id);
        Assert.Equal(letterA, Assert.Single((await h.SendAsync(user, new FindPersons(Name: " a" + word))).Items).Id);
        Assert.Equal(backslash, Assert.Single((await h.SendAsync(user, new FindPersons(Name: "\\" + word))).Items).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_identity_number_is_exact(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var other = TestIdentityNumbers.Unique(AdultBirthDate);
        var id = await h.RegisterAsync(user, new RegisterPerson("Eksakt", "Treff", AdultBirthDate, nin));
        await h.RegisterAsync(user, new RegisterPerson("Eksakt", "Bom", AdultBirthDate, other));

        var exact = await h.SendAsync(user, new FindPersons(NationalIdentityNumber: nin));
        var spaced = await h.SendAsync(user, new FindPersons(NationalIdentityNumber: nin[..6] + " " + nin[6..]));

        Assert.Equal(id, Assert.Single(exact.Items).Id);
        Assert.True(exact.Items[0].HasNationalIdentityNumber);
        Assert.Equal(id, Assert.Single(spaced.Items).Id);

        // A part of a number is no number: refused, never a prefix search.
        var partial = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(user, new FindPersons(NationalIdentityNumber: nin[..6])));
        Assert.Contains(partial.Errors, e => e.PropertyName == nameof(FindPersons.NationalIdentityNumber));

        // A valid number nobody has: nothing.
        Assert.Empty((await h.SendAsync(user, new FindPersons(NationalIdentityNumber: TestIdentityNumbers.Unique(AdultBirthDate)))).Items);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_by_name_and_number_together_must_match_both(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var word = UniqueWord();
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var id = await h.RegisterAsync(user, new RegisterPerson("Begge", word, AdultBirthDate, nin));

        Assert.Equal(id, Assert.Single((await h.SendAsync(user, new FindPersons(word, nin))).Items).Id);
        Assert.Empty((await h.SendAsync(user, new FindPersons("ingen" + word, nin))).Items);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_pages_are_ordered_by_family_then_given_name_and_count_all_matches(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var word = UniqueWord();
        foreach (var (given, family) in new[] { ("Cecilie", "B" + word), ("Anne", "B" + word), ("Berit", "A" + word), ("Dag", "C" + word), ("Eva", "A" + word) })
        {
            await h.RegisterAsync(user, Adult(given, family, withNumber: false));
        }

        var first = await h.SendAsync(user, new FindPersons(word, PageNumber: 1, PageSize: 2));
        var second = await h.SendAsync(user, new FindPersons(word, PageNumber: 2, PageSize: 2));
        var third = await h.SendAsync(user, new FindPersons(word, PageNumber: 3, PageSize: 2));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["Berit", "Eva", "Anne", "Cecilie", "Dag"], first.Items.Concat(second.Items).Concat(third.Items).Select(p => p.GivenName));
        Assert.All(first.Items, p => Assert.False(p.HasNationalIdentityNumber));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_reports_the_age_on_the_clock_date(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var word = UniqueWord();
        await h.RegisterAsync(user, new RegisterPerson("Nesten", word, new DateOnly(2008, 11, 26), null));
        await h.RegisterAsync(user, new RegisterPerson("Akkurat", word, new DateOnly(2008, 11, 25), null));

        var page = await h.SendAsync(user, new FindPersons(word));

        Assert.Equal(17, page.Items.Single(p => p.GivenName == "Nesten").Age);
        Assert.Equal(18, page.Items.Single(p => p.GivenName == "Akkurat").Age);
    }
}
