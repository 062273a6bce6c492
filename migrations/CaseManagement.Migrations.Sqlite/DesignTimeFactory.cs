using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CaseManagement.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for Sqlite without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaseDbContext>
{
    public CaseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new CaseDbContext(options.Options);
    }
}
