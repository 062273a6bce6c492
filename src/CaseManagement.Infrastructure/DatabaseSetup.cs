using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Infrastructure;

/// <summary>Chooses the database provider from configuration: <c>Database:Provider</c> and <c>ConnectionStrings:CaseManagement</c>.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "CaseManagement";
    public const string DefaultSqliteConnection = "Data Source=casemanagement.db";

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite, PostgreSql or SqlServer, not '{name}'.");
    }

    public static IServiceCollection AddCaseDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? (provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnection
                : throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required for {provider}."));
        return services.AddCaseDatabase(provider, connectionString);
    }

    /// <summary>The DbContext for a provider, with encryption at rest and the change-audit interceptor always in place.</summary>
    public static IServiceCollection AddCaseDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString) =>
        services.AddDbContext<CaseDbContext>((sp, o) =>
        {
            Configure(o, provider, connectionString);
            o.UseFieldProtection(sp.GetRequiredService<FieldProtector>(), sp.GetRequiredService<BlindIndex>());
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
        });

    /// <summary>The one place that knows each provider's options and migrations assembly.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.Sqlite"));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.PostgreSql"));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.SqlServer"));
                break;
        }

        // OpenIddict's applications, authorisations, scopes and tokens live in the same database.
        options.UseOpenIddict<Guid>();
        return options;
    }
}
