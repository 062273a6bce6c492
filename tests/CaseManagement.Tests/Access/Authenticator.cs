using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support.Databases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        services.AddLogging(b => b.AddProvider(CaseManagement.Tests.Support.RunLog.Provider));
        services.AddCaseIdentityCore();
        services.AddDbContext<CaseDbContext>(o => DatabaseSetup.Configure(o, h.Provider, h.ConnectionString)
            .UseFieldProtection(h.Services.GetRequiredService<FieldProtector>(), h.Services.GetRequiredService<BlindIndex>()));
        services.AddSingleton<TimeProvider>(h.Clock);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        var result = await users.ResetAuthenticatorKeyAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStepByKey = new(StringComparer.Ordinal);

    /// <summary>
    /// A code the user's authenticator app shows, for a time step not used before with this key: the server accepts
    /// each step once (and one step either side of now). The clock moves on only when the window is used up.
    /// </summary>
    public static string CurrentCode(CaseHarness h, string key)
    {
        var current = Infrastructure.Totp.StepAt(h.Clock.GetUtcNow());
        var step = LastStepByKey.AddOrUpdate(key, current - Infrastructure.Totp.Window, (_, last) => Math.Max(current - Infrastructure.Totp.Window, last + 1));
        if (step > current + Infrastructure.Totp.Window)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(Infrastructure.Totp.StepSeconds * (step - current - Infrastructure.Totp.Window)));
        }

        return Infrastructure.Totp.CodeAt(key, DateTimeOffset.FromUnixTimeSeconds(step * Infrastructure.Totp.StepSeconds));
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
