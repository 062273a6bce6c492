using CaseManagement.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CaseManagement.Application.Data;

/// <summary>
/// Optimistic concurrency on every editable domain record, with each provider's native mechanism:
/// rowversion on SQL Server, the xmin system column on PostgreSQL, a counter on SQLite. Outside this class the
/// token is an opaque string ("version") that a client reads with the record and sends back with its edit.
/// </summary>
public static class ConcurrencyTokens
{
    private const string SqlServerName = "RowVersion";
    private const string PostgreSqlName = "xmin";
    private const string SqliteName = "Version";

    public static string PropertyName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => SqlServerName,
        DatabaseProvider.PostgreSql => PostgreSqlName,
        DatabaseProvider.Sqlite => SqliteName,
    };

    internal static void Configure(ModelBuilder builder, DatabaseProvider provider)
    {
        var versioned = builder.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("CaseManagement.Domain", StringComparison.Ordinal) == true)
            // Reference data shipped with the migrations (the legal-basis catalogue) changes only by release.
            .Where(t => !t.GetSeedData().Any())
            .Select(t => t.ClrType)
            .ToList();

        foreach (var type in versioned)
        {
            var entity = builder.Entity(type);
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    entity.Property<byte[]>(SqlServerName).IsRowVersion();
                    break;
                case DatabaseProvider.PostgreSql:
                    entity.Property<uint>(PostgreSqlName).IsRowVersion();
                    break;
                case DatabaseProvider.Sqlite:
                    entity.Property<long>(SqliteName).IsConcurrencyToken();
                    break;
            }
        }
    }

    internal static void BumpSqliteVersions(CaseDbContext db)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries())
        {
            var property = entry.Metadata.FindProperty(SqliteName);
            if (property is null)
            {
                continue;
            }

            if (entry.State == EntityState.Added)
            {
                entry.Property(SqliteName).CurrentValue = 1L;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(SqliteName).CurrentValue = (long)entry.Property(SqliteName).OriginalValue! + 1;
            }
        }
    }

    /// <summary>The record's version as read, for a client to send back with an edit.</summary>
    public static string Read(EntityEntry entry)
    {
        var name = PropertyName(((CaseDbContext)entry.Context).Provider);
        return entry.Property(name).CurrentValue switch
        {
            byte[] bytes => Convert.ToBase64String(bytes),
            uint xid => Convert.ToBase64String(BitConverter.GetBytes(xid)),
            long counter => Convert.ToBase64String(BitConverter.GetBytes(counter)),
            _ => "",
        };
    }

    /// <summary>
    /// Makes the version the client read the one EF checks on save. A version that cannot be decoded is treated
    /// as stale: someone else's change must never be overwritten by a guess.
    /// </summary>
    public static void ExpectVersion(EntityEntry entry, string version, string recordKind)
    {
        var name = PropertyName(((CaseDbContext)entry.Context).Provider);
        var property = entry.Property(name);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(version);
        }
        catch (FormatException)
        {
            throw new ConcurrencyConflictException(recordKind);
        }

        object? expected = property.Metadata.ClrType switch
        {
            var t when t == typeof(byte[]) => bytes,
            var t when t == typeof(uint) && bytes.Length == 4 => BitConverter.ToUInt32(bytes),
            var t when t == typeof(long) && bytes.Length == 8 => BitConverter.ToInt64(bytes),
            _ => null,
        };
        if (expected is null || !Equals(Normalise(expected), Normalise(property.CurrentValue)))
        {
            throw new ConcurrencyConflictException(recordKind);
        }

        property.OriginalValue = expected;
    }

    private static object? Normalise(object? value) => value is byte[] b ? Convert.ToBase64String(b) : value;
}
