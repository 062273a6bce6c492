using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManagement.Migrations.SqlServer.Migrations;

/// <summary>
/// READ COMMITTED reads row versions instead of waiting for writers' locks (READ_COMMITTED_SNAPSHOT), so the
/// sealer's and the privacy officer's scans no longer queue behind commands, nor commands behind them (ADR-024).
/// SQL Server only, no model change. ALTER DATABASE cannot run inside a transaction, and it needs the database to
/// itself: WITH ROLLBACK IMMEDIATE rolls back every other session's open transaction. It runs only while the option
/// is off, so an operator who turned it on beforehand in a maintenance window (deploy/README.md) disturbs no one.
/// </summary>
[DbContext(typeof(CaseDbContext))]
[Migration("20261207041500_ReadCommittedSnapshot")]
public sealed class ReadCommittedSnapshot : Migration
{
    public const string TurnOn = """
        IF (SELECT [is_read_committed_snapshot_on] FROM [sys].[databases] WHERE [database_id] = DB_ID()) = 0
            ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
        """;

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(TurnOn, suppressTransaction: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Stays on: the earlier schema works the same with it, and turning it off would again need the database to itself.
    }
}
