namespace CaseManagement.Migrations.SqlServer;

internal static class AppendOnlySql
{
    // CREATE TRIGGER must start a batch, so it runs through EXEC (this also keeps the idempotent script valid).
    public static IEnumerable<string> Create(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            yield return $"""
                EXEC(N'CREATE TRIGGER [{table}_append_only] ON [{table}] INSTEAD OF UPDATE, DELETE AS
                BEGIN
                    THROW 51000, N''Table {table} is append-only: UPDATE and DELETE are refused.'', 1;
                END');
                """;
        }
    }

    public static IEnumerable<string> Drop(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            yield return $"DROP TRIGGER IF EXISTS [{table}_append_only];";
        }
    }
}
