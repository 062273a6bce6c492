using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Application.Data;

/// <summary>A person who works in the system (never a data subject). Belongs to one unit.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>Every account has a second factor (R7): new users start with two-factor sign-in on.</summary>
    public AppUser() => TwoFactorEnabled = true;

    public string DisplayName { get; set; } = "";
    public Guid UnitId { get; set; }

    /// <summary>A disabled user keeps their history but can do nothing, from the next operation on.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>
    /// Created by an administrator and not yet activated through the invitation (ADR-026): cannot sign in, by any
    /// method, until the user has set a password with the one-time link.
    /// </summary>
    public bool AwaitingActivation { get; set; }

    /// <summary>
    /// The last TOTP time step (Unix seconds / 30) whose code was accepted; only a later step is accepted next, so
    /// a code works once. 0 before the first.
    /// </summary>
    public long LastTotpTimeStep { get; set; }

    // The user's own details, only for the privacy officer's review of self-, relative- and colleague look-ups
    // (ADR-011). Optional; recorded by an administrator.

    /// <summary>The user's own national identity number, encrypted at rest; found through its blind index.</summary>
    [CaseManagement.Domain.Auditing.Sensitive]
    public string? NationalIdentityNumber { get; set; }

    /// <summary>The user's family name as in the population register (relatives share it).</summary>
    public string? FamilyName { get; set; }

    /// <summary>The user's home address, encrypted at rest (relatives often share it).</summary>
    [CaseManagement.Domain.Auditing.Sensitive]
    public string? HomeAddress { get; set; }
}

/// <summary>Where Identity's user store keeps a user's second factor (AspNetUserTokens).</summary>
public static class AppUserTokens
{
    public const string LoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKey = "AuthenticatorKey";
    public const string RecoveryCodes = "RecoveryCodes";
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}
