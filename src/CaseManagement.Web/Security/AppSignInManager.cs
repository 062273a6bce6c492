using System.Security.Claims;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseManagement.Web.Security;

/// <summary>
/// Identity's sign-in manager made strict (docs/decisions/ADR-007-mfa.md):
/// <list type="bullet">
/// <item>A password alone never signs anyone in. Every account is treated as two-factor, no browser is ever
/// "remembered", and should the base class still try to sign in without the second factor, that sign-in is undone
/// and refused (fail closed).</item>
/// <item>Unknown, disabled and locked users cost the same password hash as a real attempt, so response time does not
/// tell whether a user name exists (R9).</item>
/// <item>Input longer than <see cref="MaxPasswordInput"/> is refused before hashing, so hashing time is bounded.</item>
/// <item>A disabled user cannot sign in, and their cookies fail the security-stamp check. Nor can a user who has not
/// activated their account yet (ADR-026).</item>
/// </list>
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public const int MaxUserNameInput = SignInThrottleKeys.MaxUserNameInput;
    public const int MaxPasswordInput = 1024;

    /// <summary>The claim Identity adds after a second factor; the session cookie is refused without it.</summary>
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";

    // A hash in the default format (the app does not tune the hasher), so a dummy check costs what a real one costs.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override Task<bool> IsTwoFactorEnabledAsync(AppUser user) => Task.FromResult(true);

    public override Task<bool> IsTwoFactorClientRememberedAsync(AppUser user) => Task.FromResult(false);

    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && !user.AwaitingActivation && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is not null && !user.IsDisabled && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > MaxUserNameInput || password.Length > MaxPasswordInput)
        {
            return SignInResult.Failed;
        }

        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendHashTime(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (password is null || password.Length > MaxPasswordInput)
        {
            return SignInResult.Failed;
        }

        // Locked out, disabled or not allowed: the base class answers before hashing; hash anyway.
        if (await PreSignInCheck(user) is { } refused)
        {
            SpendHashTime(password);
            return refused;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    protected override async Task<SignInResult> SignInOrTwoFactorAsync(AppUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        var result = await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            // Unreachable with the overrides above; if Identity ever changes, no session without a second factor.
            await SignOutAsync();
            Logger.LogError("A sign-in without a second factor was attempted and undone.");
            return SignInResult.Failed;
        }

        return result;
    }

    /// <summary>A recovery code is a second factor: refused while locked out, and a wrong one counts as a failure.</summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (!result.Succeeded)
        {
            await UserManager.AccessFailedAsync(user);
        }

        return result;
    }

    /// <summary>Not locked out, not disabled: checked before an enrolment is stored.</summary>
    public async Task<bool> MaySignInAsync(AppUser user) => await PreSignInCheck(user) is null;

    /// <summary>
    /// Completes sign-in after enrolment: the user has just proved the password (two-factor cookie) and a code from
    /// the newly enrolled authenticator. Same claims and clean-up as Identity's own two-factor sign-in.
    /// </summary>
    public async Task SignInAfterEnrolmentAsync(AppUser user)
    {
        if (await PreSignInCheck(user) is not null)
        {
            throw new InvalidOperationException("The user may not sign in.");
        }

        await UserManager.ResetAccessFailedCountAsync(user);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim(MfaClaimType, MfaClaimValue)]);
    }

    /// <summary>
    /// Signs in after an external provider whose token proved multi-factor authentication
    /// (<see cref="ExternalProviders.ProvesMfa"/>): the same session claims as a local two-factor sign-in.
    /// </summary>
    public async Task SignInAfterExternalMfaAsync(AppUser user, string provider)
    {
        if (await PreSignInCheck(user) is not null)
        {
            throw new InvalidOperationException("The user may not sign in.");
        }

        await UserManager.ResetAccessFailedCountAsync(user);
        await Context.SignOutAsync(IdentityConstants.ExternalScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim(MfaClaimType, MfaClaimValue), new Claim(ClaimTypes.AuthenticationMethod, provider)]);
    }

    private void SpendHashTime(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
}
