using CaseManagement.Domain.Persons;
using CsCheck;

namespace CaseManagement.Tests.Domain;

public sealed class AgeTests
{
    [Fact]
    public void At_17_years_and_364_days_is_17_and_not_adult()
    {
        var born = new DateOnly(2008, 11, 26);
        var dayBefore = new DateOnly(2026, 11, 25);
        Assert.Equal(17, Age.At(born, dayBefore));
        Assert.False(Age.IsAdultAt(born, dayBefore));
    }

    [Fact]
    public void At_the_18th_birthday_is_18_and_adult()
    {
        var born = new DateOnly(2008, 11, 25);
        var birthday = new DateOnly(2026, 11, 25);
        Assert.Equal(18, Age.At(born, birthday));
        Assert.True(Age.IsAdultAt(born, birthday));
    }

    [Fact]
    public void At_birth_is_0()
    {
        Assert.Equal(0, Age.At(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25)));
        Assert.Equal(0, Age.At(new DateOnly(2025, 11, 26), new DateOnly(2026, 11, 25)));
    }

    [Theory]
    [InlineData(2008, 2026, 2, 28, 17, "non-leap year: 28 February is still the day before")]
    [InlineData(2008, 2026, 3, 1, 18, "non-leap year: the birthday is reached on 1 March")]
    [InlineData(2008, 2028, 2, 28, 19, "leap year: the day before 29 February")]
    [InlineData(2008, 2028, 2, 29, 20, "leap year: the birthday itself")]
    [InlineData(2000, 2018, 2, 28, 17, "2000 (leap by the 400 rule) born, 18th birthday in a non-leap year")]
    [InlineData(2000, 2018, 3, 1, 18, "adult on 1 March")]
    public void At_29_February_birthdays_follow_the_1_March_rule(int bornYear, int year, int month, int day, int expected, string why)
    {
        var born = new DateOnly(bornYear, 2, 29);
        var on = new DateOnly(year, month, day);
        var age = Age.At(born, on);
        Assert.True(age == expected, $"{why}: expected {expected}, got {age}");
        Assert.Equal(expected >= Age.AdultAge, Age.IsAdultAt(born, on));
    }

    [Fact]
    public void At_increases_by_one_exactly_on_each_birthday()
    {
        Gen.Select(Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2039, 12, 31)], Gen.Int[1, 110]).Sample(
            (born, years) =>
            {
                var year = born.Year + years;
                var birthday = born is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
                    ? new DateOnly(year, 3, 1)
                    : new DateOnly(year, born.Month, born.Day);
                Assert.Equal(years, Age.At(born, birthday));
                Assert.Equal(years - 1, Age.At(born, birthday.AddDays(-1)));
                Assert.Equal(years >= 18, Age.IsAdultAt(born, birthday));
                Assert.Equal(years - 1 >= 18, Age.IsAdultAt(born, birthday.AddDays(-1)));
            },
            iter: 5_000);
    }
}
