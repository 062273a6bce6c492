using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseManagement.Web.Security;

/// <summary>
/// Identity's user manager with three changes: lockout follows the injected <see cref="TimeProvider"/> (Identity's
/// own reads the system clock), recovery codes are stored hashed rather than in plain text (ASVS 6.5.2), and the
/// authenticator key is set or removed together with its recovery codes in one save.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public const int RecoveryCodeCount = 10;

    // Where Identity's UserStoreBase keeps the authenticator key and the recovery codes (AspNetUserTokens).
    // The tests read both back, so a change in Identity would show there.
    internal const string InternalLoginProvider = AppUserTokens.LoginProvider;
    internal const string AuthenticatorKeyTokenName = AppUserTokens.AuthenticatorKey;
    internal const string RecoveryCodesTokenName = AppUserTokens.RecoveryCodes;

    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;
    private IUserAuthenticatorKeyStore<AppUser> KeyStore => (IUserAuthenticatorKeyStore<AppUser>)Store;
    private IUserTwoFactorRecoveryCodeStore<AppUser> RecoveryStore => (IUserTwoFactorRecoveryCodeStore<AppUser>)Store;

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            // Temporary only (R9): the lockout ends by itself, and an administrator can end it sooner.
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(AppUser user, int number)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = NewRecoveryCodes(number);
        await RecoveryStore.ReplaceCodesAsync(user, codes.Select(c => PasswordHasher.HashPassword(user, NormaliseRecoveryCode(c))), CancellationToken);
        var result = await UpdateAsync(user);
        return result.Succeeded ? codes : null;
    }

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(AppUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = NormaliseRecoveryCode(code);
        var stored = await GetAuthenticationTokenAsync(user, InternalLoginProvider, RecoveryCodesTokenName);
        var hashes = string.IsNullOrEmpty(stored) ? [] : stored.Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (normalised.Length == 0 || normalised.Length > 32)
        {
            return IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
        }

        // Every stored hash is checked, so the time taken does not depend on which code matched.
        string? used = null;
        foreach (var hash in hashes)
        {
            if (PasswordHasher.VerifyHashedPassword(user, hash, normalised) != PasswordVerificationResult.Failed && used is null)
            {
                used = hash;
            }
        }

        if (used is null)
        {
            return IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
        }

        await RecoveryStore.ReplaceCodesAsync(user, hashes.Where(h => !ReferenceEquals(h, used)), CancellationToken);
        return await UpdateAsync(user);
    }

    /// <summary>
    /// Completes enrolment: stores the confirmed key, the step its confirming code used (so that code cannot be
    /// used again to sign in), fresh recovery codes and a new security stamp, in one save. Returns the codes to
    /// show once, or null when the save failed (e.g. a concurrent enrolment won).
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnrolAuthenticatorAsync(AppUser user, string base32Key, long confirmedStep)
    {
        ArgumentNullException.ThrowIfNull(user);
        await KeyStore.SetAuthenticatorKeyAsync(user, base32Key, CancellationToken);
        user.LastTotpTimeStep = Math.Max(user.LastTotpTimeStep, confirmedStep);
        var codes = NewRecoveryCodes(RecoveryCodeCount);
        await RecoveryStore.ReplaceCodesAsync(user, codes.Select(c => PasswordHasher.HashPassword(user, NormaliseRecoveryCode(c))), CancellationToken);
        var result = await UpdateSecurityStampAsync(user);
        return result.Succeeded ? codes : null;
    }

    /// <summary>
    /// Removes the authenticator key and the recovery codes and changes the security stamp (which ends every
    /// session): the user enrols a new authenticator at the next sign-in.
    /// </summary>
    public async Task<IdentityResult> RemoveAuthenticatorAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tokens = (IUserAuthenticationTokenStore<AppUser>)Store;
        await tokens.RemoveTokenAsync(user, InternalLoginProvider, AuthenticatorKeyTokenName, CancellationToken);
        await tokens.RemoveTokenAsync(user, InternalLoginProvider, RecoveryCodesTokenName, CancellationToken);
        return await UpdateSecurityStampAsync(user);
    }

    /// <summary>Upper case, without spaces; the hyphen in the middle is kept as printed.</summary>
    internal static string NormaliseRecoveryCode(string? code) =>
        code is null ? "" : new string(code.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    private List<string> NewRecoveryCodes(int number) =>
        Enumerable.Range(0, number).Select(_ => CreateTwoFactorRecoveryCode()).ToList();
}
