using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Administration;

/// <summary>An administrator manages the accounts of their own agency only; the other agency's users are "not found".</summary>
public sealed class AdministrationScopeTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_police_administrator_neither_lists_nor_changes_a_municipal_user(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalUser = await h.CreateUserAsync(Role.CaseWorker, AccessTestData.MunicipalUnit);
        var policeUser = await h.CreateUserAsync(Role.PolicePreventionOfficer, AccessTestData.PoliceUnit);

        var listed = await h.SendAsync(policeAdmin, new ListUsers(PageSize: 100));
        Assert.Contains(listed.Items, u => u.Id == policeUser);
        Assert.DoesNotContain(listed.Items, u => u.Id == municipalUser);
        Assert.All(listed.Items, u => Assert.Equal("Sør-Øst politidistrikt", u.AgencyName));

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(policeAdmin, new SetUserDisabled(municipalUser, true)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(policeAdmin, new SetUserRoles(municipalUser, [Role.Administrator])));
        var untouched = await h.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == municipalUser));
        Assert.False(untouched.IsDisabled);
        Assert.Equal(1, await h.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == municipalUser)));

        // The municipality's own administrator can.
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        Assert.Equal(municipalUser, (await h.SendAsync(municipalAdmin, new SetUserDisabled(municipalUser, true))).Id);
        Assert.True(await h.WithDbAsync(db => db.Users.Where(u => u.Id == municipalUser).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Users_are_found_by_a_part_of_the_name_and_narrowed_by_unit_and_role_within_the_own_agency(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var family = "Søkelund" + Guid.CreateVersion7().ToString("N")[^8..];
        var sandefjord = await h.CreateUserAsync(Role.PolicePreventionOfficer, AccessTestData.PoliceUnit, displayName: "Rune " + family);
        var larvik = await h.CreateUserAsync(Role.RadicalisationContact, AccessTestData.OtherPoliceUnit, displayName: "Rita " + family);
        var municipal = await h.CreateUserAsync(Role.CaseWorker, AccessTestData.MunicipalUnit, displayName: "Rune " + family);

        async Task<List<Guid>> FoundAsync(ListUsers query) => (await h.SendAsync(policeAdmin, query)).Items.Select(u => u.Id).ToList();

        // By the name, in any case ("rune" finds Rune); never the other agency's namesake.
        Assert.Equal([sandefjord], await FoundAsync(new ListUsers("rune " + family.ToLowerInvariant())));
        Assert.Equal(new[] { larvik, sandefjord }.Order(), (await FoundAsync(new ListUsers(family[..^2]))).Order());
        // By the user name still.
        var userName = await h.WithDbAsync(db => db.Users.Where(u => u.Id == larvik).Select(u => u.UserName!).SingleAsync());
        Assert.Equal([larvik], await FoundAsync(new ListUsers(userName)));
        // Narrowed by unit and by role.
        Assert.Equal([larvik], await FoundAsync(new ListUsers(family, UnitId: AccessTestData.OtherPoliceUnit)));
        Assert.Equal([sandefjord], await FoundAsync(new ListUsers(family, Role: Role.PolicePreventionOfficer)));
        Assert.Empty(await FoundAsync(new ListUsers(family, UnitId: AccessTestData.OtherPoliceUnit, Role: Role.PolicePreventionOfficer)));
        // The other agency's unit has none of this administrator's users.
        Assert.Empty(await FoundAsync(new ListUsers(family, UnitId: AccessTestData.MunicipalUnit)));
        Assert.DoesNotContain(municipal, await FoundAsync(new ListUsers(PageSize: 100, UnitId: AccessTestData.MunicipalUnit)));
        // Paging: one per page, the total counts both.
        var first = await h.SendAsync(policeAdmin, new ListUsers(family, PageNumber: 1, PageSize: 1));
        var second = await h.SendAsync(policeAdmin, new ListUsers(family, PageNumber: 2, PageSize: 1));
        Assert.Equal((2, 2), (first.TotalCount, second.TotalCount));
        Assert.NotEqual(first.Items.Single().Id, second.Items.Single().Id);
        // An unknown role is refused on its field.
        var invalid = await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await h.SendAsync(policeAdmin, new ListUsers(Role: (Role)999)));
        Assert.Contains(invalid.Errors, e => e.PropertyName == nameof(ListUsers.Role));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Personal_details_of_the_other_agencys_user_are_not_found_in_either_direction(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var municipalUser = await h.CreateUserAsync(Role.CaseWorker, AccessTestData.MunicipalUnit);
        var policeUser = await h.CreateUserAsync(Role.PolicePreventionOfficer, AccessTestData.PoliceUnit);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new SetUserPersonalDetails(policeUser, null, "Kollega", "Storgata 9")));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(policeAdmin, new SetUserPersonalDetails(municipalUser, null, "Kollega", "Storgata 9")));
        var untouched = await h.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == policeUser || u.Id == municipalUser).ToListAsync());
        Assert.All(untouched, u => Assert.Equal((null, null), (u.FamilyName, u.HomeAddress)));

        // Their own administrators can.
        Assert.Equal(policeUser, (await h.SendAsync(policeAdmin, new SetUserPersonalDetails(policeUser, null, "Hansen", null))).Id);
        Assert.Equal(municipalUser, (await h.SendAsync(municipalAdmin, new SetUserPersonalDetails(municipalUser, null, "Hansen", null))).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_role_of_the_other_agency_is_refused_on_the_field_naming_the_role_and_nothing_changes(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var mentor = await h.CreateUserAsync(Role.Mentor, DemoData.MentorService);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () =>
            await h.SendAsync(municipalAdmin, new SetUserRoles(mentor, [Role.Mentor, Role.PolicePreventionOfficer])));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("Roles[1]", error.PropertyName);
        Assert.Contains(nameof(Role.PolicePreventionOfficer), error.ErrorMessage, StringComparison.Ordinal);
        var roles = await h.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == mentor select r.Name).ToListAsync());
        Assert.Equal([nameof(Role.Mentor)], roles);

        // Roles of both agencies and of the municipality are accepted.
        await h.SendAsync(municipalAdmin, new SetUserRoles(mentor, [Role.Mentor, Role.FamilyGuide, Role.PrivacyOfficer]));
    }
}
