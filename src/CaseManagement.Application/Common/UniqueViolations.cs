using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Common;

/// <summary>
/// A command whose business rule is also a unique index (one plan per person). The handler checks first; when two
/// commands race past the check, the database refuses the second and the transaction behaviour answers with
/// <see cref="Duplicate"/> instead of a server error.
/// </summary>
public interface IUniqueRule
{
    RuleViolationException Duplicate();
}

/// <summary>Recognises a unique-index violation on each provider without referencing the provider packages.</summary>
public static class UniqueViolations
{
    private const string PostgreSqlUniqueViolation = "23505";

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        DbException { SqlState: PostgreSqlUniqueViolation } => true,
        // SQLite: error 19 "UNIQUE constraint failed: …"; SQL Server: errors 2601 and 2627 "Cannot insert duplicate key …".
        DbException db => db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal)
            || db.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
