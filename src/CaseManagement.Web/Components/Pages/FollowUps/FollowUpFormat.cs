using CaseManagement.Application.Common;
using CaseManagement.Web.Components.Pages.Persons;

namespace CaseManagement.Web.Components.Pages.FollowUps;

/// <summary>
/// Moments on the follow-up pages: stored in UTC, shown and typed as Norwegian calendar dates (Europe/Oslo).
/// A typed date means the whole day in Norway: "from" is its first moment, "to" includes it (ends at the next midnight).
/// </summary>
public static class FollowUpFormat
{
    /// <summary>The Norwegian calendar date of a moment, as dd.MM.yyyy.</summary>
    public static string Date(DateTimeOffset moment) => PersonFormat.Date(LocalDate(moment));

    /// <summary>The Norwegian wall-clock time of a moment, as dd.MM.yyyy HH:mm.</summary>
    public static string Timestamp(DateTimeOffset moment) => PersonFormat.Timestamp(moment);

    public static DateOnly LocalDate(DateTimeOffset moment) => OsloTime.DateOf(moment);

    /// <summary>Today's date in Norway.</summary>
    public static DateOnly Today(TimeProvider clock) => LocalDate(clock.GetUtcNow());

    /// <summary>The first moment of a Norwegian date (midnight is never skipped by daylight saving in Norway).</summary>
    public static DateTimeOffset StartOf(DateOnly date) => OsloTime.StartOf(date);

    /// <summary>The end of a period that includes <paramref name="lastDay"/>: the next midnight in Norway.</summary>
    public static DateTimeOffset EndOf(DateOnly lastDay) => StartOf(lastDay.AddDays(1));

    /// <summary>The last day a period ending at <paramref name="end"/> (exclusive) covers.</summary>
    public static string LastDay(DateTimeOffset end) => Date(end.AddTicks(-1));
}
