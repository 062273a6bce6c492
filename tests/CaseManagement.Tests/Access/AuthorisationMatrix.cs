using System.Runtime.CompilerServices;
using CaseManagement.Domain.Access;

namespace CaseManagement.Tests.Access;

/// <summary>The answer a message gets (see the header of authorisation-matrix.csv).</summary>
public enum Outcome
{
    /// <summary>Carried out (for a list or search: the record under test is in the result).</summary>
    Allowed,

    /// <summary>Refused; the user may know the record exists (403).</summary>
    Forbidden,

    /// <summary>Refused as if the record did not exist (404); for a list or search: not in the result.</summary>
    NotFound,

    /// <summary>The access check passed, a business rule refused it.</summary>
    Rule,
}

/// <summary>Where the user stands relative to the follow-up under test (see the header of authorisation-matrix.csv).</summary>
public enum Relation
{
    Lead,
    Member,
    SameUnit,
    SameAgency,
    OtherAgency,
    DisclosedByConsent,
    DisclosedByLegalBasis,
    DisclosedOtherKinds,
    ConsentWithdrawn,
    DisclosureEnded,
    DisclosureExpired,
    MovedToOtherAgency,
    EmergencyGrant,
    EmergencyExpired,
}

/// <summary>
/// For a message not about a follow-up: where its subject (a user, a unit's group, a person…) sits relative to the
/// acting user, who works in the owner layout's own unit (see the header of authorisation-matrix.csv).
/// </summary>
public enum SubjectRelation
{
    SubjectOwnUnit,
    SubjectOtherUnit,
    SubjectOtherAgency,
}

/// <summary>The agency that owns (is data controller for) the follow-up under test; for a subject row, the acting user's agency.</summary>
public enum Owner
{
    Police,
    Municipality,
}

/// <summary>
/// One row of the table: a message in one relation to a follow-up, or (a message not about a follow-up) in one
/// relation to a subject, or neither (<see cref="AuthorisationMatrix.NoRelation"/>); one answer per role.
/// </summary>
public sealed record MatrixRow(string Message, Relation? Relation, SubjectRelation? Subject, IReadOnlyDictionary<Role, Outcome> Expected, string Why, int Line)
{
    public string RelationName => Relation?.ToString() ?? Subject?.ToString() ?? AuthorisationMatrix.NoRelation;
}

/// <summary>
/// The expected table (R2), kept as <c>authorisation-matrix.csv</c> next to this file so that a privacy officer can
/// read and review it in a spreadsheet: one row per message and relation, one column per role.
/// </summary>
public static class AuthorisationMatrix
{
    public const string FileName = "authorisation-matrix.csv";
    public const string NoRelation = "-";

    private static readonly Lazy<IReadOnlyList<MatrixRow>> LazyRows = new(Load);

    public static IReadOnlyList<MatrixRow> Rows => LazyRows.Value;

    /// <summary>The header the file must have: a new role makes every row incomplete, so the table must be extended.</summary>
    public static string ExpectedHeader => "Message,Relation," + string.Join(",", Enum.GetNames<Role>()) + ",Why";

    public static MatrixRow Row(string message, string relation) =>
        Rows.SingleOrDefault(r => r.Message == message && r.RelationName == relation)
        ?? throw new InvalidOperationException($"{FileName} has no row {message},{relation}.");

    /// <summary>Every (message, relation) of the table, for theories.</summary>
    public static IEnumerable<(string Message, string Relation)> Keys() => Rows.Select(r => (r.Message, r.RelationName));

    public static string Locate() => LocateFrom();

    private static string LocateFrom([CallerFilePath] string sourceFile = "")
    {
        // Next to this source file (the one a reviewer edits); the output folder if a build ever copies it there.
        string[] candidates =
        [
            Path.Combine(Path.GetDirectoryName(sourceFile) ?? ".", FileName),
            Path.Combine(AppContext.BaseDirectory, "Access", FileName),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The authorisation matrix was not found at {string.Join(" or ", candidates)}.");
    }

    private static IReadOnlyList<MatrixRow> Load()
    {
        var lines = File.ReadAllLines(Locate());
        var roles = Enum.GetValues<Role>();
        var rows = new List<MatrixRow>();
        var headerSeen = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                if (line != ExpectedHeader)
                {
                    throw new InvalidDataException($"{FileName} line {i + 1}: the header must be\n{ExpectedHeader}\n(one column per role, in the order of the Role enum) but is\n{line}");
                }

                headerSeen = true;
                continue;
            }

            // The last column (why) is free text and may hold commas.
            var cells = line.Split(',', roles.Length + 3);
            if (cells.Length != roles.Length + 3)
            {
                throw new InvalidDataException($"{FileName} line {i + 1}: expected {roles.Length + 3} cells, found {cells.Length}.");
            }

            Relation? relation = null;
            SubjectRelation? subject = null;
            if (Enum.GetNames<Relation>().Contains(cells[1], StringComparer.Ordinal))
            {
                relation = Enum.Parse<Relation>(cells[1]);
            }
            else if (Enum.GetNames<SubjectRelation>().Contains(cells[1], StringComparer.Ordinal))
            {
                subject = Enum.Parse<SubjectRelation>(cells[1]);
            }
            else if (cells[1] != NoRelation)
            {
                throw new InvalidDataException($"{FileName} line {i + 1}: unknown relation '{cells[1]}'.");
            }

            var expected = new Dictionary<Role, Outcome>();
            for (var c = 0; c < roles.Length; c++)
            {
                expected[roles[c]] = Enum.TryParse<Outcome>(cells[c + 2], out var o) && Enum.IsDefined(o)
                    ? o
                    : throw new InvalidDataException($"{FileName} line {i + 1}: '{cells[c + 2]}' is not an answer (Allowed, Forbidden, NotFound, Rule).");
            }

            rows.Add(new MatrixRow(cells[0], relation, subject, expected, cells[^1], i + 1));
        }

        return rows;
    }
}
