using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CaseManagement.Tests.Access;

/// <summary>
/// A test user's authenticator app: enrols a key through Identity's own <see cref="UserManager{TUser}"/> on the
/// harness's database and computes the current one-time code, for the step-up that emergency access needs.
/// </summary>
internal static class Authenticator
{
    /// <summary>Gives the user a fresh authenticator key (as the MFA set-up page would) and returns it (base32).</summary>
    public static async Task<string> EnrolAsync(CaseHarness h, Guid userId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCaseIdentityCore();
        services.AddDbContext<CaseDbContext>(o => DatabaseSetup.Configure(o, h.Provider, h.ConnectionString));
        services.AddSingleton<TimeProvider>(h.Clock);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        var result = await users.ResetAuthenticatorKeyAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
    }

    /// <summary>
    /// A code the user's authenticator app shows, for a step not used before: a code is accepted only once, so the
    /// harness clock moves on by one step first (30 seconds; far below any period the tests depend on).
    /// </summary>
    public static string CurrentCode(CaseHarness h, string key)
    {
        h.Clock.Advance(TimeSpan.FromSeconds(Infrastructure.Totp.StepSeconds));
        return Infrastructure.Totp.CodeAt(key, h.Clock.GetUtcNow());
    }

    /// <summary>A six-digit code that is none of the codes of the time steps around now (the provider accepts a few).</summary>
    public static string WrongCode(CaseHarness h, string key)
    {
        var totp = new OtpNet.Totp(Base32Encoding.ToBytes(key));
        var now = h.Clock.GetUtcNow().UtcDateTime;
        var near = Enumerable.Range(-5, 11).Select(step => totp.ComputeTotp(now.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 1000)
            .Select(i => (i * 7919 % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(code => !near.Contains(code));
    }
}
