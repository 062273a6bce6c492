using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CaseManagement.Migrations.Sqlite.Migrations;

/// <summary>
/// The database itself refuses UPDATE and DELETE on the audit and access-log tables (append-only). Hand-written:
/// triggers are not part of the EF model. See deploy/README.md for the grants that go with it.
/// </summary>
[DbContext(typeof(CaseDbContext))]
[Migration("20261125230000_AuditAppendOnly")]
public sealed class AuditAppendOnly : Migration
{
    private static readonly string[] Tables = ["AuditEvents", "AuditSubjects", "AuditEventSeals", "AccessLog", "AccessLogSeals"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in AppendOnlySql.Create(Tables))
        {
            migrationBuilder.Sql(sql);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in AppendOnlySql.Drop(Tables))
        {
            migrationBuilder.Sql(sql);
        }
    }
}
