using System.Reflection;
using CaseManagement.Application.Auditing;
using CaseManagement.Domain.Auditing;
using CaseManagement.Domain.Persons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Application.Protection;

/// <summary>
/// Encryption at rest in the domain tables (ADR-010). Every string property marked <see cref="SensitiveAttribute"/>
/// on an entity of the model is stored through <see cref="ProtectedStringConverter"/>: AES-256-GCM with the key
/// ring of <see cref="FieldProtector"/>, the key id inside the value. A feature gets this by marking the property;
/// nothing else to configure. Such a column can be neither searched, sorted nor indexed (the nonce is random):
/// putting one in an index fails the model, and look-ups use a blind index instead (<see cref="PersonBlindIndex"/>).
/// </summary>
public static class ProtectedColumns
{
    /// <summary>Applied by <c>CaseDbContext.OnModelCreating</c> after every entity configuration.</summary>
    public static void Apply(ModelBuilder builder, FieldProtector? protector)
    {
        var converter = new ProtectedStringConverter(protector);
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetDeclaredProperties())
            {
                if (!IsProtected(property))
                {
                    continue;
                }

                if (property.GetContainingIndexes().Any() || property.IsKey() || property.IsForeignKey())
                {
                    throw new InvalidOperationException(
                        $"{entityType.DisplayName()}.{property.Name} is [Sensitive] and stored encrypted: it cannot be indexed, a key or a foreign key. Use a blind index.");
                }

                property.SetValueConverter(converter);
                // Ciphertext is ASCII and longer than the text it protects.
                property.SetIsUnicode(false);
                if (property.GetMaxLength() is { } maxLength)
                {
                    property.SetMaxLength(FieldProtector.ProtectedLength(maxLength));
                }
            }
        }
    }

    /// <summary>A string property of the model whose CLR property is marked [Sensitive], or an Identity token value.</summary>
    public static bool IsProtected(IReadOnlyProperty property) =>
        property.ClrType == typeof(string)
        && (property.PropertyInfo?.GetCustomAttribute<SensitiveAttribute>() is not null || IsIdentityTokenValue(property));

    /// <summary>
    /// Identity keeps a user's authenticator key (the TOTP secret, from which every one-time code follows) and the
    /// hashed recovery codes as token values. Identity's classes cannot carry our attribute, so they are named here.
    /// </summary>
    private static bool IsIdentityTokenValue(IReadOnlyProperty property) =>
        property.DeclaringType.ClrType == typeof(IdentityUserToken<Guid>) && property.Name == nameof(IdentityUserToken<Guid>.Value);

    /// <summary>The protected properties of every entity type, for rotation and the tests.</summary>
    public static IEnumerable<(IEntityType EntityType, IReadOnlyList<IProperty> Properties)> All(IModel model) =>
        model.GetEntityTypes()
            .Select(t => (t, (IReadOnlyList<IProperty>)t.GetDeclaredProperties().Where(IsProtected).ToList()))
            .Where(x => x.Item2.Count > 0);
}

/// <summary>
/// Encrypts on write and decrypts on read. Without a key ring (the design-time model for migrations) it refuses to
/// convert anything: a value is never written in plain text.
/// </summary>
public sealed class ProtectedStringConverter(FieldProtector? protector)
    : ValueConverter<string, string>(v => Require(protector).Protect(v), v => Require(protector).Unprotect(v))
{
    private static FieldProtector Require(FieldProtector? protector) =>
        protector ?? throw new InvalidOperationException("No key ring: the DbContext was built without UseFieldProtection.");
}

/// <summary>
/// The key ring and blind index a <c>CaseDbContext</c> works with, carried in its options so that every context made
/// from them (also the access logger's own) encrypts alike.
/// </summary>
public sealed class FieldProtectionExtension(FieldProtector protector, BlindIndex blindIndex) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public FieldProtector Protector { get; } = protector;

    public BlindIndex BlindIndex { get; } = blindIndex;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // Nothing to add: the model cache key factory is replaced through the options (UseFieldProtection).
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "FieldProtection ";

        // One internal service provider for every key ring: the model cache key tells the key rings apart.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["FieldProtection"] = "1";
    }
}

/// <summary>
/// EF Core caches one model per key: here the context type, design time and the key ring's fingerprint, because
/// the model holds the converters and so the keys. Contexts with equal key rings share a model.
/// </summary>
internal sealed class FieldProtectionModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<FieldProtectionExtension>()?.Protector.Fingerprint);
}

public static class FieldProtectionOptions
{
    /// <summary>Encrypts the [Sensitive] columns with <paramref name="protector"/> and keeps blind indexes with <paramref name="blindIndex"/>.</summary>
    public static DbContextOptionsBuilder UseFieldProtection(this DbContextOptionsBuilder options, FieldProtector protector, BlindIndex blindIndex)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new FieldProtectionExtension(protector, blindIndex));
        return options.ReplaceService<IModelCacheKeyFactory, FieldProtectionModelCacheKeyFactory>()
            .AddInterceptors(ProtectedColumnQueryGuard.Instance);
    }
}

/// <summary>
/// The blind index of a national identity number (<see cref="Person.NationalIdentityNumber"/>, and a user's own
/// number for the review queue): a shadow column <see cref="Property"/> next to the encrypted
/// <c>NationalIdentityNumber</c>, kept by the save itself so no handler can forget it. Not audited: it is derived
/// from the audited, encrypted number.
/// </summary>
public static class PersonBlindIndex
{
    public const string Property = "NationalIdentityNumberIndex";
    private const string Source = nameof(Person.NationalIdentityNumber);

    /// <summary>Called in the one change-detection pass of a save, before the audit looks at the entries.</summary>
    public static void Update(ChangeTracker tracker, BlindIndex? blindIndex)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Metadata.FindProperty(Property) is null)
            {
                continue;
            }

            var number = entry.Property(Source).CurrentValue as string;
            var index = number is null
                ? null
                : (blindIndex ?? throw new InvalidOperationException("No blind index key: the DbContext was built without UseFieldProtection.")).Of(number);
            var current = entry.Property(Property);
            if (!Equals(current.CurrentValue, index))
            {
                current.CurrentValue = index;
            }
        }
    }

    /// <summary>Persons whose identity number is <paramref name="nationalIdentityNumber"/> (through the token, never the ciphertext).</summary>
    public static IQueryable<Person> WithIdentityNumber(this IQueryable<Person> persons, BlindIndex blindIndex, string nationalIdentityNumber)
    {
        var index = blindIndex.Of(nationalIdentityNumber);
        return persons.Where(p => EF.Property<string?>(p, Property) == index);
    }
}
