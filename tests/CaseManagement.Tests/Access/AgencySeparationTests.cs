using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Access;

/// <summary>Police and municipal follow-ups are kept apart; a disclosure opens exactly what it names, read-only.</summary>
public sealed class AgencySeparationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_municipal_user_sees_nothing_of_a_police_follow_up(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var municipal = await h.MunicipalCaseWorkerAsync();

        var ex = await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new GetFollowUp(police.FollowUpId)));
        Assert.Equal("FollowUp", ex.RecordKind);
        Assert.False(await h.ListsAsync(municipal, police));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new GetPerson(police.PersonId)));
        Assert.False(await h.FindsByNameAsync(municipal, police));
        Assert.False(await h.FindsByNumberAsync(municipal, police));
        Assert.Equal(0, (await h.SendAsync(municipal, new ListFollowUps(PersonId: police.PersonId))).TotalCount);

        // The police lead sees all of it: the refusals above are about the user, not broken data.
        Assert.Equal(AccessBasis.TeamMember, (await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId))).AccessBasis);
        Assert.True(await h.FindsByNumberAsync(police.Lead, police));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_police_officer_of_another_station_not_on_the_team_does_not_see_the_follow_up(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var colleague = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(colleague, police));

        // The register entry is the agency's (ADR-006); the follow-up is the team's (need-to-know).
        Assert.Equal(police.PersonId, (await h.SendAsync(colleague, new GetPerson(police.PersonId))).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task After_a_consent_based_disclosure_the_unit_sees_exactly_the_disclosed_kinds_read_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var candidate = await h.PoliceOfficerAsync();
        var municipal = await h.MunicipalCaseWorkerAsync();
        var otherMunicipalUnit = await h.MunicipalCaseWorkerAsync(AccessTestData.OtherMunicipalUnit);
        var (consentId, disclosureId) = await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit, RecordKinds.FollowUp);

        var view = await h.SendAsync(municipal, new GetFollowUp(police.FollowUpId));

        Assert.Equal(AccessBasis.Disclosure, view.AccessBasis);
        Assert.Equal(RecordKinds.FollowUp, view.VisibleKinds);
        Assert.False(view.CanWrite);
        Assert.False(view.IsLead);
        Assert.Equal(police.PersonId, view.PersonId);
        // The owning team's consents and disclosures are not the reader's business.
        Assert.Empty(view.Consents);
        Assert.Empty(view.Disclosures);
        Assert.True(await h.ListsAsync(municipal, police));
        Assert.Equal(police.PersonId, (await h.SendAsync(municipal, new GetPerson(police.PersonId))).Id);
        Assert.True(await h.FindsByNameAsync(municipal, police));
        Assert.True(await h.FindsByNumberAsync(municipal, police));

        // Read-only: every change is refused and nothing is stored.
        var before = await h.CountsAsync();
        var now = h.Clock.GetUtcNow();
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new AddTeamMember(police.FollowUpId, candidate, TeamRole.Member)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new RemoveTeamMember(police.FollowUpId, police.Lead)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new CloseFollowUp(police.FollowUpId, view.Version, CloseReason.Other)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new RecordConsent(
            police.FollowUpId, ConsentGiver.Person, AccessTestData.MunicipalUnit, RecordKinds.All, "Mer", ConsentMethod.Oral, now)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new WithdrawConsent(police.FollowUpId, consentId)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new EndDisclosure(police.FollowUpId, disclosureId)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(municipal, new GrantDisclosure(
            police.FollowUpId, AccessTestData.OtherMunicipalUnit, RecordKinds.FollowUp, "Videre", now, now.AddDays(1), ConsentId: consentId)));
        var person = await h.SendAsync(police.Lead, new GetPerson(police.PersonId));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new CorrectPersonDetails(
            person.Id, person.Version, "Endret", person.FamilyName, person.DateOfBirth, person.NationalIdentityNumber)));
        Assert.Equal(before, await h.CountsAsync());
        Assert.Equal("Tilgang", (await h.SendAsync(police.Lead, new GetPerson(police.PersonId))).GivenName);

        // The disclosure is to one unit: the municipality's other units still see nothing.
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherMunicipalUnit, new GetFollowUp(police.FollowUpId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherMunicipalUnit, new GetPerson(police.PersonId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_disclosure_of_another_kind_only_does_not_open_the_follow_up_or_the_person(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var municipal = await h.MunicipalCaseWorkerAsync();
        await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit, RecordKinds.IndividualPlan);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(municipal, police));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipal, new GetPerson(police.PersonId)));
        Assert.False(await h.FindsByNameAsync(municipal, police));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_legal_basis_disclosure_opens_a_municipal_follow_up_to_one_police_unit_read_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipal = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync());
        var police = await h.PoliceOfficerAsync();
        var otherStation = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(police, new GetFollowUp(municipal.FollowUpId)));

        await h.DiscloseOnLegalBasisAsync(municipal, AccessTestData.PoliceUnit, "fvl-13b-7");

        var view = await h.SendAsync(police, new GetFollowUp(municipal.FollowUpId));
        Assert.Equal(AccessBasis.Disclosure, view.AccessBasis);
        Assert.False(view.CanWrite);
        Assert.Empty(view.Disclosures);
        Assert.True(await h.FindsByNameAsync(police, municipal));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(police, new CloseFollowUp(municipal.FollowUpId, view.Version, CloseReason.Other)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherStation, new GetFollowUp(municipal.FollowUpId)));
    }
}
