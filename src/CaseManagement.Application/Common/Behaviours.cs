using System.Diagnostics;
using System.Reflection;
using CaseManagement.Application.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CaseManagement.Application.Common;

/// <summary>
/// First in the pipeline: logs the message name, the user id and the outcome. Never the payload: a message may
/// carry an identity number or a note.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, CurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        user.MessageName = typeof(TMessage).Name;
        user.CorrelationId ??= Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(logger, typeof(TMessage).Name, user.UserId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            LogRefused(logger, typeof(TMessage).Name, user.UserId, ex.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{MessageName} handled for user {UserId} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string messageName, Guid? userId, double elapsedMs);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{MessageName} refused or failed for user {UserId}: {Outcome}")]
    private static partial void LogRefused(ILogger logger, string messageName, Guid? userId, string outcome);
}

/// <summary>
/// Refused attempts are logged too (R20): a message refused as not found or forbidden leaves an access-log entry
/// naming the person or follow-up it asked for, written after the refused work was rolled back.
/// </summary>
public sealed class RefusalLogBehaviour<TMessage, TResponse>(Auditing.AccessLogger accessLog)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly PropertyInfo? PersonIdProperty = typeof(TMessage).GetProperty("PersonId");
    private static readonly PropertyInfo? FollowUpIdProperty = typeof(TMessage).GetProperty("FollowUpId");

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            var record = new Auditing.AccessRecord(
                PersonIdProperty?.GetValue(message) as Guid?,
                FollowUpIdProperty?.GetValue(message) as Guid?,
                typeof(TMessage).Name,
                Auditing.AccessPurpose.NormalWork,
                Auditing.AccessOutcome.Refused,
                ResultCount: 0);
            await accessLog.RecordAsync(record, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>
/// Deny by default. The message must declare a capability; the user must be signed in, active in the database,
/// and hold a role that grants it. Roles and unit are read fresh for every message, so revocation takes effect
/// at once, even in an open Blazor circuit. Record-level checks (team, agency) happen in the handler on top.
/// </summary>
public sealed class AuthorisationBehaviour<TMessage, TResponse>(CurrentUser user, CaseDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly RequiresAttribute? Declared = typeof(TMessage).GetCustomAttribute<RequiresAttribute>();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Declared is null)
        {
            throw new ForbiddenException(typeof(TMessage).Name);
        }

        // The system actor runs scheduled jobs and nothing else; no signed-in user ever runs a scheduled job.
        if (user.IsSystem || Declared.Capability == Domain.Access.Capability.RunScheduledJobs)
        {
            return user.IsSystem && Declared.Capability == Domain.Access.Capability.RunScheduledJobs
                ? await next(message, cancellationToken)
                : throw new ForbiddenException(typeof(TMessage).Name);
        }

        var userId = user.UserId ?? throw new UnauthenticatedException();
        var context = await UserContextLoader.LoadAsync(db, userId, cancellationToken) ?? throw new UnauthenticatedException();
        user.Context = context;

        if (!context.Can(Declared.Capability))
        {
            throw new ForbiddenException(typeof(TMessage).Name);
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>Runs every validator of the message; any failure refuses it before the handler runs.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>
/// Commands only: one transaction around the handler and the save, inside EF's execution strategy. Handlers change
/// entities; this behaviour saves, so the change and its audit are committed together or not at all. An API create's
/// Idempotency-Key (<see cref="IdempotencyScope"/>) is saved in the same transaction. On SQL Server and PostgreSQL the
/// strategy retries a transient fault by running handler, audit and save again in a new transaction, so a handler
/// keeps its effects in the database (ADR-024).
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(CaseDbContext db, IdempotencyScope idempotency, IUniqueViolations uniqueViolations)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var key = idempotency.Take();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            // A retry starts from a clean slate, never from half-applied changes.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var response = await next(message, ct);
            if (key is { } claimed)
            {
                // R30: the request's Idempotency-Key is committed with the change or not at all.
                claimed.Record.ResponseBody = claimed.Serialise(response);
                db.IdempotencyRecords.Add(claimed.Record);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                var kind = ex.Entries.Count > 0 ? ex.Entries[0].Metadata.ClrType.Name : typeof(TMessage).Name;
                throw new ConcurrencyConflictException(kind);
            }
            catch (DbUpdateException ex) when (message is IUniqueRule rule && uniqueViolations.IsUniqueViolation(ex))
            {
                // The loser of a race past the handler's check meets the unique index: the rule's answer, not a 500.
                throw rule.Duplicate();
            }

            await transaction.CommitAsync(ct);
            return response;
        }, cancellationToken);
    }
}
