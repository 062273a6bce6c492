using System.Security.Cryptography;
using System.Text;
using CaseManagement.Application.Auditing;
using CaseManagement.Domain.Persons;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Protection;

/// <summary>
/// The searchable stand-in for an encrypted national identity number: HMAC-SHA-256 of the normalised number under
/// <c>Protection:BlindIndexKey</c> (not an encryption key). Equal numbers give equal tokens, so look-up and the
/// duplicate check use the token's indexed column; the ciphertext itself is never compared (its nonce is random).
/// </summary>
public sealed class BlindIndex
{
    /// <summary>Hex of a SHA-256 HMAC.</summary>
    public const int Length = 64;

    private readonly byte[] _key;

    public BlindIndex(IOptions<ProtectionOptions> options)
    {
        var configured = options.Value.BlindIndexKey;
        _key = string.IsNullOrEmpty(configured) ? [] : Convert.FromBase64String(configured);
        if (_key.Length < 32)
        {
            throw new InvalidOperationException("Protection:BlindIndexKey must be at least 32 bytes (base64).");
        }
    }

    /// <summary>The token of a number as typed (spaces stripped, like everywhere else); null for no number.</summary>
    public string? Of(string? nationalIdentityNumber)
    {
        if (string.IsNullOrEmpty(nationalIdentityNumber))
        {
            return null;
        }

        var normalised = NationalIdentityNumber.Normalise(nationalIdentityNumber);
        // The purpose label keeps this token apart from any other HMAC that might ever share the key.
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("nin.v1|" + normalised));
        return Convert.ToHexStringLower(mac);
    }
}
