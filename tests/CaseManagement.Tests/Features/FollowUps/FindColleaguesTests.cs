using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.FollowUps;

/// <summary>The team picker offers the lead's own agency's active colleagues who are not on the team, by name.</summary>
public sealed class FindColleaguesTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_picker_finds_active_colleagues_of_the_owning_agency_not_yet_on_the_team(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.PoliceOfficerAsync();
        var police = await h.OpenCaseAsync(lead);
        var word = Features.Persons.PersonTestData.UniqueWord();
        var colleague = await h.CreateUserAsync(Role.RadicalisationContact, AccessTestData.OtherPoliceUnit, displayName: "Kollega " + word);
        var member = await h.CreateUserAsync(Role.PolicePreventionOfficer, AccessTestData.PoliceUnit, displayName: "Medlem " + word);
        var disabled = await h.CreateUserAsync(Role.PolicePreventionOfficer, AccessTestData.PoliceUnit, displayName: "Deaktivert " + word, disabled: true);
        var municipal = await h.CreateUserAsync(Role.CaseWorker, AccessTestData.MunicipalUnit, displayName: "Kommune " + word);
        await h.SendAsync(lead, new AddTeamMember(police.FollowUpId, member, TeamRole.Member));

        // Case does not matter on either provider.
        var found = await h.SendAsync(lead, new FindColleagues(police.FollowUpId, word.ToLowerInvariant()));

        var only = Assert.Single(found);
        Assert.Equal(colleague, only.UserId);
        Assert.Equal("Kollega " + word, only.DisplayName);
        Assert.Equal("Larvik politistasjon", only.UnitName);
        Assert.DoesNotContain(found, c => c.UserId == member || c.UserId == disabled || c.UserId == municipal);
    }
}
