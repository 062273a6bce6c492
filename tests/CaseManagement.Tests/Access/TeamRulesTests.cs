using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Access;

/// <summary>The team: only the lead manages it, it always has a lead, and a closed follow-up takes no changes.</summary>
public sealed class TeamRulesTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_plain_member_cannot_manage_the_team_or_close_and_nothing_is_stored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var member = await h.PoliceOfficerAsync();
        var candidate = await h.PoliceOfficerAsync();
        await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, member, TeamRole.Member));
        var view = await h.SendAsync(member, new GetFollowUp(police.FollowUpId));
        Assert.True(view.CanWrite);
        Assert.False(view.IsLead);
        var team = await h.TeamAsync(police.FollowUpId);
        var before = await h.CountsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(member, new AddTeamMember(police.FollowUpId, candidate, TeamRole.Lead)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(member, new RemoveTeamMember(police.FollowUpId, police.Lead)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(member, new CloseFollowUp(police.FollowUpId, view.Version, CloseReason.Other)));

        Assert.Equal(before, await h.CountsAsync());
        Assert.Equal(team, await h.TeamAsync(police.FollowUpId));
        Assert.Equal(FollowUpStatus.Open, await h.StatusAsync(police.FollowUpId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_last_lead_cannot_be_removed_but_one_of_two_leads_can(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var before = await h.CountsAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(police.Lead, new RemoveTeamMember(police.FollowUpId, police.Lead)));

        Assert.Equal(nameof(RemoveTeamMember.UserId), ex.Field);
        Assert.Equal(before, await h.CountsAsync());

        var second = await h.PoliceOfficerAsync();
        await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, second, TeamRole.Lead));
        await h.SendAsync(second, new RemoveTeamMember(police.FollowUpId, police.Lead));
        Assert.Equal(new List<(Guid, TeamRole)> { (second, TeamRole.Lead) }, await h.TeamAsync(police.FollowUpId));
        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(second, new RemoveTeamMember(police.FollowUpId, second)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddTeamMember_UserOfTheOtherAgency_RefusedNamingUserId(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var caseWorker = await h.MunicipalCaseWorkerAsync();
        var before = await h.CountsAsync();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, caseWorker, TeamRole.Member)));

        Assert.Equal(nameof(AddTeamMember.UserId), ex.Field);
        Assert.Equal(before, await h.CountsAsync());
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(caseWorker, new GetFollowUp(police.FollowUpId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_closed_follow_up_refuses_changes_but_consent_can_still_be_withdrawn_and_disclosure_ended(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var member = await h.PoliceOfficerAsync();
        var candidate = await h.PoliceOfficerAsync();
        await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, member, TeamRole.Member));
        var (consent, disclosure) = await h.ConsentAndDiscloseAsync(police, AccessTestData.MunicipalUnit);
        var version = (await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId))).Version;
        await h.SendAsync(police.Lead, new CloseFollowUp(police.FollowUpId, version, CloseReason.GoalsReached, "Mål nådd."));
        var closedVersion = (await h.SendAsync(police.Lead, new GetFollowUp(police.FollowUpId))).Version;
        var now = h.Clock.GetUtcNow();
        var before = await h.CountsAsync();

        Func<Task>[] changes =
        [
            async () => await h.SendAsync(police.Lead, new AddTeamMember(police.FollowUpId, candidate, TeamRole.Member)),
            async () => await h.SendAsync(police.Lead, new RemoveTeamMember(police.FollowUpId, member)),
            async () => await h.SendAsync(police.Lead, new CloseFollowUp(police.FollowUpId, closedVersion, CloseReason.Other)),
            async () => await h.ConsentAsync(police, AccessTestData.OtherMunicipalUnit),
            async () => await h.SendAsync(police.Lead, new GrantDisclosure(
                police.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Etter lukking", now, now.AddDays(1), ConsentId: consent)),
        ];
        foreach (var change in changes)
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(change);
            Assert.Equal("FollowUpId", ex.Field);
        }

        Assert.Equal(before, await h.CountsAsync());
        Assert.Equal(2, (await h.TeamAsync(police.FollowUpId)).Count);

        // Narrowing access stays possible after closing: the person can always withdraw consent.
        await h.SendAsync(police.Lead, new EndDisclosure(police.FollowUpId, disclosure));
        await h.SendAsync(police.Lead, new WithdrawConsent(police.FollowUpId, consent));
        var after = await h.CountsAsync();
        Assert.Equal((before.EndedDisclosures + 1, before.WithdrawnConsents + 1), (after.EndedDisclosures, after.WithdrawnConsents));
    }
}
