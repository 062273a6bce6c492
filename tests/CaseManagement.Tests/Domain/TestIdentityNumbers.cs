using System.Collections.Concurrent;

namespace CaseManagement.Tests.Domain;

/// <summary>
/// Builds Norwegian identity numbers for tests, written from DOMAIN.md (Skatteetaten's rules), not from the code
/// under test: k1 weights 3 7 6 1 8 9 4 5 2, k2 weights 5 4 3 2 7 6 5 4 3 2, k1 by the classic or the 2032 rule.
/// </summary>
public static class TestIdentityNumbers
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly ConcurrentDictionary<string, bool> Issued = new();

    /// <summary>Skatteetaten's century table: which individual numbers a birth year may have.</summary>
    public static bool IndividualFitsYear(int year, int individual) => year switch
    {
        >= 1854 and <= 1899 => individual is >= 500 and <= 749,
        >= 1900 and <= 1939 => individual is >= 0 and <= 499,
        >= 1940 and <= 1999 => individual is (>= 0 and <= 499) or (>= 900 and <= 999),
        >= 2000 and <= 2039 => individual is >= 500 and <= 999,
        _ => false,
    };

    /// <summary>The first nine digits: DDMMYY III, with the D-number / H-number / synthetic offsets if any.</summary>
    public static string FirstNine(DateOnly date, int individual, int dayOffset = 0, int monthOffset = 0) =>
        $"{date.Day + dayOffset:00}{date.Month + monthOffset:00}{date.Year % 100:00}{individual:000}";

    /// <summary>(sum of the first nine digits × k1 weights + k1) mod 11 for each k1 0–9.</summary>
    public static int K1Remainder(string nine, int k1) => (WeightedSum(nine, K1Weights) + k1) % 11;

    /// <summary>Every k1 digit that either rule accepts: classic (remainder 0) or 2032 (remainders 1–3).</summary>
    public static IReadOnlyList<int> AcceptedK1(string nine) =>
        Enumerable.Range(0, 10).Where(k1 => K1Remainder(nine, k1) <= 3).ToList();

    /// <summary>k2 for the first ten digits, or null when it would be 10 (no valid number).</summary>
    public static int? K2(string ten)
    {
        var k2 = 11 - (WeightedSum(ten, K2Weights) % 11);
        return k2 switch
        {
            11 => 0,
            10 => null,
            _ => k2,
        };
    }

    /// <summary>The full number with this k1 and the right k2, or null if k2 would be 10.</summary>
    public static string? Complete(string nine, int k1)
    {
        var ten = nine + (char)('0' + k1);
        return K2(ten) is { } k2 ? ten + (char)('0' + k2) : null;
    }

    /// <summary>The number by the classic rule only (k1 = 11 − sum mod 11), or null if none exists.</summary>
    public static string? Classic(string nine)
    {
        var k1 = AcceptedK1(nine).SingleOrDefault(k => K1Remainder(nine, k) == 0, -1);
        return k1 < 0 ? null : Complete(nine, k1);
    }

    /// <summary>Some valid completion of the nine digits (classic first), or null if none.</summary>
    public static string? AnyValid(string nine) =>
        Classic(nine) ?? AcceptedK1(nine).Select(k => Complete(nine, k)).FirstOrDefault(n => n is not null);

    /// <summary>
    /// A valid number for the date (birth number, or D-number / synthetic with the offsets), never handed out
    /// before in this test run, so tests sharing a database do not collide.
    /// </summary>
    public static string Unique(DateOnly date, int dayOffset = 0, int monthOffset = 0)
    {
        var start = Random.Shared.Next(1000);
        for (var i = 0; i < 1000; i++)
        {
            var individual = (start + i) % 1000;
            if (!IndividualFitsYear(date.Year, individual))
            {
                continue;
            }

            var number = AnyValid(FirstNine(date, individual, dayOffset, monthOffset));
            if (number is not null && Issued.TryAdd(number, true))
            {
                return number;
            }
        }

        throw new InvalidOperationException($"No unused identity number left for {date}.");
    }

    private static int WeightedSum(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }
}
