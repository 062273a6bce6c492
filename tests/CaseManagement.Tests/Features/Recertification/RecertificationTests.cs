using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Recertification;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Recertification;

/// <summary>
/// Recertification of access (ADR-030) through the mediator with the fake clock: a unit leader confirms their unit's
/// users, a role change ends a confirmation, the home-page notice comes before the deadline, and the sweep (sent as the
/// system actor) disables the overdue, audited. Each test has a database of its own: the sweep looks at every user.
/// </summary>
public sealed class RecertificationTests(PostgresServer postgres, SqlServerServer sqlServer)
{
    private static readonly RecertificationPolicy Policy = RecertificationPolicy.Default;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_unit_leader_confirms_the_other_users_of_their_unit_recording_who_when_and_the_exact_roles(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var leader = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation, displayName: "Lea Leder");
        var colleague = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation);
        var otherUnit = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.LarvikStation);
        var otherAgency = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);

        // Not yet appointed: a plain officer gets no list and confirms nobody.
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(leader, new ListAccessToConfirm()));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(leader, Confirm(colleague, Role.PolicePreventionOfficer)));
        await h.SendAsync(admin, new SetUnitLeader(leader, true));

        var list = await h.SendAsync(leader, new ListAccessToConfirm());
        Assert.Equal("Sandefjord politistasjon", list.LeadsUnit);
        var row = Assert.Single(list.Users);
        Assert.Equal((colleague, false, RecertificationStatus.Current), (row.UserId, row.Confirmed, row.Status));
        Assert.Equal(h.Clock.GetUtcNow().AddMonths(Policy.PeriodMonths), row.DueAt);

        var confirmed = await h.SendAsync(leader, Confirm(colleague, Role.PolicePreventionOfficer));
        Assert.Equal([colleague], confirmed.UserIds);

        var review = await h.WithDbAsync(db => db.AccessReviews.AsNoTracking().SingleAsync(r => r.UserId == colleague, Ct));
        Assert.Equal(
            (AccessReviewKind.Confirmed, (Guid?)leader, h.Clock.GetUtcNow(), "PolicePreventionOfficer", DemoData.SandefjordStation),
            (review.Kind, review.ConfirmedByUserId, review.At, review.Roles, review.UnitId));
        var changes = await ChangesAsync(h, e => e.UserId == leader && e.MessageName == nameof(ConfirmAccess));
        Assert.Contains(changes, c => c is { EntityType: nameof(AccessReview), Field: nameof(AccessReview.Roles), NewValue: "PolicePreventionOfficer" });
        Assert.Contains(changes, c => c.EntityType == nameof(AccessReview) && c.Field == nameof(AccessReview.ConfirmedByUserId) && c.NewValue == leader.ToString());

        row = Assert.Single((await h.SendAsync(leader, new ListAccessToConfirm())).Users);
        Assert.Equal((true, "Lea Leder"), (row.Confirmed, row.LastConfirmedBy));

        // Never oneself (on the field); another unit's or agency's user is not found; a colleague stays a colleague.
        var self = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(leader, Confirm(leader, Role.PolicePreventionOfficer)));
        Assert.Equal("Users[0].UserId", self.Field);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(leader, Confirm(otherUnit, Role.PolicePreventionOfficer)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(leader, Confirm(otherAgency, Role.CaseWorker)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new ListAccessToConfirm()));

        // The administrator confirms the leader, and users of a unit without a leader, but leaves the led unit to its leader.
        var adminList = await h.SendAsync(admin, new ListAccessToConfirm());
        Assert.Contains(adminList.Users, u => u.UserId == leader && u.IsLeader);
        Assert.Contains(adminList.Users, u => u.UserId == otherUnit);
        Assert.DoesNotContain(adminList.Users, u => u.UserId == colleague || u.UserId == admin || u.UserId == otherAgency);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(admin, Confirm(colleague, Role.PolicePreventionOfficer)));
        await h.SendAsync(admin, Confirm(leader, Role.PolicePreventionOfficer));
        Assert.Equal(2, await h.WithDbAsync(db => db.AccessReviews.CountAsync(r => r.Kind == AccessReviewKind.Confirmed, Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_role_change_ends_the_confirmation_and_a_confirmation_of_the_old_roles_is_refused(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var (admin, leader, colleague) = await LedUnitAsync(h);
        await h.SendAsync(leader, Confirm(colleague, Role.PolicePreventionOfficer));
        h.Clock.Advance(TimeSpan.FromDays(10));

        await h.SendAsync(admin, new SetUserRoles(colleague, [Role.PolicePreventionOfficer, Role.RadicalisationContact]));

        var row = Assert.Single((await h.SendAsync(leader, new ListAccessToConfirm())).Users);
        Assert.False(row.Confirmed);
        Assert.Equal(h.Clock.GetUtcNow().AddMonths(Policy.PeriodMonths), row.DueAt);
        var stale = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(leader, Confirm(colleague, Role.PolicePreventionOfficer)));
        Assert.Equal("Users[0].Roles", stale.Field);

        await h.SendAsync(leader, Confirm(colleague, Role.RadicalisationContact, Role.PolicePreventionOfficer));
        row = Assert.Single((await h.SendAsync(leader, new ListAccessToConfirm())).Users);
        Assert.True(row.Confirmed);
        Assert.Equal([Role.PolicePreventionOfficer, Role.RadicalisationContact], row.Roles);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_overdue_are_warned_of_and_then_disabled_by_the_sweep_as_the_system_in_the_audit(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var (admin, leader, colleague) = await LedUnitAsync(h);
        var secondAdmin = await h.AdministratorAsync();

        // The first sweep starts a period for everyone it has not seen; nobody is disabled.
        var first = await SweepAsync(h);
        Assert.Equal(4, first.PeriodsStarted);
        Assert.Empty(first.Disabled);

        // Within the warning window: on the leader's and the administrators' home pages, not yet disabled.
        h.Clock.Advance(h.Clock.GetUtcNow().AddMonths(Policy.PeriodMonths).AddDays(-Policy.WarningDays + 1) - h.Clock.GetUtcNow());
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(colleague, new ListAccessDue()));
        var leaderNotice = await h.SendAsync(leader, new ListAccessDue());
        var due = Assert.Single(leaderNotice);
        Assert.Equal((colleague, RecertificationStatus.DueSoon, true), (due.UserId, due.Status, due.YouConfirm));
        var adminNotice = await h.SendAsync(admin, new ListAccessDue());
        Assert.Contains(adminNotice, d => d.UserId == colleague && !d.YouConfirm);
        Assert.Contains(adminNotice, d => d.UserId == leader && d.YouConfirm);
        Assert.Empty((await SweepAsync(h)).Disabled);
        await h.SendAsync(secondAdmin, Confirm(admin, Role.Administrator));

        // Past the deadline: the next sweep disables everyone not confirmed, as the system (no user) in the audit.
        h.Clock.Advance(TimeSpan.FromDays(Policy.WarningDays));
        var stamp = await h.WithDbAsync(db => db.Users.Where(u => u.Id == colleague).Select(u => u.SecurityStamp).SingleAsync(Ct));
        var sweep = await SweepAsync(h);
        Assert.Equal(new[] { colleague, leader, secondAdmin }.Order(), sweep.Disabled.Order());
        Assert.Empty(sweep.KeptAdministrators);
        var user = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == colleague, Ct));
        Assert.True(user.IsDisabled);
        Assert.NotEqual(stamp, user.SecurityStamp);
        await Assert.ThrowsAsync<UnauthenticatedException>(async () => await h.SendAsync(colleague, new ListUsers()));
        Assert.False(await h.WithDbAsync(db => db.Users.Where(u => u.Id == admin).Select(u => u.IsDisabled).SingleAsync(Ct)));
        var events = await h.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.MessageName == nameof(RunAccessRecertification) && e.UserId == null).ToListAsync(Ct));
        Assert.Contains(events.SelectMany(e => e.Changes), c => c is { EntityType: nameof(AppUser), Field: nameof(AppUser.IsDisabled), NewValue: "True" } && c.EntityId == colleague.ToString());

        // Enabled again by an administrator: a new period, so the next sweep leaves them alone.
        await h.SendAsync(admin, new SetUserDisabled(colleague, false));
        Assert.Empty((await SweepAsync(h)).Disabled);
        Assert.False(await h.WithDbAsync(db => db.Users.Where(u => u.Id == colleague).Select(u => u.IsDisabled).SingleAsync(Ct)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_sweep_keeps_an_agencys_last_administrators_and_no_user_may_send_it(DatabaseProvider provider)
    {
        await using var fixture = new HarnessFixture(postgres, sqlServer);
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var officer = await h.PoliceOfficerAsync();
        // Like an integration client's service account (ADR-029): no role, so nothing to confirm and nothing to sweep.
        var roleless = await h.CreateUserAsync([], DemoData.SandefjordStation);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(admin, new RunAccessRecertification()));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new RunAccessRecertification()));
        await SweepAsync(h);
        h.Clock.Advance(TimeSpan.FromDays(200));

        var sweep = await SweepAsync(h);
        Assert.Equal([officer], sweep.Disabled);
        Assert.Equal([admin], sweep.KeptAdministrators);
        Assert.False(await h.WithDbAsync(db => db.Users.Where(u => u.Id == roleless).Select(u => u.IsDisabled).SingleAsync(Ct)));
        Assert.False(await h.WithDbAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == roleless, Ct)));
        // Still listed as overdue on their own notice, for another administrator to confirm once there is one.
        Assert.Contains(await h.SendAsync(admin, new ListAccessDue()), d => d.UserId == admin && d.Status == RecertificationStatus.Overdue && !d.YouConfirm);
    }

    [Fact]
    public void The_policy_dates_from_the_latest_entry_only_while_it_covers_the_unit_and_the_roles()
    {
        var start = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
        var entry = AccessReview.Confirmed(Guid.CreateVersion7(), Guid.CreateVersion7(), DemoData.Nav, [Role.Mentor, Role.CaseWorker], Guid.CreateVersion7(), start);
        var now = start.AddDays(1);

        Assert.Equal("CaseWorker,Mentor", entry.Roles);
        Assert.Equal(start.AddMonths(6), Policy.DueAt(entry, DemoData.Nav, [Role.CaseWorker, Role.Mentor], now));
        Assert.Equal(now.AddMonths(6), Policy.DueAt(entry, DemoData.Nav, [Role.CaseWorker], now));
        Assert.Equal(now.AddMonths(6), Policy.DueAt(entry, DemoData.ChildWelfare, [Role.CaseWorker, Role.Mentor], now));
        Assert.Equal(RecertificationStatus.Current, Policy.StatusAt(start.AddMonths(6), start.AddMonths(6).AddDays(-31)));
        Assert.Equal(RecertificationStatus.DueSoon, Policy.StatusAt(start.AddMonths(6), start.AddMonths(6).AddDays(-30)));
        Assert.Equal(RecertificationStatus.Overdue, Policy.StatusAt(start.AddMonths(6), start.AddMonths(6)));
    }

    private static ConfirmAccess Confirm(Guid userId, params Role[] roles) => new([new RolesToConfirm(userId, roles)]);

    /// <summary>A police administrator, an officer appointed leader of Sandefjord politistasjon, and a colleague there.</summary>
    private static async Task<(Guid Admin, Guid Leader, Guid Colleague)> LedUnitAsync(CaseHarness h)
    {
        var admin = await h.AdministratorAsync();
        var leader = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation);
        var colleague = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation);
        await h.SendAsync(admin, new SetUnitLeader(leader, true));
        return (admin, leader, colleague);
    }

    /// <summary>What the host's background job does: the sweep, sent as the system actor in a scope of its own.</summary>
    internal static Task<RecertificationSweep> SweepAsync(CaseHarness h) =>
        h.WithServiceAsync<IServiceProvider, RecertificationSweep>(async services =>
        {
            services.GetRequiredService<CurrentUser>().SetSystem();
            return await services.GetRequiredService<IMediator>().Send(new RunAccessRecertification(), Ct);
        });

    private static Task<List<AuditChange>> ChangesAsync(CaseHarness h, System.Linq.Expressions.Expression<Func<AuditEvent, bool>> which) =>
        h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(which).ToListAsync(Ct)).SelectMany(e => e.Changes).ToList());
}
