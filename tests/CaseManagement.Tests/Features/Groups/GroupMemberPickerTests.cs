using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Groups;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Features.Plans;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Groups;

/// <summary>
/// A member from a service is picked by name among the users who may be added (issue 15, colleague picker): active,
/// activated people of either agency, never a client's service account or someone who is already a member; only the
/// convenor's side may search, and the picked user becomes the member.
/// </summary>
public sealed class GroupMemberPickerTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_picker_finds_people_who_may_join_by_name_and_the_picked_one_becomes_the_member(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var group = await h.SendAsync(p.Lead, new StartGroup(p.Case.FollowUpId, p.Lead, true, ConsentGiver.Person, h.Today));
        var family = "Velger" + Guid.CreateVersion7().ToString("N")[^8..];
        var welfare = await h.CreateUserAsync(Role.CaseWorker, DemoData.ChildWelfare, displayName: "Berit " + family);
        var police = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation, displayName: "Bjørn " + family);
        var disabled = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav, disabled: true, displayName: "Borte " + family);
        var invited = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav, displayName: "Bente " + family);
        await h.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == invited, Ct)).AwaitingActivation = true;
            return await db.SaveChangesAsync(Ct);
        });
        var admin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var client = await h.SendAsync(admin, new RegisterConfidentialClient("velger-" + family.ToLowerInvariant()[^8..], "Fagsystem " + family, DemoData.Nav, [Capability.ReadPersons]));
        await h.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == client.ServiceAccountUserId, Ct)).DisplayName = "Fagsystem " + family;
            return await db.SaveChangesAsync(Ct);
        });

        var found = await h.SendAsync(p.Lead, new FindGroupMemberCandidates(group.Id, family.ToLowerInvariant()));

        Assert.Equal(new[] { welfare, police }.Order(), found.Select(c => c.UserId).Order());
        Assert.Equal("Barneverntjenesten", found.Single(c => c.UserId == welfare).UnitName);

        await h.SendAsync(p.Lead, new AddGroupMember(group.Id, ParticipantKind.Service, "Berit " + family, "Kontaktperson", true, "Referater", UserId: welfare));
        Assert.Equal([police], (await h.SendAsync(p.Lead, new FindGroupMemberCandidates(group.Id, family))).Select(c => c.UserId));
        Assert.Equal(welfare, await h.WithDbAsync(db => db.GroupMembers.Where(m => m.GroupId == group.Id && m.UserId == welfare).Select(m => m.UserId).SingleAsync(Ct)));

        // What the picker leaves out, the command refuses on the field too.
        foreach (var notOffered in new[] { disabled, invited, client.ServiceAccountUserId })
        {
            var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
                await h.SendAsync(p.Lead, new AddGroupMember(group.Id, ParticipantKind.Service, "X", "Y", true, "Referater", UserId: notOffered)));
            Assert.Equal(("UserId", Messages.Plan_ParticipantUserNotFound), (refused.Field, refused.Message));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_who_may_add_members_may_search_a_user_of_another_unit_gets_not_found(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var p = await h.PlanCaseAsync();
        var group = await h.SendAsync(p.Lead, new StartGroup(p.Case.FollowUpId, p.Lead, true, ConsentGiver.Person, h.Today));
        var otherUnit = await h.CreateUserAsync(Role.CaseWorker, AccessTestData.OtherMunicipalUnit);
        var police = await h.PoliceOfficerAsync();
        var admin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(otherUnit, new FindGroupMemberCandidates(group.Id)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(police, new FindGroupMemberCandidates(group.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(admin, new FindGroupMemberCandidates(group.Id)));
        Assert.NotEmpty(await h.SendAsync(p.Lead, new FindGroupMemberCandidates(group.Id)));
    }
}
