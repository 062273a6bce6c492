using System.Reflection;
using System.Runtime.CompilerServices;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CaseManagement.Application.Protection;

/// <summary>How many rows and values one rotation rewrote, per entity.</summary>
public sealed record KeyRotationResult(IReadOnlyDictionary<string, int> RowsByEntity, int Values);

/// <summary>
/// Re-encrypts every [Sensitive] column under the active key (operator command <c>rotate-keys</c>, ADR-010), in
/// batches, each batch one save through EF: the audit records one event per batch with a <c>Reencrypt</c> change
/// per value (no value recorded). The same pass recomputes the persons' blind index, so a new
/// <c>Protection:BlindIndexKey</c> takes effect too. Old keys must stay configured until it has run, and for as
/// long as audit entries encrypted under them are kept: the audit is append-only and is not re-encrypted.
/// </summary>
public sealed class KeyRotation(CaseDbContext db, CurrentUser currentUser)
{
    public const string MessageName = "RotateEncryptionKeys";
    public const int BatchSize = 200;

    private static readonly MethodInfo RotateEntity = typeof(KeyRotation).GetMethod(nameof(RotateEntityAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public async Task<KeyRotationResult> RotateAsync(CancellationToken ct)
    {
        currentUser.MessageName = MessageName;
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var values = 0;
        foreach (var (entityType, properties) in ProtectedColumns.All(db.Model))
        {
            var task = (Task<(int Rows, int Values)>)RotateEntity.MakeGenericMethod(entityType.ClrType).Invoke(this, [entityType, properties, ct])!;
            var (entityRows, entityValues) = await task;
            rows[entityType.ClrType.Name] = entityRows;
            values += entityValues;
        }

        return new KeyRotationResult(rows, values);
    }

    private async Task<(int Rows, int Values)> RotateEntityAsync<T>(IEntityType entityType, IReadOnlyList<IProperty> properties, CancellationToken ct)
        where T : class
    {
        var rows = 0;
        var values = 0;
        await foreach (var entities in BatchesAsync<T>(entityType, ct))
        {
            foreach (var entity in entities)
            {
                var entry = db.Entry(entity);
                var any = false;
                foreach (var property in properties)
                {
                    var value = entry.Property(property.Name);
                    if (value.CurrentValue is not null)
                    {
                        // Unchanged in the model, written anyway: the converter encrypts it under the active key.
                        value.IsModified = true;
                        values++;
                        any = true;
                    }
                }

                rows += any ? 1 : 0;
            }

            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        return (rows, values);
    }

    /// <summary>
    /// The rows in batches, tracked. By id for the domain's single Guid keys; Identity's tokens (a composite key, one
    /// or two rows per user) are read in one go.
    /// </summary>
    private async IAsyncEnumerable<List<T>> BatchesAsync<T>(IEntityType entityType, [EnumeratorCancellation] CancellationToken ct)
        where T : class
    {
        if (entityType.FindPrimaryKey()?.Properties is not [{ ClrType: var keyType } keyProperty] || keyType != typeof(Guid))
        {
            db.ChangeTracker.Clear();
            yield return await db.Set<T>().ToListAsync(ct);
            yield break;
        }

        var key = keyProperty.Name;
        var ids = await db.Set<T>().AsNoTracking().Select(e => EF.Property<Guid>(e, key)).ToListAsync(ct);
        foreach (var batch in ids.Chunk(BatchSize))
        {
            db.ChangeTracker.Clear();
            yield return await db.Set<T>().Where(e => batch.Contains(EF.Property<Guid>(e, key))).ToListAsync(ct);
        }
    }
}
