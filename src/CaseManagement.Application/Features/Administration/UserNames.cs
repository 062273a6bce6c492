using System.Globalization;
using System.Text;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// The rules for a new user name (ADR-026), so that no name can pass for another one on a screen or in the audit:
/// compared case-insensitively and culture-invariantly; letters of one script only, digits and <c>. - _ @</c>; no
/// invisible or format characters; and not confusable with an existing name.
/// <para>
/// Confusable means: the same <see cref="Skeleton"/>. This follows the skeleton of Unicode Technical Standard #39
/// (Unicode Security Mechanisms, section 4 "Confusable Detection", https://www.unicode.org/reports/tr39/), cut down
/// to what an administrator can type here: compatibility normalisation (NFKC, so full-width letters are plain),
/// case folding, and a small table of the Cyrillic and Greek letters that look like Latin ones (from TR39's
/// confusables.txt), plus 0/o and 1/l. Not the whole data file: the names are short and of one script, so the
/// cross-script look-alikes are what matters.
/// </para>
/// </summary>
public static class UserNames
{
    public const int MaxLength = 64;

    // Lower-case forms only: the skeleton folds case first. Source: TR39 confusables.txt (prototype on the right).
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['ԁ'] = 'd', ['е'] = 'e', ['һ'] = 'h', ['н'] = 'h', ['і'] = 'i', ['ӏ'] = 'l',
        ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm', ['о'] = 'o', ['р'] = 'p', ['ԛ'] = 'q', ['ѕ'] = 's', ['т'] = 't',
        ['с'] = 'c', ['у'] = 'y', ['ү'] = 'y', ['х'] = 'x', ['ԝ'] = 'w', ['п'] = 'n',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'u', ['ν'] = 'v',
        ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ζ'] = 'z',
        // Latin and digits
        ['ı'] = 'i', ['0'] = 'o', ['1'] = 'l',
    };

    private enum Script
    {
        Latin,
        Greek,
        Cyrillic,
        Other,
    }

    /// <summary>How the name is stored and compared: trimmed, composed (NFC).</summary>
    public static string Clean(string value) => value.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>Invisible characters: format (zero-width space, joiners, direction marks), control, and any space.</summary>
    public static bool HasInvisible(string value) =>
        value.EnumerateRunes().Any(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.Control
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    /// <summary>Letters, digits and <c>. - _ @</c> only (no punctuation that could look like a letter).</summary>
    public static bool HasOnlyAllowedCharacters(string value) =>
        value.EnumerateRunes().All(r => Rune.IsLetter(r) || Rune.IsDigit(r) || r.Value is '.' or '-' or '_' or '@'
            || Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark);

    /// <summary>Letters of more than one script (e.g. Latin with one Cyrillic letter).</summary>
    public static bool HasMixedScripts(string value) =>
        value.EnumerateRunes().Where(Rune.IsLetter).Select(ScriptOf).Distinct().Skip(1).Any();

    /// <summary>Case-insensitive, culture-invariant: the form Identity looks names up by.</summary>
    public static string Normalised(string value) => value.ToUpperInvariant();

    /// <summary>Equal for two names that look alike (see the class summary).</summary>
    public static string Skeleton(string value)
    {
        var compatible = value.Normalize(NormalizationForm.FormKC);
        var skeleton = new StringBuilder(compatible.Length);
        foreach (var c in compatible)
        {
            var folded = char.ToLowerInvariant(c);
            skeleton.Append(LookAlikes.TryGetValue(folded, out var latin) ? latin : folded);
        }

        return skeleton.ToString();
    }

    private static Script ScriptOf(Rune rune) => rune.Value switch
    {
        <= 0x024F or (>= 0x1E00 and <= 0x1EFF) => Script.Latin,
        (>= 0x0370 and <= 0x03FF) or (>= 0x1F00 and <= 0x1FFF) => Script.Greek,
        >= 0x0400 and <= 0x052F => Script.Cyrillic,
        _ => Script.Other,
    };
}
