using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Infrastructure;

/// <summary>ASP.NET Core Identity on the application database, shared by the web host and the tests.</summary>
public static class IdentitySetup
{
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IdentityBuilder AddCaseIdentityCore(this IServiceCollection services)
    {
        services.AddScoped<IStepUpVerifier, AuthenticatorStepUpVerifier>();
        services.AddDataProtection();
        return services.AddIdentityCore<AppUser>(o =>
            {
                // Length, not composition (R8, ASVS 6.2): 12 to 128 characters (the host's PasswordPolicy counts code
                // points and refuses common passwords), no required character classes.
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Temporary lockout only: a victim is never locked out for good (R9). Failures of either factor count.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.User.RequireUniqueEmail = false;
                // User names are checked by the CreateUser command (one script, no invisible characters, nothing
                // confusable with an existing name; ADR-026); Identity's ASCII-only list would refuse "bjørn".
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.ProviderName;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<CaseDbContext>()
            // Only TOTP as a second factor (no SMS, no e-mail codes), and Identity's data-protection tokens for
            // password resets by an administrator.
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.ProviderName)
            .AddTokenProvider<DataProtectorTokenProvider<AppUser>>(TokenOptions.DefaultProvider);
    }
}

/// <summary>Step-up for emergency access: a fresh code from the user's authenticator (never SMS).</summary>
internal sealed class AuthenticatorStepUpVerifier(UserManager<AppUser> users) : IStepUpVerifier
{
    public async Task<bool> VerifyAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        var normalised = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised);
    }
}
