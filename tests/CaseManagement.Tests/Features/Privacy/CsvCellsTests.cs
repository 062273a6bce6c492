using CaseManagement.Application.Features.Privacy;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>R18: a spreadsheet never runs what a user typed; RFC 4180 quoting keeps every cell one cell.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+47 900 00 000", "\"'+47 900 00 000\"")]
    [InlineData("-1+1", "\"'-1+1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    public void Formula_starts_get_an_apostrophe_and_are_quoted(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Cell(value));

    [Theory]
    [InlineData("NAV Sandefjord", "\"NAV Sandefjord\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("si \"hei\"", "\"si \"\"hei\"\"\"")]
    [InlineData("linje1\nlinje2", "\"linje1\nlinje2\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "\"\"")]
    public void Other_values_are_only_quoted(string? value, string expected) =>
        Assert.Equal(expected, CsvCells.Cell(value));

    [Fact]
    public void A_row_is_comma_separated_and_ends_with_crlf() =>
        Assert.Equal("\"a\",\"'=1\",\"\"\r\n", CsvCells.Row(["a", "=1", null]));
}
