namespace CaseManagement.Domain.Persons;

/// <summary>Age is always computed at a given date (the date of a conversation, today's date on screen).</summary>
public static class Age
{
    public const int AdultAge = 18;

    public static int At(DateOnly dateOfBirth, DateOnly onDate)
    {
        var age = onDate.Year - dateOfBirth.Year;
        // A birthday on 29 February is reached on 1 March in non-leap years (Norwegian practice: the day after 28 Feb).
        if (onDate < BirthdayInYear(dateOfBirth, onDate.Year))
        {
            age--;
        }

        return age;
    }

    public static bool IsAdultAt(DateOnly dateOfBirth, DateOnly onDate) => At(dateOfBirth, onDate) >= AdultAge;

    private static DateOnly BirthdayInYear(DateOnly dateOfBirth, int year) =>
        dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
}
