using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using static CaseManagement.Tests.Features.Privacy.PrivacyTestData;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>R24: the report holds only the person's entries, leaves out police entries and refused attempts.</summary>
public sealed class AccessReportForPersonTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Report_holds_only_the_persons_granted_municipal_entries_in_time_order(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var caseWorker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var police = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation);
        var person = await h.MunicipalPersonAsync();
        var other = await h.MunicipalPersonAsync();
        var t = CaseHarness.Start;

        await h.AddEntriesAsync(
            Entry(caseWorker, DemoData.Nav, DemoData.Municipality, person, t.AddMinutes(10), section: "FollowUp", roles: "CaseWorker,PlanCoordinator"),
            Entry(caseWorker, DemoData.Nav, DemoData.Municipality, person, t.AddMinutes(5), purpose: AccessPurpose.Disclosure),
            Entry(police, DemoData.SandefjordStation, DemoData.PoliceDistrict, person, t.AddMinutes(7), roles: "PolicePreventionOfficer"),
            Entry(caseWorker, DemoData.Nav, DemoData.Municipality, person, t.AddMinutes(8), AccessOutcome.Refused),
            Entry(caseWorker, DemoData.Nav, DemoData.Municipality, other, t.AddMinutes(9)));

        var report = await h.SendAsync(officer, new AccessReportForPerson(person));

        Assert.Equal(2, report.TotalCount);
        Assert.Collection(report.Items,
            r =>
            {
                Assert.Equal(t.AddMinutes(5), r.OccurredAt);
                Assert.Equal(AccessPurpose.Disclosure, r.Purpose);
                Assert.Equal("Person", r.Section);
            },
            r =>
            {
                Assert.Equal(t.AddMinutes(10), r.OccurredAt);
                Assert.Equal(["CaseWorker", "PlanCoordinator"], r.Roles);
                Assert.Equal("FollowUp", r.Section);
                Assert.Equal(AccessPurpose.NormalWork, r.Purpose);
            });
        Assert.All(report.Items, r => Assert.DoesNotContain("politi", r.UnitName, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reading_the_report_is_itself_logged_for_the_person(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var person = await h.MunicipalPersonAsync();

        Assert.Equal(0, (await h.SendAsync(officer, new AccessReportForPerson(person))).TotalCount);

        var second = await h.SendAsync(officer, new AccessReportForPerson(person));
        Assert.Equal(AccessReportForPersonHandler.Section, Assert.Single(second.Items).Section);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Empty_person_id_and_bad_paging_are_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();

        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new AccessReportForPerson(Guid.Empty)));
        await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new AccessReportForPerson(Guid.CreateVersion7(), PageSize: 1000)));
    }
}
