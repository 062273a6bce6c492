using CaseManagement.Application.Data;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>Theory data: every integration test runs once per database provider.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All =>
        new(DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer);

    /// <summary>Each provider crossed with each named case (cases by name, so the data stays serialisable).</summary>
    public static TheoryData<DatabaseProvider, string> Cross(IEnumerable<string> cases)
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            foreach (var name in cases)
            {
                data.Add(provider, name);
            }
        }

        return data;
    }
}
