using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Database;

/// <summary>
/// The hosted CI's SQL Server job (.github/workflows/sqlserver.yml) cannot run here, so this keeps it in step with the
/// code it depends on: the variable SqlServerServer reads, the trait the provider rows carry, and a run that fails
/// rather than skips when the server is missing.
/// </summary>
public sealed class HostedCiWorkflowTests
{
    [Fact]
    public void The_SqlServer_workflow_selects_the_SQL_Server_rows_and_gives_them_a_server()
    {
        var workflow = File.ReadAllText(Path.Combine(RepositoryRoot(), ".github", "workflows", "sqlserver.yml"));

        Assert.Contains($"image: {SqlServerServer.Image}", workflow, StringComparison.Ordinal);
        Assert.Contains($"{SqlServerServer.EnvironmentVariable}: ", workflow, StringComparison.Ordinal);
        Assert.Contains($"-trait \"{Providers.Trait}=SqlServer\"", workflow, StringComparison.Ordinal);
        // Without pre-enumeration a theory is one test case and its rows' traits are not seen by the filter.
        Assert.Contains("-preEnumerateTheories", workflow, StringComparison.Ordinal);
        Assert.Contains("-failSkips", workflow, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CaseManagement.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CaseManagement.sln not found above " + AppContext.BaseDirectory);
    }
}
