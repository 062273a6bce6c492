using System.Text;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// Safe CSV cells (R18, OWASP "CSV injection"; RFC 4180). A cell that a spreadsheet would read as a formula (starting
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) gets a leading apostrophe; then every cell is quoted, with
/// inner quotes doubled, so commas, quotes and line breaks stay inside the cell.
/// </summary>
public static class CsvCells
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The value neutralised against formula injection, not yet quoted.</summary>
    public static string Neutralise(string? value)
    {
        var text = value ?? "";
        return text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;
    }

    /// <summary>One cell: neutralised and quoted per RFC 4180.</summary>
    public static string Cell(string? value) => "\"" + Neutralise(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One record: the cells joined by commas and ended by CRLF (RFC 4180).</summary>
    public static string Row(IEnumerable<string?> values)
    {
        var line = new StringBuilder();
        foreach (var value in values)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            line.Append(Cell(value));
        }

        return line.Append("\r\n").ToString();
    }
}
