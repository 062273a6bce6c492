using System.Security.Cryptography;
using System.Text;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace CaseManagement.Infrastructure;

/// <summary>
/// The second factor (R7): RFC 6238 TOTP, SHA-1, 6 digits, 30-second steps, one step of clock drift either way.
/// A code is accepted once: the step it matched is stored on the user (<see cref="AppUser.LastTotpTimeStep"/>) and
/// only a later step is accepted afterwards, so a code seen over a shoulder or replayed within its 90 seconds fails.
/// Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string ProviderName = "Totp";

    /// <summary>
    /// Always true: every account needs a second factor. A user without an authenticator key gets the two-factor
    /// step too and is sent to enrolment from there, never signed in on a password alone.
    /// </summary>
    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(true);

    /// <summary>The code comes from the user's app; the server never sends one (no SMS, no e-mail).</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var step = Totp.MatchStep(key, token, clock.GetUtcNow(), user.LastTotpTimeStep);
        if (step is null)
        {
            return false;
        }

        // Saving the step checks the concurrency stamp: of two requests racing with the same code, one fails.
        user.LastTotpTimeStep = step.Value;
        return (await manager.UpdateAsync(user)).Succeeded;
    }
}

/// <summary>TOTP arithmetic shared by sign-in, enrolment and the tests' helpers.</summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>How many steps before and after the current one are accepted (RFC 6238 §5.2 recommends one).</summary>
    public const int Window = 1;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>
    /// The step within the window whose code equals <paramref name="code"/> and that is later than
    /// <paramref name="lastAcceptedStep"/>; null when there is none or the input is not six digits.
    /// </summary>
    public static long? MatchStep(string base32Key, string? code, DateTimeOffset now, long lastAcceptedStep)
    {
        var digits = Normalise(code);
        if (digits is null || !TryDecode(base32Key, out var key))
        {
            return null;
        }

        var totp = new OtpNet.Totp(key, StepSeconds, OtpHashMode.Sha1, Digits);
        var current = StepAt(now);
        long? matched = null;
        // Every candidate is computed and compared in constant time, so timing does not tell which step matched.
        for (var step = current - Window; step <= current + Window; step++)
        {
            var expected = totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
            var equal = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(digits));
            if (equal && step > lastAcceptedStep && matched is null)
            {
                matched = step;
            }
        }

        return matched;
    }

    /// <summary>The code for a time (for tests and tools; the server never sends codes).</summary>
    public static string CodeAt(string base32Key, DateTimeOffset time) =>
        TryDecode(base32Key, out var key)
            ? new OtpNet.Totp(key, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(time.UtcDateTime)
            : throw new ArgumentException("Not a base32 key.", nameof(base32Key));

    /// <summary>A new 160-bit secret (RFC 4226 §4), base32 without padding.</summary>
    public static string NewKey() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20)).TrimEnd('=');

    /// <summary>The key as people type it: groups of four.</summary>
    public static string Grouped(string base32Key) =>
        string.Join(' ', base32Key.Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth URI authenticator apps read from the QR code.</summary>
    public static string OtpAuthUri(string issuer, string userName, string base32Key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(userName)}" +
        $"?secret={base32Key}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";

    /// <summary>Six ASCII digits; spaces and hyphens people type are dropped. Anything else is refused.</summary>
    internal static string? Normalise(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = new string(code.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static bool TryDecode(string base32Key, out byte[] key)
    {
        key = [];
        try
        {
            key = Base32Encoding.ToBytes(base32Key);
            return key.Length >= 10;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
