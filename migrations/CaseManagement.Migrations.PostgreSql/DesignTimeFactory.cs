using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CaseManagement.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSql without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaseDbContext>
{
    public CaseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, "Host=localhost;Database=casemanagement_design");
        return new CaseDbContext(options.Options);
    }
}
