using Microsoft.EntityFrameworkCore;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Web.Security;

/// <summary>
/// What an administrator does for a user who is locked out or has lost their authenticator (R7, R9). The caller
/// must be an active administrator and not the user concerned (nobody resets their own second factor). A user
/// interface comes later; until then this is the documented way back in (SECURITY.md).
/// </summary>
public sealed class AccountAdministration(AppUserManager users, CaseManagement.Application.Data.CaseDbContext db, LoginThrottle throttle, ILogger<AccountAdministration> logger)
{
    /// <summary>
    /// Removes the user's authenticator and recovery codes and ends all their sessions (new security stamp). At the
    /// next sign-in, after the password, they enrol a new authenticator. Also ends a lockout.
    /// </summary>
    public async Task RequireReEnrolmentAsync(Guid administratorId, Guid userId)
    {
        var user = await TargetAsync(administratorId, userId);
        Check(await users.RemoveAuthenticatorAsync(user));
        await UnlockAsync(user);
        logger.LogWarning("Administrator {AdministratorId} removed the authenticator of user {UserId}.", administratorId, userId);
    }

    /// <summary>Ends a temporary lockout and the sign-in throttling of the user at once.</summary>
    public async Task UnlockAsync(Guid administratorId, Guid userId)
    {
        var user = await TargetAsync(administratorId, userId);
        await UnlockAsync(user);
        logger.LogWarning("Administrator {AdministratorId} unlocked user {UserId}.", administratorId, userId);
    }

    private async Task UnlockAsync(AppUser user)
    {
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        throttle.Reset(user.UserName, user.Id);
    }

    private async Task<AppUser> TargetAsync(Guid administratorId, Guid userId)
    {
        var administrator = await users.FindByIdAsync(administratorId.ToString());
        if (administrator is null || administrator.IsDisabled || administratorId == userId ||
            !await users.IsInRoleAsync(administrator, nameof(Role.Administrator)))
        {
            throw new ForbiddenException(nameof(AccountAdministration));
        }

        // Own agency only, as for every other administration message (Features/Administration/Users.cs).
        var target = await users.FindByIdAsync(userId.ToString());
        var agencies = await db.Units.Where(u => u.Id == administrator.UnitId || (target != null && u.Id == target.UnitId))
            .Select(u => new { u.Id, u.AgencyId }).ToListAsync();
        return target is not null && agencies.Single(u => u.Id == administrator.UnitId).AgencyId == agencies.Single(u => u.Id == target.UnitId).AgencyId
            ? target
            : throw new NotFoundException("User");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
