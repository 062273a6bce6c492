using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Access;

/// <summary>Consent and disclosure rules: each refusal names its field and stores nothing.</summary>
public sealed class SharingRulesTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordConsent_GuardianForAnAdult_RefusedNamingGivenBy(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var adult = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var before = await h.CountsAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.ConsentAsync(adult, AccessTestData.MunicipalUnit, givenBy: ConsentGiver.Guardian));

        Assert.Equal(nameof(RecordConsent.GivenBy), ex.Field);
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordConsent_GuardianForAMinor_Recorded(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var minor = await h.OpenCaseAsync(await h.PoliceOfficerAsync(), born: PersonTestData.MinorBirthDate);
        var before = await h.CountsAsync();

        await h.ConsentAsync(minor, AccessTestData.MunicipalUnit, givenBy: ConsentGiver.Guardian);

        Assert.Equal(before.Consents + 1, (await h.CountsAsync()).Consents);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantDisclosure_ToAUnitOfTheSameAgency_RefusedNamingToUnitId(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var sameAgencyConsent = await h.ConsentAsync(police, AccessTestData.OtherPoliceUnit);
        var before = await h.CountsAsync();

        var onLegalBasis = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseOnLegalBasisAsync(police, AccessTestData.OtherPoliceUnit, "prl-23"));
        var onConsent = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseAsync(police, AccessTestData.OtherPoliceUnit, sameAgencyConsent));

        Assert.Equal(nameof(GrantDisclosure.ToUnitId), onLegalBasis.Field);
        Assert.Equal(nameof(GrantDisclosure.ToUnitId), onConsent.Field);
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantDisclosure_OnAConsentThatDoesNotCoverTheKindsOrTheUnit_RefusedNamingConsentId(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var followUpOnlyToNav = await h.ConsentAsync(police, AccessTestData.MunicipalUnit, RecordKinds.FollowUp);
        var withdrawn = await h.ConsentAsync(police, AccessTestData.MunicipalUnit, RecordKinds.All);
        await h.SendAsync(police.Lead, new WithdrawConsent(police.FollowUpId, withdrawn));
        var other = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var otherFollowUpsConsent = await h.ConsentAsync(other, AccessTestData.MunicipalUnit, RecordKinds.All);
        var before = await h.CountsAsync();

        var kinds = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseAsync(police, AccessTestData.MunicipalUnit, followUpOnlyToNav, RecordKinds.FollowUp | RecordKinds.Conversations));
        var unit = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseAsync(police, AccessTestData.OtherMunicipalUnit, followUpOnlyToNav, RecordKinds.FollowUp));
        var notActive = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseAsync(police, AccessTestData.MunicipalUnit, withdrawn, RecordKinds.FollowUp));
        var otherFollowUp = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseAsync(police, AccessTestData.MunicipalUnit, otherFollowUpsConsent, RecordKinds.FollowUp));

        Assert.All(new[] { kinds, unit, notActive, otherFollowUp }, ex => Assert.Equal(nameof(GrantDisclosure.ConsentId), ex.Field));
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantDisclosure_WithBothOrNeitherBasis_RefusedAndUnknownLegalBasisRefused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var consent = await h.ConsentAsync(police, AccessTestData.MunicipalUnit);
        var now = h.Clock.GetUtcNow();
        var before = await h.CountsAsync();

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await h.SendAsync(police.Lead, new GrantDisclosure(
            police.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Begge", now, now.AddDays(1), consent, "prl-23")));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(async () => await h.SendAsync(police.Lead, new GrantDisclosure(
            police.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Ingen", now, now.AddDays(1))));
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.DiscloseOnLegalBasisAsync(police, AccessTestData.MunicipalUnit, "finnes-ikke"));

        Assert.Equal(nameof(GrantDisclosure.LegalBasisCode), unknown.Field);
        Assert.Equal(before, await h.CountsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantAndEndDisclosure_ByAPlainMember_ForbiddenAndNothingStored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var member = await h.PoliceOfficerAsync();
        await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, member, TeamRole.Member));
        var (consent, disclosure) = await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit);
        var now = h.Clock.GetUtcNow();
        var before = await h.CountsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(member, new GrantDisclosure(
            police.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Medlem", now, now.AddDays(1), ConsentId: consent)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(member, new EndDisclosure(police.FollowUpId, disclosure)));

        Assert.Equal(before, await h.CountsAsync());
        // A plain member may record and withdraw consents (team work), just not disclose.
        await h.SendAsync(member, new WithdrawConsent(police.FollowUpId, consent));
        Assert.Equal(before.WithdrawnConsents + 1, (await h.CountsAsync()).WithdrawnConsents);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_disclosure_of_the_follow_up_shows_the_persons_basic_details_and_nothing_more(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit);
        var caseWorker = await h.MunicipalCaseWorkerAsync();

        var disclosed = await h.SendAsync(caseWorker, new CaseManagement.Application.Features.Persons.GetPerson(police.PersonId));
        var owner = await h.SendAsync(police.Lead, new CaseManagement.Application.Features.Persons.GetPerson(police.PersonId));

        Assert.True(disclosed.BasicDetailsOnly);
        Assert.Equal(owner.FamilyName, disclosed.FamilyName);
        Assert.Equal(owner.DateOfBirth, disclosed.DateOfBirth);
        Assert.Null(disclosed.NationalIdentityNumber);
        Assert.Null(disclosed.Phone);
        Assert.Null(disclosed.Address);
        Assert.Empty(disclosed.Guardians);
        Assert.False(owner.BasicDetailsOnly);
        Assert.Equal(police.NationalIdentityNumber, owner.NationalIdentityNumber);
    }
}
