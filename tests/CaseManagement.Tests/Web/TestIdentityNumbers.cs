using System.Globalization;
using CaseManagement.Domain.Persons;

namespace CaseManagement.Tests.Web;

/// <summary>Valid Norwegian birth numbers for made-up people (classic check-digit rule).</summary>
public static class TestIdentityNumbers
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>The first valid birth number for the date, trying individual numbers from the right century.</summary>
    public static string BirthNumber(DateOnly date, int startIndividual = 0)
    {
        var (low, high) = date.Year >= 2000 ? (500, 999) : (0, 499);
        for (var individual = Math.Max(low, low + startIndividual); individual <= high; individual++)
        {
            var stem = date.ToString("ddMMyy", CultureInfo.InvariantCulture) + individual.ToString("000", CultureInfo.InvariantCulture);
            var k1 = CheckDigit(stem, K1Weights);
            if (k1 is null)
            {
                continue;
            }

            var k2 = CheckDigit(stem + k1, K2Weights);
            if (k2 is null)
            {
                continue;
            }

            var number = stem + k1 + k2;
            if (NationalIdentityNumber.IsValid(number))
            {
                return number;
            }
        }

        throw new InvalidOperationException("No valid number for that date.");
    }

    private static int? CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        var k = 11 - (sum % 11);
        return k switch
        {
            11 => 0,
            10 => null,
            _ => k,
        };
    }
}
