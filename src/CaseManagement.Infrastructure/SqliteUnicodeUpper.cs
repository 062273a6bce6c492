using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseManagement.Infrastructure;

/// <summary>
/// SQLite's own UPPER() folds only the ASCII letters, so a search for "ødegård" would not find "Ødegård" on the
/// embedded database while SQL Server and PostgreSQL find it. Each SQLite connection gets an UPPER() that folds every
/// letter as .NET does (culture-invariant); an application-defined function takes the place of the built-in one.
/// </summary>
internal sealed class SqliteUnicodeUpper : DbConnectionInterceptor
{
    public static readonly SqliteUnicodeUpper Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string?>("upper", text => text?.ToUpperInvariant(), isDeterministic: true);
        }
    }
}
