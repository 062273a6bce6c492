using System.Globalization;
using System.Text;
using CaseManagement.Application.Resources;
using FluentValidation;

namespace CaseManagement.Application.Common;

/// <summary>Shared validation rules for free text that a person types.</summary>
public static class TextRules
{
    /// <summary>
    /// A single-line field: no control characters (CR, LF, terminal escapes) and no invisible direction
    /// overrides that could disguise a name. Norwegian letters, other scripts and emoji are legitimate.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Must(v => v is null || IsCleanSingleLine(v))
            .WithMessage(_ => Messages.Text_ControlCharacters);

    public static bool IsCleanSingleLine(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
            {
                // Zero-width joiner keeps family and skin-tone emoji whole.
                if (rune.Value != 0x200D)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A LIKE pattern that matches <paramref name="text"/> as a literal substring: %, _, [ and the escape character
    /// typed by a user match themselves. Use with <c>EF.Functions.Like(column, pattern, LikeEscape)</c>.
    /// </summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal) + "%";

    public const string LikeEscape = "\\";

    /// <summary>Trims and puts text in canonical composed form (NFC), so "å" typed two ways is one value.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed.Normalize(NormalizationForm.FormC);
    }
}
