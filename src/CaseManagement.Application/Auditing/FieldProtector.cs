using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Auditing;

/// <summary>
/// Authenticated encryption (AES-256-GCM) of single values, with the key id in the output so keys can rotate:
/// <c>v1.{keyId}.{base64(nonce|ciphertext|tag)}</c>. A changed byte fails authentication and is refused.
/// </summary>
public sealed class FieldProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKey;

    public FieldProtector(IOptions<ProtectionOptions> options)
    {
        var o = options.Value;
        _keys = o.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        if (_keys.Count == 0 || !_keys.ContainsKey(o.ActiveKey) || _keys.Values.Any(k => k.Length != 32))
        {
            throw new InvalidOperationException("Protection:Keys must hold 32-byte keys and Protection:ActiveKey must name one of them.");
        }

        _activeKey = o.ActiveKey;
    }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKey], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.ASCII.GetBytes(_activeKey));
        return $"v1.{_activeKey}.{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string protectedValue)
    {
        var parts = protectedValue.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "v1" || !_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException("Not a protected value, or its key is unknown.");
        }

        var data = Convert.FromBase64String(parts[2]);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Protected value too short.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Encoding.ASCII.GetBytes(parts[1]));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Whether a value was protected with a key other than the active one (rotation re-encrypts those).</summary>
    public bool NeedsRotation(string protectedValue) => !protectedValue.StartsWith($"v1.{_activeKey}.", StringComparison.Ordinal);
}
