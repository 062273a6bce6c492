using CaseManagement.Application.Common;

namespace CaseManagement.Tests.Domain;

/// <summary>Times are stored in UTC and typed and shown in Oslo; the two daylight-saving nights are handled on purpose.</summary>
public sealed class OsloTimeTests
{
    [Fact]
    public void A_time_in_the_spring_forward_gap_is_refused_and_the_message_names_the_first_valid_time()
    {
        var ok = OsloTime.TryFromOslo(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), out _, out var issue);

        Assert.False(ok);
        Assert.Equal(OsloTimeIssue.SkippedBySpringForward, issue);
        var message = OsloTime.GapMessage(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));
        Assert.Contains("02:30", message, StringComparison.Ordinal);
        Assert.Contains("29.03.2026", message, StringComparison.Ordinal);
        Assert.Contains("03:00", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_in_the_autumn_overlap_is_taken_as_the_first_pass_in_summer_time_and_flagged()
    {
        var ok = OsloTime.TryFromOslo(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), out var utc, out var issue);

        Assert.True(ok);
        Assert.Equal(OsloTimeIssue.Ambiguous, issue);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), utc);
        Assert.Equal(TimeSpan.Zero, utc.Offset);
        Assert.Contains("sommertid", OsloTime.AmbiguousNote(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2026, 3, 29, 1, 59, "2026-03-29T00:59:00Z")]
    [InlineData(2026, 3, 29, 3, 0, "2026-03-29T01:00:00Z")]
    [InlineData(2026, 10, 25, 3, 0, "2026-10-25T02:00:00Z")]
    [InlineData(2026, 7, 1, 12, 0, "2026-07-01T10:00:00Z")]
    [InlineData(2026, 12, 24, 18, 0, "2026-12-24T17:00:00Z")]
    public void Ordinary_times_convert_with_the_offset_of_the_day(int y, int m, int d, int hour, int minute, string expected)
    {
        Assert.True(OsloTime.TryFromOslo(new DateOnly(y, m, d), new TimeOnly(hour, minute), out var utc, out var issue));
        Assert.Equal(OsloTimeIssue.None, issue);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
    }

    [Fact]
    public void Display_is_Norwegian_format_in_Oslo_time_on_both_sides_of_each_change()
    {
        Assert.Equal("29.03.2026 01:59", OsloTime.FormatDateTime(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero)));
        Assert.Equal("29.03.2026 03:00", OsloTime.FormatDateTime(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
        // The two passes of 02:30 on 25 October show the same wall-clock time.
        Assert.Equal("25.10.2026 02:30", OsloTime.FormatDateTime(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal("25.10.2026 02:30", OsloTime.FormatDateTime(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)));
        Assert.Equal("26.11.2026", OsloTime.FormatDate(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 26), OsloTime.DateOf(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_day_starts_at_Oslo_midnight_in_winter_and_summer()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 23, 0, 0, TimeSpan.Zero), OsloTime.StartOf(new DateOnly(2026, 1, 10)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 22, 0, 0, TimeSpan.Zero), OsloTime.StartOf(new DateOnly(2026, 6, 10)).ToUniversalTime());
    }
}
