using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.Sharing;

/// <summary>
/// "Today" is the Oslo calendar day everywhere (issue 13): at 23:30 UTC it is already tomorrow in Oslo, so a person
/// whose 18th birthday is tomorrow by UTC is an adult in Norway, and rules about age must say so.
/// </summary>
public sealed class OsloCalendarDayTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    /// <summary>Moves the harness clock forward to the next 23:30 UTC, when Oslo is already on the next day.</summary>
    private static DateOnly ToLateEveningUtc(CaseHarness h)
    {
        var now = h.Clock.GetUtcNow();
        var lateEvening = new DateTimeOffset(now.UtcDateTime.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero);
        if (lateEvening <= now)
        {
            lateEvening = lateEvening.AddDays(1);
        }

        h.Clock.SetUtcNow(lateEvening);
        var osloToday = OsloTime.Today(h.Clock);
        Assert.NotEqual(DateOnly.FromDateTime(lateEvening.UtcDateTime), osloToday);
        return osloToday;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_guardian_cannot_consent_for_someone_who_turned_18_today_in_Oslo(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var osloToday = ToLateEveningUtc(h);
        var turnedEighteen = await h.OpenCaseAsync(await h.PoliceOfficerAsync(), born: osloToday.AddYears(-18));
        var before = await h.CountsAsync();

        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.ConsentAsync(turnedEighteen, AccessTestData.MunicipalUnit, givenBy: ConsentGiver.Guardian));

        Assert.Equal(nameof(RecordConsent.GivenBy), refused.Field);
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_is_shown_as_adult_and_18_on_the_Oslo_birthday(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var osloToday = ToLateEveningUtc(h);
        var c = await h.OpenCaseAsync(await h.PoliceOfficerAsync(), born: osloToday.AddYears(-18));

        var view = await h.SendAsync(c.Lead, new GetPerson(c.PersonId));
        var found = await h.SendAsync(c.Lead, new FindPersons(Name: c.FamilyName));

        Assert.True(view.IsAdult);
        Assert.Equal(18, view.Age);
        Assert.Equal(18, Assert.Single(found.Items).Age);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_born_today_in_Oslo_is_not_born_in_the_future(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var osloToday = ToLateEveningUtc(h);

        var c = await h.OpenCaseAsync(await h.PoliceOfficerAsync(), born: osloToday);

        Assert.Equal(osloToday, (await h.SendAsync(c.Lead, new GetPerson(c.PersonId))).DateOfBirth);
    }
}
