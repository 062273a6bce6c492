using System.Globalization;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Persons;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using static CaseManagement.Tests.Domain.TestIdentityNumbers;

namespace CaseManagement.Tests.Domain;

public sealed class NationalIdentityNumberTests
{
    private const int Iterations = 2_000;

    private static readonly Gen<DateOnly> Dates = Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2039, 12, 31)];

    /// <summary>A real date and an individual number that the century table allows for its year.</summary>
    private static readonly Gen<(DateOnly Date, int Individual)> DateAndIndividual =
        Gen.Select(Dates, Gen.Int[0, 999]).Where((date, individual) => IndividualFitsYear(date.Year, individual));

    private static readonly Gen<(string Number, DateOnly Date)> BirthNumbers = Numbers(dayOffset: 0, monthOffset: 0);
    private static readonly Gen<(string Number, DateOnly Date)> DNumbers = Numbers(dayOffset: 40, monthOffset: 0);
    private static readonly Gen<(string Number, DateOnly Date)> HNumbers = Numbers(dayOffset: 0, monthOffset: 40);
    private static readonly Gen<(string Number, DateOnly Date)> SyntheticNumbers = Numbers(dayOffset: 0, monthOffset: 80);

    /// <summary>Valid by the check-digit rules, with any k1 either rule accepts (classic or 2032).</summary>
    private static Gen<(string Number, DateOnly Date)> Numbers(int dayOffset, int monthOffset) =>
        Gen.Select(DateAndIndividual, Gen.Int[0, 9])
            .Select(t =>
            {
                var nine = FirstNine(t.Item1.Date, t.Item1.Individual, dayOffset, monthOffset);
                var candidates = AcceptedK1(nine).Select(k1 => Complete(nine, k1)).OfType<string>().ToList();
                return (Number: candidates[t.Item2 % candidates.Count], t.Item1.Date);
            });

    [Fact]
    public void Check_generated_birth_numbers_are_valid_with_their_date()
    {
        BirthNumbers.Sample(
            (number, date) =>
            {
                var check = NationalIdentityNumber.Check(number);
                Assert.True(check.IsValid, $"{number} should be valid: {check.Error}");
                Assert.Equal(IdentityNumberKind.BirthNumber, check.Kind);
                Assert.Equal(date, check.DatePart);
                Assert.Equal(number, check.Normalised);
                Assert.Null(check.Error);
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_k1_is_accepted_for_remainders_0_to_3_and_refused_for_4_to_10()
    {
        // The 2032 rule: k1 = {11,12,13,14} − (sum mod 11), i.e. (sum + k1) mod 11 in 0–3. Anything else is wrong,
        // even with a correct k2.
        DateAndIndividual.Sample(
            (date, individual) =>
            {
                var nine = FirstNine(date, individual);
                for (var k1 = 0; k1 <= 9; k1++)
                {
                    if (Complete(nine, k1) is not { } number)
                    {
                        continue;
                    }

                    var check = NationalIdentityNumber.Check(number);
                    if (K1Remainder(nine, k1) <= 3)
                    {
                        Assert.True(check.IsValid, $"{number}: k1 remainder {K1Remainder(nine, k1)} must be accepted");
                    }
                    else
                    {
                        Assert.False(check.IsValid, $"{number}: k1 remainder {K1Remainder(nine, k1)} must be refused");
                        Assert.Equal(IdentityNumberError.InvalidCheckDigits, check.Error);
                    }
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_a_number_whose_k2_would_be_10_does_not_exist()
    {
        DateAndIndividual.Sample(
            (date, individual) =>
            {
                var nine = FirstNine(date, individual);
                foreach (var k1 in AcceptedK1(nine))
                {
                    var ten = nine + (char)('0' + k1);
                    if (K2(ten) is null)
                    {
                        // No digit can stand for 10: every possible last digit is refused.
                        for (var last = 0; last <= 9; last++)
                        {
                            Assert.False(NationalIdentityNumber.IsValid(ten + (char)('0' + last), allowSyntheticTestNumbers: true));
                        }
                    }
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_any_single_digit_change_of_a_valid_number_is_invalid()
    {
        // Thought through: the 2032 rule lets k1 absorb some changes (four remainders pass), so k1 alone would let
        // some single-digit changes through. k2 does not: it weighs each of the first ten digits by 2–7 (never 0
        // mod 11), and 11 is prime, so changing one digit by 1–9 always changes sum mod 11 and the expected k2;
        // changing k2 itself breaks it directly. Hence no single-digit change of a valid number is valid, whatever
        // the date and kind — the reference rule and the code must agree on that, for every position and digit.
        var anyValid = Gen.OneOf(BirthNumbers, DNumbers, SyntheticNumbers);
        anyValid.Sample(
            (number, _) =>
            {
                Assert.True(NationalIdentityNumber.IsValid(number, allowSyntheticTestNumbers: true));
                var chars = number.ToCharArray();
                for (var position = 0; position < chars.Length; position++)
                {
                    var original = chars[position];
                    for (var digit = '0'; digit <= '9'; digit++)
                    {
                        if (digit == original)
                        {
                            continue;
                        }

                        chars[position] = digit;
                        var changed = new string(chars);
                        Assert.False(NationalIdentityNumber.IsValid(changed, allowSyntheticTestNumbers: true), $"{number} → {changed}");
                        Assert.False(NationalIdentityNumber.IsValid(changed), $"{number} → {changed}");
                    }

                    chars[position] = original;
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_a_transposition_of_two_adjacent_different_digits_is_invalid_or_a_real_number()
    {
        // Unlike single-digit errors, a swap can in rare cases give another valid number; then it must also be a
        // number by the reference rules (real date, century, check digits), never a false positive.
        BirthNumbers.Sample(
            (number, _) =>
            {
                for (var i = 0; i < 10; i++)
                {
                    if (number[i] == number[i + 1])
                    {
                        continue;
                    }

                    var chars = number.ToCharArray();
                    (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                    var swapped = new string(chars);
                    Assert.Equal(IsValidByReference(swapped), NationalIdentityNumber.IsValid(swapped));
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_d_numbers_are_valid_with_kind_DNumber_and_the_real_date()
    {
        DNumbers.Sample(
            (number, date) =>
            {
                var check = NationalIdentityNumber.Check(number);
                Assert.True(check.IsValid, $"{number} should be valid: {check.Error}");
                Assert.Equal(IdentityNumberKind.DNumber, check.Kind);
                Assert.Equal(date, check.DatePart);
                Assert.InRange(int.Parse(number[..2], CultureInfo.InvariantCulture), 41, 71);
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_h_numbers_month_plus_40_are_refused_even_when_test_numbers_are_allowed()
    {
        // Documented decision (NationalIdentityNumber): H-numbers are local to health institutions and never
        // identify a person across agencies, so they are refused in every environment.
        HNumbers.Sample(
            (number, _) =>
            {
                Assert.Equal(IdentityNumberError.TestNumberNotAllowed, NationalIdentityNumber.Check(number).Error);
                Assert.Equal(IdentityNumberError.TestNumberNotAllowed, NationalIdentityNumber.Check(number, allowSyntheticTestNumbers: true).Error);
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_synthetic_numbers_month_plus_80_are_refused_unless_allowed()
    {
        SyntheticNumbers.Sample(
            (number, date) =>
            {
                var refused = NationalIdentityNumber.Check(number);
                Assert.False(refused.IsValid);
                Assert.Equal(IdentityNumberError.TestNumberNotAllowed, refused.Error);

                var allowed = NationalIdentityNumber.Check(number, allowSyntheticTestNumbers: true);
                Assert.True(allowed.IsValid, $"{number}: {allowed.Error}");
                Assert.Equal(IdentityNumberKind.SyntheticTestNumber, allowed.Kind);
                Assert.Equal(date, allowed.DatePart);
            },
            iter: Iterations);
    }

    [Fact]
    public void Check_all_zeros_passes_both_sums_but_is_refused_for_its_date()
    {
        // 0 × anything is 0: k1 = k2 = 0 are "right". Only the date check stops it.
        Assert.Equal(0, K1Remainder("000000000", 0));
        Assert.Equal(0, K2("0000000000"));
        var check = NationalIdentityNumber.Check("00000000000");
        Assert.False(check.IsValid);
        Assert.Equal(IdentityNumberError.InvalidDate, check.Error);
    }

    [Theory]
    [InlineData('\u0660', "Arabic-Indic")]
    [InlineData('\u06F0', "Extended Arabic-Indic")]
    [InlineData('\uFF10', "full-width")]
    [InlineData('\u0966', "Devanagari")]
    public void Check_non_ascii_digits_are_refused(char zero, string script)
    {
        BirthNumbers.Sample(
            (number, _) =>
            {
                var foreign = string.Concat(number.Select(c => (char)(zero + (c - '0'))));
                Assert.True(NationalIdentityNumber.Check(foreign).Error == IdentityNumberError.NotDigits, $"{script} digits must be refused");

                // One look-alike digit in an otherwise valid number is enough to refuse it.
                var position = number.Length / 2;
                var oneForeign = string.Concat(number.AsSpan(0, position), ((char)(zero + (number[position] - '0'))).ToString(), number.AsSpan(position + 1));
                Assert.Equal(IdentityNumberError.NotDigits, NationalIdentityNumber.Check(oneForeign).Error);
            },
            iter: 200);
        Assert.Equal(IdentityNumberError.NotDigits, NationalIdentityNumber.Check("٣").Error);
        Assert.Equal(IdentityNumberError.NotDigits, NationalIdentityNumber.Check("３").Error);
    }

    [Fact]
    public void Check_spaces_are_stripped_and_the_normalised_number_has_none()
    {
        BirthNumbers.Sample(
            (number, date) =>
            {
                foreach (var spaced in new[] { $"{number[..6]} {number[6..]}", $" {number[..6]} {number[6..9]} {number[9..]} ", string.Join(' ', number.ToCharArray()) })
                {
                    var check = NationalIdentityNumber.Check(spaced);
                    Assert.True(check.IsValid, $"'{spaced}' should be valid: {check.Error}");
                    Assert.Equal(number, check.Normalised);
                    Assert.Equal(date, check.DatePart);
                }
            },
            iter: 500);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("/")]
    [InlineData("\t")]
    [InlineData("\u00A0")]
    [InlineData("\u2009")]
    [InlineData("\n")]
    public void Check_separators_other_than_space_are_refused(string separator)
    {
        BirthNumbers.Sample(
            (number, _) =>
            {
                var check = NationalIdentityNumber.Check(number[..6] + separator + number[6..]);
                Assert.False(check.IsValid);
                Assert.Equal(IdentityNumberError.NotDigits, check.Error);
            },
            iter: 200);
    }

    [Fact]
    public void Check_dotted_date_and_dashed_forms_are_refused()
    {
        var number = Classic(FirstNine(new DateOnly(1985, 7, 14), 123)) ?? Classic(FirstNine(new DateOnly(1985, 7, 14), 124))!;
        Assert.True(NationalIdentityNumber.IsValid(number));
        Assert.Equal(IdentityNumberError.NotDigits, NationalIdentityNumber.Check($"{number[..2]}.{number[2..4]}.{number[4..6]} {number[6..]}").Error);
        Assert.Equal(IdentityNumberError.NotDigits, NationalIdentityNumber.Check($"{number[..6]}-{number[6..]}").Error);
    }

    [Fact]
    public void Check_ten_and_twelve_digits_are_refused_for_length()
    {
        BirthNumbers.Sample(
            (number, _) =>
            {
                Assert.Equal(IdentityNumberError.WrongLength, NationalIdentityNumber.Check(number[..10]).Error);
                Assert.Equal(IdentityNumberError.WrongLength, NationalIdentityNumber.Check(number + "0").Error);
                Assert.Equal(IdentityNumberError.WrongLength, NationalIdentityNumber.Check("0" + number).Error);
            },
            iter: 500);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_nothing_is_refused_as_empty(string? input)
    {
        Assert.Equal(IdentityNumberError.Empty, NationalIdentityNumber.Check(input).Error);
    }

    [Theory]
    [InlineData(31, 4, 1990, "31 April")]
    [InlineData(31, 6, 2015, "31 June")]
    [InlineData(30, 2, 1996, "30 February")]
    [InlineData(29, 2, 2001, "29 February in a non-leap year")]
    [InlineData(29, 2, 1999, "29 February in a non-leap year")]
    [InlineData(29, 2, 1900, "29 February 1900 (divisible by 100, not by 400)")]
    [InlineData(0, 5, 1990, "day 0")]
    [InlineData(32, 1, 1990, "day 32")]
    [InlineData(1, 0, 1990, "month 0")]
    [InlineData(1, 13, 1990, "month 13")]
    public void Check_impossible_dates_with_correct_check_digits_are_refused(int day, int month, int year, string why)
    {
        var number = WithValidCheckDigits($"{day:00}{month:00}{year % 100:00}", year);
        var check = NationalIdentityNumber.Check(number);
        Assert.False(check.IsValid, why);
        Assert.Equal(IdentityNumberError.InvalidDate, check.Error);
    }

    [Theory]
    [InlineData(29, 2, 2000)]
    [InlineData(29, 2, 1996)]
    [InlineData(29, 2, 2024)]
    [InlineData(31, 12, 1999)]
    [InlineData(1, 1, 2000)]
    public void Check_possible_edge_dates_are_accepted(int day, int month, int year)
    {
        var number = WithValidCheckDigits($"{day:00}{month:00}{year % 100:00}", year);
        var check = NationalIdentityNumber.Check(number);
        Assert.True(check.IsValid, $"{check.Error}");
        Assert.Equal(new DateOnly(year, month, day), check.DatePart);
    }

    [Theory]
    [InlineData(1985, 750)]
    [InlineData(1985, 899)]
    [InlineData(1940, 800)]
    public void Check_individual_numbers_outside_the_century_table_are_refused(int year, int individual)
    {
        var number = AnyValid(FirstNine(new DateOnly(year, 6, 15), individual))
            ?? AnyValid(FirstNine(new DateOnly(year, 6, 16), individual))!;
        Assert.Equal(IdentityNumberError.InvalidDate, NationalIdentityNumber.Check(number).Error);
    }

    [Fact]
    public void Check_century_comes_from_the_individual_number()
    {
        // Same DDMMYY "010110": 1910 with individual 0–499, 2010 with 500–999.
        var old = AnyValid(FirstNine(new DateOnly(1910, 1, 1), 123)) ?? AnyValid(FirstNine(new DateOnly(1910, 1, 1), 124))!;
        var young = AnyValid(FirstNine(new DateOnly(2010, 1, 1), 623)) ?? AnyValid(FirstNine(new DateOnly(2010, 1, 1), 624))!;
        Assert.Equal(new DateOnly(1910, 1, 1), NationalIdentityNumber.Check(old).DatePart);
        Assert.Equal(new DateOnly(2010, 1, 1), NationalIdentityNumber.Check(young).DatePart);

        // 900–999 are 1940–1999 only for YY 40–99; with YY 00–39 they are 2000–2039.
        var series9 = AnyValid(FirstNine(new DateOnly(2035, 6, 15), 950)) ?? AnyValid(FirstNine(new DateOnly(2035, 6, 15), 951))!;
        Assert.Equal(new DateOnly(2035, 6, 15), NationalIdentityNumber.Check(series9).DatePart);
        var series9Old = AnyValid(FirstNine(new DateOnly(1945, 6, 15), 950)) ?? AnyValid(FirstNine(new DateOnly(1945, 6, 15), 951))!;
        Assert.Equal(new DateOnly(1945, 6, 15), NationalIdentityNumber.Check(series9Old).DatePart);
    }

    [Fact]
    public void Mask_shows_the_date_part_only()
    {
        BirthNumbers.Sample(
            (number, _) =>
            {
                var masked = NationalIdentityNumber.Mask(number);
                Assert.Equal(number[..6] + "*****", masked);
                Assert.DoesNotContain(number[6..], masked, StringComparison.Ordinal);
            },
            iter: 200);
    }

    [Fact]
    public void Validator_error_texts_never_contain_the_number()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var register = new RegisterPersonValidator(clock);
        var correct = new CorrectPersonDetailsValidator(clock);
        var find = new FindPersonsValidator();

        // Invalid numbers of every kind, and valid ones that contradict the date of birth given with them.
        var invalid = Gen.OneOf(
            Gen.Char["0123456789"].Array[11].Select(c => new string(c)),
            HNumbers.Select(t => t.Number),
            SyntheticNumbers.Select(t => t.Number),
            BirthNumbers.Select(t => t.Number[..10] + (char)('0' + ((t.Number[10] - '0' + 1) % 10))),
            BirthNumbers.Select(t => t.Number[..6] + " " + t.Number[6..] + "-"),
            BirthNumbers.Select(t => t.Number + "0"));
        var mismatched = BirthNumbers.Where((_, date) => date <= new DateOnly(2026, 1, 1)).Select(t => t.Item1);

        foreach (var culture in new[] { "nb", "en" })
        {
            Gen.Select(invalid, mismatched).Sample(
                (bad, valid) =>
                {
                    var previous = CultureInfo.CurrentUICulture;
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                    try
                    {
                        var errors = new List<string>();
                        errors.AddRange(register.Validate(new RegisterPerson("Ola", "Nordmann", new DateOnly(1990, 1, 1), bad)).Errors.Select(e => e.ErrorMessage));
                        errors.AddRange(correct.Validate(new CorrectPersonDetails(Guid.NewGuid(), "AQ==", "Ola", "Nordmann", null, bad)).Errors.Select(e => e.ErrorMessage));
                        errors.AddRange(find.Validate(new FindPersons(NationalIdentityNumber: bad)).Errors.Select(e => e.ErrorMessage));
                        var mismatch = register.Validate(new RegisterPerson("Ola", "Nordmann", new DateOnly(2026, 11, 24), valid));
                        Assert.Contains(mismatch.Errors, e => e.PropertyName == nameof(RegisterPerson.DateOfBirth));
                        errors.AddRange(mismatch.Errors.Select(e => e.ErrorMessage));
                        errors.Add(new FluentValidation.ValidationException(mismatch.Errors).Message);

                        Assert.NotEmpty(errors);
                        foreach (var text in errors)
                        {
                            foreach (var secret in new[] { bad, NationalIdentityNumber.Normalise(bad), valid, valid[6..] })
                            {
                                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                            }
                        }
                    }
                    finally
                    {
                        CultureInfo.CurrentUICulture = previous;
                    }
                },
                iter: 300);
        }
    }

    /// <summary>An 11-digit number whose check digits are right, for a DDMMYY that may be no real date.</summary>
    private static string WithValidCheckDigits(string ddmmyy, int year)
    {
        for (var individual = 0; individual <= 999; individual++)
        {
            if (IndividualFitsYear(year, individual) && AnyValid(ddmmyy + individual.ToString("000", CultureInfo.InvariantCulture)) is { } number)
            {
                return number;
            }
        }

        throw new InvalidOperationException("No check digits fit.");
    }

    /// <summary>The rules of DOMAIN.md written independently of the code: 11 ASCII digits, real date, k1, k2.</summary>
    private static bool IsValidByReference(string number)
    {
        if (number.Length != 11 || number.Any(c => c is < '0' or > '9'))
        {
            return false;
        }

        var nine = number[..9];
        var k1 = number[9] - '0';
        if (K1Remainder(nine, k1) > 3 || Complete(nine, k1) != number)
        {
            return false;
        }

        var day = int.Parse(number[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(number[2..4], CultureInfo.InvariantCulture);
        var yy = int.Parse(number[4..6], CultureInfo.InvariantCulture);
        var individual = int.Parse(number[6..9], CultureInfo.InvariantCulture);
        if (day > 40)
        {
            day -= 40;
        }

        if (month > 12)
        {
            return false;
        }

        foreach (var century in new[] { 1800, 1900, 2000 })
        {
            var year = century + yy;
            if (IndividualFitsYear(year, individual) && month >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return true;
            }
        }

        return false;
    }
}
