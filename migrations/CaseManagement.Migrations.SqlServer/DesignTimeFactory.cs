using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CaseManagement.Migrations.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the model for SqlServer without a running server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CaseDbContext>
{
    public CaseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=casemanagement_design;Trusted_Connection=True;TrustServerCertificate=True");
        return new CaseDbContext(options.Options);
    }
}
