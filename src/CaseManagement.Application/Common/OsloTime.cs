namespace CaseManagement.Application.Common;

/// <summary>
/// The product's one time zone: times are stored in UTC and shown, and typed, in Europe/Oslo. The user's calendar
/// day ("today") is the Oslo day, never the UTC day.
/// </summary>
public static class OsloTime
{
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
}
