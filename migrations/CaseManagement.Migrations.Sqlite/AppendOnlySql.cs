namespace CaseManagement.Migrations.Sqlite;

internal static class AppendOnlySql
{
    public static IEnumerable<string> Create(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            yield return $"""
                CREATE TRIGGER "{table}_no_update" BEFORE UPDATE ON "{table}"
                BEGIN SELECT RAISE(ABORT, 'Table {table} is append-only: UPDATE refused'); END;
                """;
            yield return $"""
                CREATE TRIGGER "{table}_no_delete" BEFORE DELETE ON "{table}"
                BEGIN SELECT RAISE(ABORT, 'Table {table} is append-only: DELETE refused'); END;
                """;
        }
    }

    public static IEnumerable<string> Drop(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            yield return $"""DROP TRIGGER IF EXISTS "{table}_no_update";""";
            yield return $"""DROP TRIGGER IF EXISTS "{table}_no_delete";""";
        }
    }
}
