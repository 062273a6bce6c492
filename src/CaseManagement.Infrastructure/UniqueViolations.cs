using CaseManagement.Application.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CaseManagement.Infrastructure;

/// <summary>A unique-index (or primary-key) violation, by each provider's error code (ADR-024).</summary>
public sealed class UniqueViolations : IUniqueViolations
{
    /// <summary>SQL Server: "Cannot insert duplicate key row in object … with unique index …".</summary>
    public const int SqlServerDuplicateKeyRow = 2601;

    /// <summary>SQL Server: "Violation of PRIMARY KEY / UNIQUE KEY constraint …".</summary>
    public const int SqlServerUniqueConstraint = 2627;

    /// <summary>SQLite extended result codes SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (primary code 19).</summary>
    public const int SqliteConstraintUnique = 2067;

    public const int SqliteConstraintPrimaryKey = 1555;

    public bool IsUniqueViolation(DbUpdateException exception) => IsUniqueViolation(exception.InnerException);

    /// <summary>The provider's own exception (the inner exception of EF's <see cref="DbUpdateException"/>).</summary>
    public static bool IsUniqueViolation(Exception? providerException) => providerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        // The number of every error in the batch: 2627 comes with 3621 "The statement has been terminated".
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => e.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint),
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };
}
