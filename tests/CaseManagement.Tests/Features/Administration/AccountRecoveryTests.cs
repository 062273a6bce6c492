using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Administration;

/// <summary>
/// Unlock and re-enrolment (R7, R9) are messages through the pipeline: administrators only, own agency only (the
/// other agency's user is "not found"), never oneself (refused on the field, like every command on one's own account), and audited in the command's transaction.
/// </summary>
public sealed class AccountRecoveryTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private const string SecretKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_an_administrator_of_the_users_agency_and_never_for_themselves(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var officer = await h.PoliceOfficerAsync();
        var target = await LockedOutWithAuthenticatorAsync(h);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new UnlockUser(target)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new RequireReEnrolment(target)));
        Assert.Equal("UserId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new UnlockUser(policeAdmin)))).Field);
        Assert.Equal("UserId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new RequireReEnrolment(policeAdmin)))).Field);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new UnlockUser(target)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new RequireReEnrolment(target)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(policeAdmin, new UnlockUser(Guid.CreateVersion7())));

        var untouched = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.NotNull(untouched.LockoutEnd);
        Assert.Equal(2, await h.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == target)));
        Assert.Equal(2, await ThrottleWindowsAsync(h, target));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unlock_ends_the_lockout_and_the_throttling_and_is_in_the_audit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var target = await LockedOutWithAuthenticatorAsync(h);

        Assert.Equal(target, (await h.SendAsync(admin, new UnlockUser(target))).Id);

        var user = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.Equal((null, 0), (user.LockoutEnd, user.AccessFailedCount));
        Assert.Equal(0, await ThrottleWindowsAsync(h, target));
        Assert.Equal(1, await h.WithDbAsync(db => db.LoginThrottleWindows.CountAsync(w => w.Key == "ip:192.0.2.7")));
        var changes = await ChangesAsync(h, admin, nameof(UnlockUser));
        Assert.Contains(changes, c => c is { EntityType: nameof(AppUser), Field: nameof(AppUser.LockoutEnd), NewValue: null } && c.EntityId == target.ToString());
        Assert.Contains(changes, c => c is { EntityType: nameof(AppUser), Field: nameof(AppUser.AccessFailedCount), NewValue: "0" });
        // The authenticator stays.
        Assert.Equal(2, await h.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == target)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Re_enrolment_removes_the_second_factor_ends_the_sessions_and_is_in_the_audit_without_the_key(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var target = await LockedOutWithAuthenticatorAsync(h);
        var stampBefore = await h.WithDbAsync(db => db.Users.Where(u => u.Id == target).Select(u => u.SecurityStamp).SingleAsync());

        Assert.Equal(target, (await h.SendAsync(admin, new RequireReEnrolment(target))).Id);

        Assert.Equal(0, await h.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == target)));
        var user = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Null(user.LockoutEnd);
        var changes = await ChangesAsync(h, admin, nameof(RequireReEnrolment));
        Assert.Contains(changes, c => c.EntityType.StartsWith("IdentityUserToken", StringComparison.Ordinal)
            && c is { Operation: AuditOperation.Delete, Field: nameof(IdentityUserToken<Guid>.Name), OldValue: AppUserTokens.AuthenticatorKey });
        Assert.Contains(changes, c => c is { Operation: AuditOperation.Delete, OldValue: AppUserTokens.RecoveryCodes });
        Assert.DoesNotContain(changes, c => c.Field == nameof(IdentityUserToken<Guid>.Value) || (c.OldValue ?? "").Contains(SecretKey, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_password_reset_ends_the_password_and_the_sessions_keeps_the_authenticator_and_gives_a_new_link(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var target = await LockedOutWithAuthenticatorAsync(h);
        const string OldHash = "AQAAAAIAAYagAAAAEOldPasswordHash==";
        var stampBefore = await h.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == target);
            user.PasswordHash = OldHash;
            await db.SaveChangesAsync();
            return user.SecurityStamp;
        });

        var issued = await h.SendAsync(admin, new ResetPasswordByLink(target));

        var reset = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.Null(reset.PasswordHash);
        Assert.True(reset.AwaitingActivation);
        Assert.NotEqual(stampBefore, reset.SecurityStamp);
        Assert.Equal((null, 0), (reset.LockoutEnd, reset.AccessFailedCount));
        // The second factor stays: after the new password the sign-in asks for its code as before.
        Assert.Equal(2, await h.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == target)));
        Assert.Equal(target, await h.WithServiceAsync<AccountActivation, Guid?>(async a => (await a.FindAsync(issued.ActivationToken, TestContext.Current.CancellationToken))?.Id));
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromHours(72), issued.ExpiresAt);

        // A second reset: only the newest link works.
        var again = await h.SendAsync(admin, new ResetPasswordByLink(target));
        Assert.Null(await h.WithServiceAsync<AccountActivation, Guid?>(async a => (await a.FindAsync(issued.ActivationToken, TestContext.Current.CancellationToken))?.Id));
        Assert.Equal(target, await h.WithServiceAsync<AccountActivation, Guid?>(async a => (await a.FindAsync(again.ActivationToken, TestContext.Current.CancellationToken))?.Id));

        var changes = await ChangesAsync(h, admin, nameof(ResetPasswordByLink));
        Assert.Contains(changes, c => c is { EntityType: nameof(AppUser), Field: nameof(AppUser.AwaitingActivation) } && c.EntityId == target.ToString());
        Assert.Contains(changes, c => c is { EntityType: nameof(UserInvitation), Field: nameof(UserInvitation.ExpiresAt) });
        Assert.DoesNotContain(changes, c => (c.OldValue ?? "").Contains(OldHash, StringComparison.Ordinal)
            || (c.NewValue ?? "").Contains(issued.ActivationToken, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_password_reset_is_for_an_enabled_user_of_the_own_agency_and_never_oneself(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var officer = await h.PoliceOfficerAsync();
        var target = await h.PoliceOfficerAsync();
        var disabled = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation, disabled: true);

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new ResetPasswordByLink(target)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new ResetPasswordByLink(target)));
        Assert.Equal("UserId", (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new ResetPasswordByLink(policeAdmin)))).Field);
        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new ResetPasswordByLink(disabled)));
        Assert.Equal(("UserId", CaseManagement.Application.Resources.Messages.Admin_ResetNeedsEnabledUser), (refused.Field, refused.Message));

        // Nothing changed by the refusals: no invitation, still active.
        Assert.Equal(0, await h.WithDbAsync(db => db.UserInvitations.CountAsync(i => i.UserId == target || i.UserId == disabled || i.UserId == policeAdmin)));
        Assert.False(await h.WithDbAsync(db => db.Users.Where(u => u.Id == target).Select(u => u.AwaitingActivation).SingleAsync()));
    }

    /// <summary>A police officer locked out after failed sign-ins, with an authenticator key and recovery codes.</summary>
    private static async Task<Guid> LockedOutWithAuthenticatorAsync(CaseHarness h)
    {
        var target = await h.PoliceOfficerAsync();
        await h.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == target);
            user.LockoutEnd = h.Clock.GetUtcNow().AddMinutes(15);
            user.AccessFailedCount = 3;
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = target, LoginProvider = AppUserTokens.LoginProvider, Name = AppUserTokens.AuthenticatorKey, Value = SecretKey });
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = target, LoginProvider = AppUserTokens.LoginProvider, Name = AppUserTokens.RecoveryCodes, Value = "hash1;hash2" });
            // Throttled too: the account's and the typed name's windows, beside an address's window that stays.
            var until = h.Clock.GetUtcNow().AddMinutes(15);
            db.LoginThrottleWindows.Add(new LoginThrottleWindow { Key = SignInThrottleKeys.Account(target), EndsAt = until, Count = 10 });
            db.LoginThrottleWindows.Add(new LoginThrottleWindow { Key = SignInThrottleKeys.UserName(user.UserName!), EndsAt = until, Count = 10 });
            if (!await db.LoginThrottleWindows.AnyAsync(w => w.Key == "ip:192.0.2.7"))
            {
                db.LoginThrottleWindows.Add(new LoginThrottleWindow { Key = "ip:192.0.2.7", EndsAt = until, Count = 3 });
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return target;
    }

    /// <summary>The sign-in throttle windows of the user's account and user name.</summary>
    private static Task<int> ThrottleWindowsAsync(CaseHarness h, Guid userId) =>
        h.WithDbAsync(async db =>
        {
            var userName = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName!).SingleAsync();
            string[] keys = [SignInThrottleKeys.Account(userId), SignInThrottleKeys.UserName(userName)];
            return await db.LoginThrottleWindows.CountAsync(w => keys.Contains(w.Key));
        });

    private static Task<List<AuditChange>> ChangesAsync(CaseHarness h, Guid administrator, string message) =>
        h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking()
                .Where(e => e.UserId == administrator && e.MessageName == message)
                .ToListAsync(TestContext.Current.CancellationToken))
            .SelectMany(e => e.Changes).ToList());
}
