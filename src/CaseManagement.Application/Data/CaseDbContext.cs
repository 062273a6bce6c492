using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Sharing;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManagement.Application.Data;

/// <summary>
/// The one way to the data. Handlers use it directly (no repositories: docs/decisions/ADR-004). One model for
/// SQLite, PostgreSQL and SQL Server; the provider-specific parts (concurrency tokens, time storage) are chosen
/// here from the provider in use, and each provider has its own migrations project.
/// </summary>
public sealed class CaseDbContext(DbContextOptions<CaseDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Guardian> Guardians => Set<Guardian>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<LegalBasis> LegalBases => Set<LegalBasis>();
    public DbSet<EmergencyAccess> EmergencyAccesses => Set<EmergencyAccess>();

    internal DatabaseProvider Provider => DatabaseProviders.FromName(Database.ProviderName);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CaseDbContext).Assembly);
        ConcurrencyTokens.Configure(builder, Provider);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // SQLite has no time type; stored as ticks (UTC), times order and compare correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ConcurrencyTokens.BumpSqliteVersions(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ConcurrencyTokens.BumpSqliteVersions(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

public static class DatabaseProviders
{
    public static DatabaseProvider FromName(string? providerName) => providerName switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.PostgreSql,
        "Microsoft.EntityFrameworkCore.SqlServer" => DatabaseProvider.SqlServer,
        _ => throw new NotSupportedException($"Unsupported database provider '{providerName}'."),
    };
}
