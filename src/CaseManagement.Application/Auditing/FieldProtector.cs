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
    /// <summary>Key ids are short and plain, so a protected value's length is bounded and its id is parsed safely.</summary>
    public const int MaxKeyIdLength = 32;

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

        if (_keys.Keys.Any(id => id.Length is 0 or > MaxKeyIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidOperationException($"Protection:Keys ids must be 1-{MaxKeyIdLength} ASCII letters, digits, '-' or '_'.");
        }

        _activeKey = o.ActiveKey;
        Fingerprint = FingerprintOf(_activeKey, _keys);
    }

    /// <summary>The id of the key that encrypts new values.</summary>
    public string ActiveKeyId => _activeKey;

    /// <summary>
    /// A one-way digest of the key ring (active id and keys). Two protectors with the same fingerprint encrypt and
    /// decrypt alike, so EF Core may share one model (with its value converters) between them.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The longest protected form of a text of <paramref name="maxChars"/> UTF-16 characters: at most 3 UTF-8 bytes
    /// per character, nonce and tag, base64, and the <c>v1.{keyId}.</c> prefix.
    /// </summary>
    public static int ProtectedLength(int maxChars) => (4 * ((3 * maxChars + NonceSize + TagSize + 2) / 3)) + MaxKeyIdLength + 4;

    /// <summary>The key id a protected value names, or null when it is not a protected value.</summary>
    public static string? KeyIdOf(string protectedValue)
    {
        var parts = protectedValue.Split('.', 3);
        return parts.Length == 3 && parts[0] == "v1" ? parts[1] : null;
    }

    private static string FingerprintOf(string activeKey, Dictionary<string, byte[]> keys)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes("fieldprotector.v1|" + activeKey));
        foreach (var (id, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes("|" + id + "|"));
            sha.AppendData(SHA256.HashData(key));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
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
