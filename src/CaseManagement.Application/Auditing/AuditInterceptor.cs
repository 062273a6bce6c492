using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseManagement.Application.Auditing;

/// <summary>
/// Writes the field-level change audit in the same save, and so the same transaction, as the change: one
/// <see cref="AuditEvent"/> per save with one <see cref="AuditChange"/> per changed field. If the audit cannot be
/// written, the save fails and nothing is stored. One change-detection pass per save. The event is sealed into the
/// hash chain just after the commit by <see cref="ChainSealer"/>, so commands do not queue on the chain's head (ADR-017).
/// </summary>
public sealed class AuditInterceptor(CurrentUser currentUser, TimeProvider clock, FieldProtector protector, AuditChain chain, ChainSealer sealer) : SaveChangesInterceptor
{
    /// <summary>Identity fields that are secrets or mechanics, never recorded.</summary>
    private static readonly HashSet<string> NeverRecorded = new(StringComparer.Ordinal)
    {
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), "LastTotpTimeStep",
        // Derived from the audited (encrypted) number; a deterministic token in the audit would only add a way to link.
        Protection.PersonBlindIndex.Property,
    };

    private bool _wroteEvent;

    /// <summary>Attribute look-ups are reflection: done once per property, not once per property per save.</summary>
    private static readonly ConcurrentDictionary<PropertyInfo, (bool NotAudited, bool Sensitive)> Attributes = new();

    private static (bool NotAudited, bool Sensitive) ReadAttributes(PropertyInfo info) =>
        (info.GetCustomAttribute<NotAuditedAttribute>() is not null, info.GetCustomAttribute<SensitiveAttribute>() is not null);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CaseDbContext db)
        {
            await AuditAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CaseDbContext db)
        {
            AuditAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // The command's transaction may still be open: the sealer also looks again on its own after a short while.
        if (_wroteEvent)
        {
            _wroteEvent = false;
            sealer.Nudge();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _wroteEvent = false;

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _wroteEvent = false;
        return Task.CompletedTask;
    }

    private async Task AuditAsync(CaseDbContext db, CancellationToken ct)
    {
        // CaseDbContext has run the save's one change-detection pass and turned automatic detection off.
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e.Metadata.ClrType))
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var personOfFollowUp = await PersonsOfFollowUpsAsync(db, entries, ct);
        var now = AuditChain.RecordTime(clock);
        var user = currentUser.Context;
        var auditEvent = new AuditEvent
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = now,
            UserId = user?.UserId ?? currentUser.UserId,
            UnitId = user?.UnitId,
            Roles = user is null ? "" : string.Join(",", user.Roles.Order()),
            MessageName = currentUser.MessageName ?? "system",
            CorrelationId = currentUser.CorrelationId ?? "",
            ClientAddress = currentUser.ClientAddress,
            EmergencyAccessId = currentUser.EmergencyAccessId,
        };

        var rotation = auditEvent.MessageName == Protection.KeyRotation.MessageName;
        var ordinal = 0;
        foreach (var entry in entries)
        {
            var operation = entry.State switch
            {
                EntityState.Added => AuditOperation.Insert,
                EntityState.Deleted => AuditOperation.Delete,
                _ => AuditOperation.Update,
            };
            var entityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
            var personId = PersonIdOf(entry, personOfFollowUp);

            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                // Concurrency tokens are mechanics, secrets are never recorded.
                var (notAudited, sensitive) = meta.PropertyInfo is { } info ? Attributes.GetOrAdd(info, ReadAttributes) : (false, false);
                if (meta.IsConcurrencyToken || notAudited || NeverRecorded.Contains(meta.Name) || IsTokenValue(entry, meta.Name))
                {
                    continue;
                }

                string? oldValue = operation == AuditOperation.Insert ? null : Format(property.OriginalValue);
                string? newValue = operation == AuditOperation.Delete ? null : Format(property.CurrentValue);
                if (operation == AuditOperation.Update && string.Equals(oldValue, newValue, StringComparison.Ordinal))
                {
                    // During a key rotation an unchanged value is written anyway to re-encrypt it: a technical change,
                    // recorded without the value. (Elsewhere a whole-entity update rewrites unchanged fields: not a change.)
                    if (rotation && sensitive && property.IsModified && newValue is not null)
                    {
                        auditEvent.Changes.Add(new AuditChange
                        {
                            Ordinal = ordinal++,
                            EntityType = entry.Metadata.ClrType.Name,
                            EntityId = entityId,
                            PersonId = personId,
                            Operation = AuditOperation.Reencrypt,
                            Field = meta.Name,
                        });
                    }

                    continue;
                }

                auditEvent.Changes.Add(new AuditChange
                {
                    Ordinal = ordinal++,
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = entityId,
                    PersonId = personId,
                    Operation = operation,
                    Field = meta.Name,
                    OldValue = sensitive && oldValue is not null ? protector.Protect(oldValue) : oldValue,
                    NewValue = sensitive && newValue is not null ? protector.Protect(newValue) : newValue,
                    IsEncrypted = sensitive,
                });
            }
        }

        if (auditEvent.Changes.Count == 0)
        {
            return;
        }

        auditEvent.Subjects = SubjectsOf(auditEvent);
        auditEvent.ContentHash = chain.ContentHashOf(auditEvent);
        db.AuditEvents.Add(auditEvent);
        db.AuditSubjects.AddRange(auditEvent.Subjects);
        _wroteEvent = true;
    }

    /// <summary>One index row per distinct (person, record kind) the event changed.</summary>
    public static List<AuditSubject> SubjectsOf(AuditEvent auditEvent) =>
        auditEvent.Changes
            .Select(c => (c.PersonId, c.EntityType))
            .Distinct()
            .Select(s => new AuditSubject { Id = Guid.CreateVersion7(), AuditEventId = auditEvent.Id, PersonId = s.PersonId, EntityType = s.EntityType })
            .ToList();

    // A user's second factor (authenticator key, recovery codes) is audited as being set or removed, never its value.
    private static bool IsAudited(Type type) =>
        type.Namespace?.StartsWith("CaseManagement.Domain", StringComparison.Ordinal) == true
        || type == typeof(AppUser)
        || type == typeof(IdentityUserRole<Guid>)
        || type == typeof(IdentityUserLogin<Guid>)
        || type == typeof(IdentityUserToken<Guid>);

    private static bool IsTokenValue(EntityEntry entry, string property) =>
        entry.Entity is IdentityUserToken<Guid> && property == nameof(IdentityUserToken<Guid>.Value);

    private static Guid? PersonIdOf(EntityEntry entry, Dictionary<Guid, Guid> personOfFollowUp)
    {
        if (entry.Entity is Domain.Persons.Person person)
        {
            return person.Id;
        }

        if (entry.Metadata.FindProperty("PersonId") is { } personProperty)
        {
            return entry.Property(personProperty.Name).CurrentValue as Guid?;
        }

        if (entry.Metadata.FindProperty("FollowUpId") is { } followUpProperty
            && entry.Property(followUpProperty.Name).CurrentValue is Guid followUpId
            && personOfFollowUp.TryGetValue(followUpId, out var pid))
        {
            return pid;
        }

        return null;
    }

    private static async Task<Dictionary<Guid, Guid>> PersonsOfFollowUpsAsync(CaseDbContext db, List<EntityEntry> entries, CancellationToken ct)
    {
        var map = db.ChangeTracker.Entries<Domain.FollowUps.FollowUp>().ToDictionary(e => e.Entity.Id, e => e.Entity.PersonId);
        var missing = entries
            .Where(e => e.Metadata.FindProperty("PersonId") is null && e.Metadata.FindProperty("FollowUpId") is not null)
            .Select(e => e.Property("FollowUpId").CurrentValue)
            .OfType<Guid>()
            .Where(id => !map.ContainsKey(id))
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            foreach (var row in await db.FollowUps.AsNoTracking().Where(f => missing.Contains(f.Id)).Select(f => new { f.Id, f.PersonId }).ToListAsync(ct))
            {
                map[row.Id] = row.PersonId;
            }
        }

        return map;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
