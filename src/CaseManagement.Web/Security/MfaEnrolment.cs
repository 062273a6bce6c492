using CaseManagement.Infrastructure;
using System.Globalization;
using CaseManagement.Application.Data;
using Microsoft.AspNetCore.DataProtection;
using QRCoder;

namespace CaseManagement.Web.Security;

/// <summary>
/// The state of an authenticator enrolment between showing the QR code and confirming it (ADR-007). The new secret
/// is not stored on the user until a code from it is confirmed; until then it travels in a hidden form field,
/// encrypted and authenticated by Data Protection under its own purpose, bound to the user id and the security
/// stamp, and valid for <see cref="Lifetime"/>. It is useless without the two-factor cookie of the same user, and
/// that user must still have no authenticator when it is used.
/// </summary>
public sealed class MfaEnrolment(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public const string Issuer = "Oppfølging";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("CaseManagement.Web.Security.MfaEnrolment.v1");

    public sealed record Pending(string Key, string State);

    /// <summary>A fresh secret and its protected state for <paramref name="user"/>.</summary>
    public Pending Start(AppUser user)
    {
        var key = Totp.NewKey();
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = string.Join('|', user.Id.ToString("N"), user.SecurityStamp ?? "", key, expires.ToString(CultureInfo.InvariantCulture));
        return new Pending(key, _protector.Protect(payload));
    }

    /// <summary>The secret in <paramref name="state"/> when it was made for this user, as they are now, and has not expired.</summary>
    public string? Open(AppUser user, string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 2048)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(state);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        if (parts.Length != 4 ||
            parts[0] != user.Id.ToString("N") ||
            parts[1] != (user.SecurityStamp ?? "") ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            clock.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return null;
        }

        return parts[2];
    }

    /// <summary>The otpauth URI as a PNG QR code in a data URI, for an &lt;img&gt; (no markup injection possible).</summary>
    public static string QrCodeDataUri(string userName, string key)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Totp.OtpAuthUri(Issuer, userName, key), QRCodeGenerator.ECCLevel.Q);
        using var qrCode = new PngByteQRCode(data);
        var png = qrCode.GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
