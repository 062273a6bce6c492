using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        }).AddDatabaseErrors().AddClientApplications();

    /// <summary>
    /// OpenIddict's stores on this DbContext, with the manager that keeps a rotated secret until its overlap ends, and
    /// the boundary the administration's handlers write integration clients through (ADR-029).
    /// </summary>
    public static IServiceCollection AddClientApplications(this IServiceCollection services)
    {
        services.AddOpenIddict().AddCore(o =>
        {
            o.UseEntityFrameworkCore().UseDbContext<CaseDbContext>().ReplaceDefaultEntities<Guid>();
            o.ReplaceApplicationManager(typeof(ClientApplicationManager<>));
        });
        services.TryAddScoped<Application.Features.Administration.IClientApplications, ClientApplications>();
        return services;
    }

    /// <summary>The providers' error recognition that the application asks for (unique violations by error code).</summary>
    public static IServiceCollection AddDatabaseErrors(this IServiceCollection services)
    {
        services.TryAddSingleton<IUniqueViolations, UniqueViolations>();
        return services;
    }

    /// <summary>
    /// How often a unit of work is tried again after a transient fault on SQL Server and PostgreSQL (a failover, a
    /// dropped connection, a deadlock victim), with exponential back-off up to <see cref="MaxRetryDelay"/> (ADR-024).
    /// </summary>
    public const int MaxRetryCount = 6;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The one place that knows each provider's options and migrations assembly. SQL Server and PostgreSQL retry
    /// transient faults, so every user transaction must run inside <c>Database.CreateExecutionStrategy()</c> (the
    /// transaction behaviour, the sealer, the sign-in throttle do); SQLite is local and has nothing to retry.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.Sqlite"));
                options.AddInterceptors(SqliteUnicodeUpper.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.PostgreSql")
                    .EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, errorCodesToAdd: null));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, o => o.MigrationsAssembly("CaseManagement.Migrations.SqlServer")
                    .EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, errorNumbersToAdd: null));
                break;
        }

        // OpenIddict's applications, authorisations, scopes and tokens live in the same database.
        options.UseOpenIddict<Guid>();
        return options;
    }
}
