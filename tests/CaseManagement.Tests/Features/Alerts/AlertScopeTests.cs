using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Features.Mentors;
using CaseManagement.Tests.Support.Databases;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Alerts;

/// <summary>
/// Issue 13: a recipient who no longer stands in an alert (off the team, disclosure ended, no longer the police
/// contact) does not see it: not listed, not counted, not a due item, "not found" to read and handle. The alert and
/// the recipient's row stay (the escalation is on record).
/// </summary>
public sealed class AlertScopeTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> SeesAsync(CaseHarness h, Guid user, Guid alert) =>
        (await h.SendAsync(user, new ListMyAlerts(PageSize: 100))).Items.Any(a => a.Id == alert);

    private static async Task AssertGoneAsync(CaseHarness h, Guid user, Guid alert)
    {
        Assert.False(await SeesAsync(h, user, alert));
        Assert.DoesNotContain((await h.SendAsync(user, new ListMyAlerts(UnhandledOnly: true, PageSize: 100))).Items, a => a.Id == alert);
        Assert.Equal(0, await h.SendAsync(user, new CountMyUnhandledAlerts()));
        Assert.DoesNotContain((await h.SendAsync(user, new ListMyDueItems())).Items, i => i.Kind == DueKind.EscalationAlert);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(user, new MarkAlertRead(alert)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(user, new HandleAlert(alert, "Ringte mentor.")));
        // The escalation itself stays on record, with this recipient's row untouched.
        Assert.Null(await h.WithDbAsync(db => db.AlertRecipients.Where(r => r.AlertId == alert && r.UserId == user).Select(r => r.ReadAt).SingleAsync(Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_recipient_removed_from_the_team_no_longer_sees_the_alert(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var lead = await h.MunicipalCaseWorkerAsync();
        var c = await h.OpenCaseAsync(lead);
        var member = await h.MunicipalCaseWorkerAsync();
        await h.SendAsync(lead, new AddTeamMember(c.FollowUpId, member, TeamRole.Member));
        var alert = await h.RaiseAlertAsync(c.FollowUpId, Guid.CreateVersion7(), lead, member);
        Assert.True(await SeesAsync(h, member, alert));
        Assert.Equal(1, await h.SendAsync(member, new CountMyUnhandledAlerts()));

        await h.SendAsync(lead, new RemoveTeamMember(c.FollowUpId, member));

        await AssertGoneAsync(h, member, alert);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_recipient_in_another_unit_sees_the_alert_while_the_disclosure_runs_and_not_after(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        // A disclosure goes to the other agency: a police follow-up disclosed to NAV by consent.
        var lead = await h.PoliceOfficerAsync();
        var c = await h.OpenCaseAsync(lead);
        var (_, disclosure) = await h.ConsentAndDiscloseAsync(c, AccessTestData.MunicipalUnit);
        var reader = await h.MunicipalCaseWorkerAsync();
        var alert = await h.RaiseAlertAsync(c.FollowUpId, Guid.CreateVersion7(), lead, reader);
        Assert.True(await SeesAsync(h, reader, alert));

        await h.SendAsync(lead, new EndDisclosure(c.FollowUpId, disclosure));

        await AssertGoneAsync(h, reader, alert);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_police_contact_sees_the_escalation_while_they_are_a_radicalisation_contact_and_not_after(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var coordinator = await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt);
        // Still an alert receiver (prevention officer) after the contact role is taken away.
        var contact = await h.CreateUserAsync([Role.RadicalisationContact, Role.PolicePreventionOfficer], DemoData.SandefjordStation);
        var alert = await h.AlertForAsync(DemoData.Municipality, coordinator, coordinator, contact);
        Assert.True(await SeesAsync(h, contact, alert));
        // A police officer who is not named on the assignment never stood in it.
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(await h.PoliceOfficerAsync(), new MarkAlertRead(alert)));

        await h.WithDbAsync(async db =>
        {
            var role = await db.Roles.Where(r => r.Name == nameof(Role.RadicalisationContact)).Select(r => r.Id).SingleAsync(Ct);
            db.UserRoles.RemoveRange(db.UserRoles.Where(ur => ur.UserId == contact && ur.RoleId == role));
            return await db.SaveChangesAsync(Ct);
        });

        await AssertGoneAsync(h, contact, alert);
        Assert.True(await SeesAsync(h, coordinator, alert), "The supervising coordinator keeps it.");
    }
}
