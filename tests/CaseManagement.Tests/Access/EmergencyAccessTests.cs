using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>R6: emergency access ("break the glass") needs a written reason and a fresh one-time code, is read-only, lasts 60 minutes and stays inside the agency.</summary>
public sealed class EmergencyAccessTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    public static TheoryData<DatabaseProvider, string> ShortReasons => Providers.Cross(["", "   ", "Haster!", "Nitten tegn her ...", "   Kort, med mellomrom    "]);

    [Theory, MemberData(nameof(ShortReasons))]
    public async Task RequestEmergencyAccess_EmptyOrShortReason_RefusedNamingReasonAndNothingStored(DatabaseProvider provider, string reason)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var colleague = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var key = await Authenticator.EnrolAsync(h, colleague);
        var before = await h.CountsAsync();

        var ex = await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(colleague, new RequestEmergencyAccess(police.FollowUpId, reason, Authenticator.CurrentCode(h, key))));

        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(RequestEmergencyAccess.Reason));
        Assert.Equal(before, await h.CountsAsync());
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RequestEmergencyAccess_WrongOrMissingCode_RefusedNamingOneTimeCodeAndNothingStored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var colleague = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var withoutAuthenticator = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var key = await Authenticator.EnrolAsync(h, colleague);
        var before = await h.CountsAsync();

        var wrong = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(colleague, new RequestEmergencyAccess(police.FollowUpId, AccessTestData.EmergencyReason, Authenticator.WrongCode(h, key))));
        // Someone else's valid code is no code for this user.
        var foreign = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(withoutAuthenticator, new RequestEmergencyAccess(police.FollowUpId, AccessTestData.EmergencyReason, Authenticator.CurrentCode(h, key))));
        var empty = await Assert.ThrowsAsync<ValidationException>(async () =>
            await h.SendAsync(colleague, new RequestEmergencyAccess(police.FollowUpId, AccessTestData.EmergencyReason, "")));

        Assert.Equal(nameof(RequestEmergencyAccess.OneTimeCode), wrong.Field);
        Assert.Equal(nameof(RequestEmergencyAccess.OneTimeCode), foreign.Field);
        Assert.Contains(empty.Errors, e => e.PropertyName == nameof(RequestEmergencyAccess.OneTimeCode));
        Assert.Equal(before, await h.CountsAsync());
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RequestEmergencyAccess_ReasonAndFreshCode_ReadOnlyFor60MinutesThenRefused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var colleague = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var candidate = await h.PoliceOfficerAsync();
        var key = await Authenticator.EnrolAsync(h, colleague);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId)));
        var code = Authenticator.CurrentCode(h, key);
        var grantedAt = h.Clock.GetUtcNow();

        var granted = await h.SendAsync(colleague, new RequestEmergencyAccess(police.FollowUpId, "  " + AccessTestData.EmergencyReason + "  ", code));

        Assert.Equal(grantedAt + TimeSpan.FromMinutes(60), granted.ExpiresAt);
        var stored = await h.WithDbAsync(db => db.EmergencyAccesses.AsNoTracking().SingleAsync(e => e.Id == granted.Id, TestContext.Current.CancellationToken));
        Assert.Equal((colleague, police.FollowUpId, AccessTestData.EmergencyReason), (stored.UserId, stored.FollowUpId, stored.Reason));
        Assert.Null(stored.ReviewedAt); // in the privacy officer's review queue

        var view = await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId));
        Assert.Equal(AccessBasis.EmergencyAccess, view.AccessBasis);
        Assert.False(view.CanWrite);
        Assert.Empty(view.Consents);
        Assert.True(await h.ListsAsync(colleague, police));

        // Read-only.
        var before = await h.CountsAsync();
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new AddTeamMember(police.FollowUpId, candidate, TeamRole.Member)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new CloseFollowUp(police.FollowUpId, view.Version, CloseReason.Other)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new RecordConsent(
            police.FollowUpId, ConsentGiver.Person, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Nødtilgang", ConsentMethod.Oral, h.Clock.GetUtcNow())));
        Assert.Equal(before, await h.CountsAsync());

        h.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.Equal(AccessBasis.EmergencyAccess, (await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId))).AccessBasis);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(colleague, new GetFollowUp(police.FollowUpId)));
        Assert.False(await h.ListsAsync(colleague, police));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RequestEmergencyAccess_AcrossAgencies_NotFoundAndNothingStored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var police = await h.OpenCaseAsync(await h.PoliceOfficerAsync());
        var municipal = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync());
        var caseWorker = await h.MunicipalCaseWorkerAsync(AccessTestData.OtherMunicipalUnit);
        var officer = await h.PoliceOfficerAsync(AccessTestData.OtherPoliceUnit);
        var caseWorkerKey = await Authenticator.EnrolAsync(h, caseWorker);
        var officerKey = await Authenticator.EnrolAsync(h, officer);
        var before = await h.CountsAsync();

        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(caseWorker, new RequestEmergencyAccess(police.FollowUpId, AccessTestData.EmergencyReason, Authenticator.CurrentCode(h, caseWorkerKey))));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await h.SendAsync(officer, new RequestEmergencyAccess(municipal.FollowUpId, AccessTestData.EmergencyReason, Authenticator.CurrentCode(h, officerKey))));

        Assert.Equal(before, await h.CountsAsync());
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(caseWorker, new GetFollowUp(police.FollowUpId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new GetPerson(municipal.PersonId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RequestEmergencyAccess_RoleWithoutTheCapability_ForbiddenEvenWithReasonAndCode(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipal = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync());
        var users = new List<(Guid User, string Key)>();
        foreach (var role in new[] { Role.PlanCoordinator, Role.FamilyGuide, Role.Mentor, Role.PrivacyOfficer, Role.Administrator })
        {
            var user = await h.CreateUserAsync(role, AccessTestData.OtherMunicipalUnit);
            users.Add((user, await Authenticator.EnrolAsync(h, user)));
        }

        var before = await h.CountsAsync();

        foreach (var (user, key) in users)
        {
            await Assert.ThrowsAsync<ForbiddenException>(async () =>
                await h.SendAsync(user, new RequestEmergencyAccess(municipal.FollowUpId, AccessTestData.EmergencyReason, Authenticator.CurrentCode(h, key))));
        }

        Assert.Equal(before, await h.CountsAsync());
    }
}
