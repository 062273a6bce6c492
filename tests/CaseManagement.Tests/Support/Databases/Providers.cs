using CaseManagement.Application.Data;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// Theory data: every integration test runs once per database provider. Each row carries the trait
/// <c>Database=&lt;provider&gt;</c>, so a run can pick one provider's cases (the hosted CI's SQL Server job runs
/// <c>-trait "Database=SqlServer"</c>, .github/workflows/sqlserver.yml).
/// </summary>
public static class Providers
{
    public const string Trait = "Database";

    public static TheoryData<DatabaseProvider> All => Of(DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer);

    /// <summary>The database servers (what several instances share), without the embedded SQLite.</summary>
    public static TheoryData<DatabaseProvider> Servers => Of(DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer);

    public static TheoryData<DatabaseProvider> Of(params DatabaseProvider[] providers)
    {
        var data = new TheoryData<DatabaseProvider>();
        foreach (var provider in providers)
        {
            data.Add(new TheoryDataRow<DatabaseProvider>(provider).WithTrait(Trait, provider.ToString()));
        }

        return data;
    }

    /// <summary>Each provider crossed with each named case (cases by name, so the data stays serialisable).</summary>
    public static TheoryData<DatabaseProvider, string> Cross(IEnumerable<string> cases)
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var name in cases)
            {
                data.Add(new TheoryDataRow<DatabaseProvider, string>(provider, name).WithTrait(Trait, provider.ToString()));
            }
        }

        return data;
    }
}
