using System.Globalization;
using System.Text;

namespace CaseManagement.Application.Common;

/// <summary>What happened to a wall-clock time typed in Oslo on its way to UTC.</summary>
public enum OsloTimeIssue
{
    None,

    /// <summary>
    /// The time occurs twice (the last Sunday of October, 02:00–02:59 comes round again). Rule: the first pass, in
    /// summer time (UTC+2), the one a person who writes the note straight after the event means; the page says so.
    /// </summary>
    Ambiguous,

    /// <summary>
    /// The time never happened (the last Sunday of March, clocks jump from 02:00 to 03:00). Refused with a specific
    /// message; it is never silently moved, because a record of when something happened must be what the user meant.
    /// </summary>
    SkippedBySpringForward,
}

/// <summary>
/// The product's one time zone: times are stored in UTC and shown, and typed, in Europe/Oslo with Norwegian formats
/// (dd.MM.yyyy HH:mm). The user's calendar day ("today") is the Oslo day, never the UTC day.
/// </summary>
public static class OsloTime
{
    public const string DateFormat = "dd.MM.yyyy";
    public const string DateTimeFormat = "dd.MM.yyyy HH:mm";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>The instant as Oslo wall-clock time (with its offset, +01:00 or +02:00).</summary>
    public static DateTimeOffset ToOslo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Oslo calendar day the instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToOslo(instant).DateTime);

    /// <summary>The first moment of an Oslo calendar day (midnight is never skipped by daylight saving in Norway).</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>Today in Oslo by the given clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>dd.MM.yyyy of the Oslo day.</summary>
    public static string FormatDate(DateTimeOffset instant) => DateOf(instant).ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>dd.MM.yyyy HH:mm in Oslo wall-clock time.</summary>
    public static string FormatDateTime(DateTimeOffset instant) => ToOslo(instant).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The UTC instant of an Oslo wall-clock time. A time in the spring-forward gap gives false with
    /// <see cref="OsloTimeIssue.SkippedBySpringForward"/>; a time in the autumn overlap gives the first pass (summer
    /// time) with <see cref="OsloTimeIssue.Ambiguous"/>.
    /// </summary>
    public static bool TryFromOslo(DateOnly date, TimeOnly time, out DateTimeOffset utc, out OsloTimeIssue issue)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            utc = default;
            issue = OsloTimeIssue.SkippedBySpringForward;
            return false;
        }

        if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset is summer time: the first time the clock shows this time that night.
            var offset = Zone.GetAmbiguousTimeOffsets(local).Max();
            utc = new DateTimeOffset(local, offset).ToUniversalTime();
            issue = OsloTimeIssue.Ambiguous;
            return true;
        }

        utc = new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
        issue = OsloTimeIssue.None;
        return true;
    }

    /// <summary>The message for a time that does not exist in Oslo, naming the first valid time after it.</summary>
    public static string GapMessage(DateOnly date, TimeOnly time)
    {
        var next = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(next))
        {
            next = next.AddMinutes(1);
        }

        return string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(Resources.Messages.Timeline_Time_Gap),
            time.ToString("HH:mm", CultureInfo.InvariantCulture), date.ToString(DateFormat, CultureInfo.InvariantCulture), next.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>The note shown with a time in the autumn overlap: which of the two it was taken as.</summary>
    public static string AmbiguousNote(DateOnly date, TimeOnly time) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(Resources.Messages.Timeline_Time_Ambiguous),
            time.ToString("HH:mm", CultureInfo.InvariantCulture), date.ToString(DateFormat, CultureInfo.InvariantCulture));
}
