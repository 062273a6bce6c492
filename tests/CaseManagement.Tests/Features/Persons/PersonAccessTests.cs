using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Persons;

/// <summary>Deny by default: who may reach the person register, and what a refusal looks like.</summary>
public sealed class PersonAccessTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    public static TheoryData<DatabaseProvider, string> RolesWithoutReadCases =>
        Providers.Cross([nameof(Role.Mentor), nameof(Role.Administrator), nameof(Role.PrivacyOfficer)]);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Other_agency_gets_not_found_for_get_and_correct_and_does_not_find_the_person(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.PoliceOfficerAsync();
        var municipality = await h.CaseWorkerAsync();
        var word = UniqueWord();
        var registered = Adult("Politiets", word);
        var id = await h.RegisterAsync(police, registered);
        var view = await h.SendAsync(police, new GetPerson(id));

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipality, new GetPerson(id)));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(municipality, view.AsCorrection() with { GivenName = "Overskrevet" }));
        Assert.Empty((await h.SendAsync(municipality, new FindPersons(Name: word))).Items);
        Assert.Empty((await h.SendAsync(municipality, new FindPersons(NationalIdentityNumber: registered.NationalIdentityNumber))).Items);
        Assert.DoesNotContain((await h.SendAsync(municipality, new FindPersons(PageSize: 100))).Items, p => p.Id == id);

        // And the other way round: the municipality's people are hidden from the police.
        var municipal = await h.RegisterAsync(municipality, Adult("Kommunens", word));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(police, new GetPerson(municipal)));
        Assert.Equal(id, Assert.Single((await h.SendAsync(police, new FindPersons(Name: word))).Items).Id);

        Assert.Equal("Politiets", (await h.SendAsync(police, new GetPerson(id))).GivenName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_person_that_does_not_exist_is_not_found(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.PoliceOfficerAsync();

        var ex = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(user, new GetPerson(Guid.CreateVersion7())));

        Assert.Equal("Person", ex.RecordKind);
    }

    [Theory, MemberData(nameof(RolesWithoutReadCases))]
    public async Task A_role_without_the_capability_is_forbidden_every_person_message(DatabaseProvider provider, string roleName)
    {
        var h = await fixture.HarnessAsync(provider);
        var owner = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(owner, Adult("Skjult", UniqueWord()));
        var view = await h.SendAsync(owner, new GetPerson(id));
        var user = await h.CreateUserAsync(Enum.Parse<Role>(roleName), MunicipalUnit);
        var before = await h.CountPersonsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(user, new GetPerson(id)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(user, new FindPersons()));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(user, Adult("Ny", "Person")));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(user, view.AsCorrection() with { GivenName = "Endret" }));

        Assert.Equal(before, await h.CountPersonsAsync());
        Assert.Equal("Skjult", (await h.SendAsync(owner, new GetPerson(id))).GivenName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Read_only_and_correct_only_roles_get_exactly_their_capabilities(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var owner = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(owner, Adult("Delvis", UniqueWord()));
        var familyGuide = await h.CreateUserAsync(Role.FamilyGuide, DemoData.FamilyGuidance);
        var planCoordinator = await h.CreateUserAsync(Role.PlanCoordinator, MunicipalUnit);

        // Family guide: reads, never registers or corrects.
        var view = await h.SendAsync(familyGuide, new GetPerson(id));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(familyGuide, Adult("Ny", "Person")));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(familyGuide, view.AsCorrection() with { GivenName = "Endret" }));

        // Plan coordinator: reads and corrects, never registers.
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(planCoordinator, Adult("Ny", "Person")));
        await h.SendAsync(planCoordinator, view.AsCorrection() with { GivenName = "Rettet" });
        Assert.Equal("Rettet", (await h.SendAsync(familyGuide, new GetPerson(id))).GivenName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_user_with_no_role_at_all_is_forbidden(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CreateUserAsync([], MunicipalUnit);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(user, new FindPersons()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anonymous_and_unknown_users_are_unauthenticated_for_every_person_message(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var owner = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(owner, Adult("Anonym", UniqueWord()));
        var view = await h.SendAsync(owner, new GetPerson(id));
        var before = await h.CountPersonsAsync();

        foreach (var who in new Guid?[] { null, Guid.CreateVersion7() })
        {
            await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(who, new GetPerson(id)));
            await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(who, new FindPersons()));
            await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(who, Adult("Ny", "Person")));
            await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(who, view.AsCorrection() with { GivenName = "Endret" }));
        }

        Assert.Equal(before, await h.CountPersonsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Anonymous_with_invalid_input_is_unauthenticated_before_validation(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);

        // Authorisation runs before validation: an anonymous caller learns nothing about the rules.
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(null, new RegisterPerson("", "", null, "garbage")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_disabled_user_is_refused_and_stores_nothing(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var owner = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(owner, Adult("Deaktivert", UniqueWord()));
        var disabled = await h.CreateUserAsync(Role.CaseWorker, MunicipalUnit, disabled: true);
        var before = await h.CountPersonsAsync();

        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(disabled, new GetPerson(id)));
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(disabled, new FindPersons()));
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(disabled, Adult("Ny", "Person")));

        Assert.Equal(before, await h.CountPersonsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Disabling_a_user_or_removing_a_role_takes_effect_on_the_next_message(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var user = await h.CaseWorkerAsync();
        var colleague = await h.CaseWorkerAsync();
        var id = await h.RegisterAsync(user, Adult("Før", UniqueWord()));

        await h.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            (await db.Users.SingleAsync(u => u.Id == user, ct)).IsDisabled = true;
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == colleague).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
        });

        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(user, new GetPerson(id)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new GetPerson(id)));
    }
}
