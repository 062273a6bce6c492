namespace CaseManagement.Domain.Persons;

/// <summary>What kind of Norwegian identity number a valid input is.</summary>
public enum IdentityNumberKind
{
    /// <summary>Fødselsnummer: the birth date is the date part.</summary>
    BirthNumber,

    /// <summary>D-nummer: first digit + 4; the date part may be a registration date.</summary>
    DNumber,

    /// <summary>Synthetic test number from Skatteetaten's test environment (month + 80). Accepted only when allowed.</summary>
    SyntheticTestNumber,
}

public enum IdentityNumberError
{
    Empty,
    WrongLength,
    NotDigits,
    InvalidDate,
    InvalidCheckDigits,
    TestNumberNotAllowed,
}

/// <summary>Outcome of validating a national identity number. Never carries the number in its text.</summary>
public readonly record struct IdentityNumberCheck(
    bool IsValid,
    string? Normalised,
    IdentityNumberKind Kind,
    DateOnly? DatePart,
    IdentityNumberError? Error);

/// <summary>
/// Validates Norwegian national identity numbers (fødselsnummer) and D-numbers as described by Skatteetaten
/// ("nytt fødselsnummer fra 2032"): 11 ASCII digits DDMMYY III K1 K2. K1 may follow the classic rule or the 2032
/// rule (remainders 0–3 accepted). The date part must be a real date; check digits alone are not enough.
/// H-numbers (month + 40) are refused: they are local to health institutions and never identify a person across
/// agencies. Synthetic test numbers (month + 80) are refused unless the caller allows them (test environments).
/// </summary>
public static class NationalIdentityNumber
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>The one normalisation: ASCII spaces are removed. Everything else that is not 0–9 is refused.</summary>
    public static string Normalise(string input) => input.Replace(" ", string.Empty, StringComparison.Ordinal);

    public static IdentityNumberCheck Check(string? input, bool allowSyntheticTestNumbers = false)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Fail(IdentityNumberError.Empty);
        }

        var digits = Normalise(input);
        foreach (var c in digits)
        {
            // char.IsDigit would accept Arabic-Indic and full-width digits; only ASCII counts.
            if (c is < '0' or > '9')
            {
                return Fail(IdentityNumberError.NotDigits);
            }
        }

        if (digits.Length != 11)
        {
            return Fail(IdentityNumberError.WrongLength);
        }

        Span<int> d = stackalloc int[11];
        for (var i = 0; i < 11; i++)
        {
            d[i] = digits[i] - '0';
        }

        if (!CheckDigitsAreValid(d))
        {
            return Fail(IdentityNumberError.InvalidCheckDigits);
        }

        var day = (d[0] * 10) + d[1];
        var month = (d[2] * 10) + d[3];
        var kind = IdentityNumberKind.BirthNumber;
        if (day > 40)
        {
            kind = IdentityNumberKind.DNumber;
            day -= 40;
        }

        if (month > 80)
        {
            if (!allowSyntheticTestNumbers)
            {
                return Fail(IdentityNumberError.TestNumberNotAllowed);
            }

            kind = IdentityNumberKind.SyntheticTestNumber;
            month -= 80;
        }
        else if (month > 40)
        {
            // H-number (or the 40-offset synthetic series): not a person identifier across agencies.
            return Fail(IdentityNumberError.TestNumberNotAllowed);
        }

        var yy = (d[4] * 10) + d[5];
        var individual = (d[6] * 100) + (d[7] * 10) + d[8];
        var year = CenturyOf(individual, yy);
        if (year is null || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year.Value, month))
        {
            return Fail(IdentityNumberError.InvalidDate);
        }

        return new IdentityNumberCheck(true, digits, kind, new DateOnly(year.Value, month, day), null);
    }

    public static bool IsValid(string? input, bool allowSyntheticTestNumbers = false) =>
        Check(input, allowSyntheticTestNumbers).IsValid;

    /// <summary>Shows the date part only; the individual number and check digits are hidden.</summary>
    public static string Mask(string normalised) =>
        normalised.Length == 11 ? string.Concat(normalised.AsSpan(0, 6), "*****") : "***********";

    private static bool CheckDigitsAreValid(ReadOnlySpan<int> d)
    {
        var sum1 = 0;
        for (var i = 0; i < 9; i++)
        {
            sum1 += d[i] * K1Weights[i];
        }

        // Classic rule: k1 = 11 - (sum mod 11), 11 → 0, 10 → invalid. That is the same as (sum + k1) mod 11 == 0.
        // 2032 rule: k1 = {11,12,13,14} - (sum mod 11), i.e. (sum + k1) mod 11 in {0,1,2,3}.
        var r1 = (sum1 + d[9]) % 11;
        if (r1 > 3)
        {
            return false;
        }

        var sum2 = 0;
        for (var i = 0; i < 10; i++)
        {
            sum2 += d[i] * K2Weights[i];
        }

        var k2 = 11 - (sum2 % 11);
        if (k2 == 11)
        {
            k2 = 0;
        }

        return k2 != 10 && k2 == d[10];
    }

    /// <summary>The century follows from the individual number (Skatteetaten's table).</summary>
    private static int? CenturyOf(int individual, int yy) => individual switch
    {
        <= 499 => 1900 + yy,
        <= 749 when yy >= 54 => 1800 + yy,
        <= 999 when yy <= 39 => 2000 + yy,
        <= 999 when yy >= 40 && individual >= 900 => 1900 + yy,
        _ => null,
    };

    private static IdentityNumberCheck Fail(IdentityNumberError error) =>
        new(false, null, default, null, error);
}
