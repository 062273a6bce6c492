using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// R5: revocation takes effect on the very next operation of a user who is already "in" (same harness, same user
/// id, no new sign-in): every message reads the user, the team, the consents and the disclosures afresh.
/// </summary>
public sealed class RevocationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdrawing_the_consent_cuts_the_disclosed_unit_off_on_its_next_operation(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var reader = await h.MunicipalCaseWorkerAsync();
        var (consentId, disclosureId) = await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit);
        Assert.Equal(AccessBasis.Disclosure, (await h.SendAsync(reader, new GetFollowUp(police.FollowUpId))).AccessBasis);

        var withdrawn = await h.SendAsync(police.Lead, new WithdrawConsent(police.FollowUpId, consentId));

        Assert.Equal(1, withdrawn.DisclosuresEnded);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(reader, police));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetPerson(police.PersonId)));
        Assert.False(await h.FindsByNameAsync(reader, police));
        // What was shared is not erased: the consent and the disclosure are kept, marked withdrawn and ended.
        var (withdrawnAt, endedAt) = await h.WithDbAsync(async db => (
            await db.Consents.Where(c => c.Id == consentId).Select(c => c.WithdrawnAt).SingleAsync(TestContext.Current.CancellationToken),
            await db.Disclosures.Where(d => d.Id == disclosureId).Select(d => d.EndedAt).SingleAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(h.Clock.GetUtcNow(), withdrawnAt);
        Assert.Equal(h.Clock.GetUtcNow(), endedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ending_the_disclosure_cuts_the_unit_off_on_its_next_operation(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipal = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync());
        var reader = await h.PoliceOfficerAsync();
        var (_, disclosureId) = await h.ConsentAndDiscloseAsync(municipal, AccessTestData.PoliceUnit);
        Assert.True(await h.ListsAsync(reader, municipal));

        await h.SendAsync(municipal.Lead, new EndDisclosure(municipal.FollowUpId, disclosureId));

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetFollowUp(municipal.FollowUpId)));
        Assert.False(await h.ListsAsync(reader, municipal));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetPerson(municipal.PersonId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_disclosure_period_running_out_cuts_the_unit_off_on_its_next_operation(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var reader = await h.MunicipalCaseWorkerAsync();
        var consent = await h.ConsentAsync(police, AccessTestData.MunicipalUnit);
        await h.DiscloseAsync(police, AccessTestData.MunicipalUnit, consent, period: TimeSpan.FromHours(2));

        h.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(AccessBasis.Disclosure, (await h.SendAsync(reader, new GetFollowUp(police.FollowUpId))).AccessBasis);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(reader, police));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetPerson(police.PersonId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_consent_period_running_out_cuts_the_unit_off_even_while_the_disclosure_runs(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var reader = await h.MunicipalCaseWorkerAsync();
        var consent = await h.ConsentAsync(police, AccessTestData.MunicipalUnit, validTo: h.Clock.GetUtcNow().AddHours(3));
        await h.DiscloseAsync(police, AccessTestData.MunicipalUnit, consent, period: TimeSpan.FromDays(30));
        Assert.True(await h.ListsAsync(reader, police));

        h.Clock.Advance(TimeSpan.FromHours(3));

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(reader, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(reader, police));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Removing_a_team_member_cuts_their_access_on_their_next_operation(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var member = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, member, TeamRole.Member));
        Assert.True((await h.SendAsync(member, new GetFollowUp(police.FollowUpId))).CanWrite);

        await h.SendAsync(police.Lead, new RemoveTeamMember(police.FollowUpId, member));

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(member, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(member, police));
        var before = await h.CountsAsync();
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(member, new RecordConsent(
            police.FollowUpId, ConsentGiver.Person, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Etter fjerning", ConsentMethod.Oral, h.Clock.GetUtcNow())));
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Disabling_a_user_refuses_their_next_message_and_enabling_them_restores_it(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var admin = await h.AdministratorAsync();
        Assert.Equal(police.FollowUpId, (await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId))).Id);

        await h.SendAsync(admin, new SetUserDisabled(police.Lead, Disabled: true));

        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId)));
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(police.Lead, new ListFollowUps()));
        var before = await h.CountsAsync();
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(police.Lead, new CloseFollowUp(police.FollowUpId, "AAAAAAAAAAE=", CloseReason.Other)));
        Assert.Equal(before, await h.CountsAsync());
        Assert.Equal(FollowUpStatus.Open, await h.StatusAsync(police.FollowUpId));

        await h.SendAsync(admin, new SetUserDisabled(police.Lead, Disabled: false));
        Assert.Equal(police.FollowUpId, (await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId))).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Changing_a_users_roles_takes_effect_on_their_next_message(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        // A municipal case: the roles given below all belong to the municipality (a role must be valid for the agency).
        var police = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync());
        var admin = await h.CreateUserAsync(Role.Administrator, CaseManagement.Infrastructure.DemoData.MunicipalAdministration);

        // Still the lead on the team, but a mentor holds no capability to read follow-ups.
        await h.SendAsync(admin, new SetUserRoles(police.Lead, [Role.Mentor]));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(police.Lead, new FindPersons()));

        // A plan coordinator reads, but may not close.
        await h.SendAsync(admin, new SetUserRoles(police.Lead, [Role.PlanCoordinator]));
        var view = await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId));
        Assert.True(view.IsLead);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(police.Lead, new CloseFollowUp(police.FollowUpId, view.Version, CloseReason.Other)));

        await h.SendAsync(admin, new SetUserRoles(police.Lead, [Role.CaseWorker]));
        await h.SendAsync(police.Lead, new CloseFollowUp(police.FollowUpId, view.Version, CloseReason.GoalsReached));
        Assert.Equal(FollowUpStatus.Closed, await h.StatusAsync(police.FollowUpId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_cannot_give_themselves_roles(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var before = await h.CountsAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(admin, new SetUserRoles(admin, [Role.Administrator, Role.PolicePreventionOfficer])));

        Assert.Equal("UserId", ex.Field);
        Assert.Equal(before, await h.CountsAsync());
        // Still no case content for the administrator.
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(admin, new FindPersons()));
    }
}
