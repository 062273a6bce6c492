namespace CaseManagement.Migrations.PostgreSql;

internal static class AppendOnlySql
{
    public static IEnumerable<string> Create(IEnumerable<string> tables)
    {
        yield return """
            CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END;
            $$;
            """;
        foreach (var table in tables)
        {
            yield return $"""
                CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}"
                FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                """;
            yield return $"""
                CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
                """;
        }
    }

    public static IEnumerable<string> Drop(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            yield return $"""DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}";""";
            yield return $"""DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}";""";
        }

        yield return "DROP FUNCTION IF EXISTS audit_append_only();";
    }
}
