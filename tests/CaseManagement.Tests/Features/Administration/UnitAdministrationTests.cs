using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Administration;

/// <summary>Units of the administrator's own agency (ADR-027): create, rename, move the users, deactivate.</summary>
public sealed class UnitAdministrationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_is_created_in_the_administrators_agency_and_renamed_with_the_old_name_in_the_change_audit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var name = "Tønsberg politistasjon " + Unique();

        var created = await h.SendAsync(admin, new CreateUnit("  " + name + " ", UnitKind.PoliceStation));
        var unit = await h.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == created.Id, Ct));
        Assert.Equal((DemoData.PoliceDistrict, name, UnitKind.PoliceStation, true), (unit.AgencyId, unit.Name, unit.Kind, unit.IsActive));

        var renamed = name + " og Horten";
        await h.SendAsync(admin, new RenameUnit(created.Id, renamed, UnitKind.Administration));

        var changes = await h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.UserId == admin && e.MessageName == nameof(RenameUnit)).ToListAsync(Ct))
            .SelectMany(e => e.Changes).Where(c => c.EntityId == created.Id.ToString()).ToList());
        Assert.Contains(changes, c => c is { EntityType: "Unit", Field: "Name" } && c.OldValue == name && c.NewValue == renamed);
        Assert.Contains(changes, c => c is { EntityType: "Unit", Field: "Kind" } && c.NewValue!.Contains(nameof(UnitKind.Administration), StringComparison.Ordinal));
        Assert.Contains(await h.SendAsync(admin, new ListAdministeredUnits()), u => u.Id == created.Id && u.Name == renamed);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Names_are_refused_on_the_field_when_empty_too_long_or_taken_in_any_case(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();

        Assert.Equal("Name", Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new CreateUnit("  ", UnitKind.School)))).Errors).PropertyName);
        Assert.Equal("Name", Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new CreateUnit(new string('x', 201), UnitKind.School)))).Errors).PropertyName);
        Assert.Equal("Kind", Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new CreateUnit("Ny enhet", (UnitKind)999)))).Errors).PropertyName);
        Assert.Equal("Kind", Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new CreateUnit("Ny enhet", null)))).Errors).PropertyName);
        var taken = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new CreateUnit("SANDEFJORD POLITISTASJON", UnitKind.PoliceStation)));
        Assert.Equal("Name", taken.Field);

        // The same name in the other agency is another controller's unit: allowed there.
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var name = "Felles navn " + Unique();
        await h.SendAsync(admin, new CreateUnit(name, UnitKind.Other));
        await h.SendAsync(municipalAdmin, new CreateUnit(name, UnitKind.Other));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_other_agencys_unit_is_not_found_for_rename_move_and_deactivate_and_nothing_changes(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var municipal = (await h.SendAsync(municipalAdmin, new CreateUnit("Kommunal " + Unique(), UnitKind.School))).Id;
        var police = (await h.SendAsync(admin, new CreateUnit("Politi " + Unique(), UnitKind.PoliceStation))).Id;

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(admin, new RenameUnit(municipal, "Overtatt", UnitKind.School)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(admin, new DeactivateUnit(municipal)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(admin, new MoveUnitUsers(municipal, police)));
        // As the target (a field of the form) the other agency's unit is unknown on the field.
        Assert.Equal("ToUnitId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new MoveUnitUsers(police, municipal)))).Field);
        Assert.DoesNotContain(await h.SendAsync(admin, new ListAdministeredUnits()), u => u.Id == municipal);

        var untouched = await h.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == municipal, Ct));
        Assert.True(untouched.IsActive);
        Assert.StartsWith("Kommunal ", untouched.Name, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_with_active_users_is_refused_until_they_are_moved_then_it_receives_no_new_users_and_leaves_the_pickers(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var from = (await h.SendAsync(admin, new CreateUnit("Gammel " + Unique(), UnitKind.PoliceStation))).Id;
        var to = (await h.SendAsync(admin, new CreateUnit("Ny " + Unique(), UnitKind.PoliceStation))).Id;
        var officer = await h.CreateUserAsync(Role.PolicePreventionOfficer, from);
        var disabled = await h.CreateUserAsync(Role.PolicePreventionOfficer, from, disabled: true);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new DeactivateUnit(from)));
        Assert.Equal("UnitId", refused.Field);
        Assert.Contains("1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(await h.SendAsync(admin, new ListAdministeredUnits()), u => u.Id == from).ActiveUsers);

        Assert.Equal("ToUnitId", Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new MoveUnitUsers(from, from)))).Errors).PropertyName);
        var moved = await h.SendAsync(admin, new MoveUnitUsers(from, to));
        Assert.Equal(2, moved.Users);
        Assert.Equal(2, await h.WithDbAsync(db => db.Users.CountAsync(u => (u.Id == officer || u.Id == disabled) && u.UnitId == to, Ct)));
        var audit = await h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.UserId == admin && e.MessageName == nameof(MoveUnitUsers)).ToListAsync(Ct))
            .SelectMany(e => e.Changes).ToList());
        Assert.Contains(audit, c => c is { EntityType: "AppUser", Field: "UnitId" } && c.EntityId == officer.ToString() && c.NewValue == to.ToString());

        await h.SendAsync(admin, new DeactivateUnit(from));
        Assert.NotNull(await h.WithDbAsync(db => db.Units.Where(u => u.Id == from).Select(u => u.DeactivatedAt).SingleAsync(Ct)));
        Assert.Equal("UnitId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new DeactivateUnit(from)))).Field);

        // Deactivated: no new users, no users moved in, not in the pickers; still in the administrator's list.
        var created = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(admin, new CreateUser("ny-" + Unique(), "Ny Bruker", from, [Role.PolicePreventionOfficer], Unique() + "@politiet.test")));
        Assert.Equal(("UnitId", Application.Resources.Messages.Unit_Deactivated), (created.Field, created.Message));
        Assert.Equal("ToUnitId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new MoveUnitUsers(to, from)))).Field);
        var officerAsUser = await h.PoliceOfficerAsync();
        Assert.DoesNotContain(await h.SendAsync(officerAsUser, new ListUnits()), u => u.Id == from);
        Assert.False(Assert.Single(await h.SendAsync(admin, new ListAdministeredUnits()), u => u.Id == from).IsActive);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_with_an_active_disclosure_to_it_is_refused_and_a_deactivated_unit_receives_no_disclosure_or_consent(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var receiving = (await h.SendAsync(municipalAdmin, new CreateUnit("Mottaker " + Unique(), UnitKind.School))).Id;
        var closed = (await h.SendAsync(municipalAdmin, new CreateUnit("Nedlagt " + Unique(), UnitKind.School))).Id;
        await h.SendAsync(municipalAdmin, new DeactivateUnit(closed));

        var lead = await h.PoliceOfficerAsync();
        var open = await h.OpenCaseAsync(lead);
        var now = h.Clock.GetUtcNow();
        await h.SendAsync(lead, new GrantDisclosure(open.FollowUpId, receiving, RecordKinds.FollowUp, "Samarbeid", now, now.AddDays(30), null, "fvl-13b-7"));

        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(municipalAdmin, new DeactivateUnit(receiving)));
        Assert.Equal("UnitId", refused.Field);
        Assert.Equal(1, Assert.Single(await h.SendAsync(municipalAdmin, new ListAdministeredUnits()), u => u.Id == receiving).ActiveDisclosures);

        var disclosure = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(lead, new GrantDisclosure(open.FollowUpId, closed, RecordKinds.FollowUp, "Samarbeid", now, now.AddDays(30), null, "fvl-13b-7")));
        Assert.Equal(("ToUnitId", Application.Resources.Messages.Unit_Deactivated), (disclosure.Field, disclosure.Message));
        var consent = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.ConsentAsync(open, closed));
        Assert.Equal("ToUnitId", consent.Field);
    }

    private static string Unique() => Guid.CreateVersion7().ToString("N")[^10..];
}
