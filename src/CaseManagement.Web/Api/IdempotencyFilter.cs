using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManagement.Web.Api;

/// <summary>
/// <c>Idempotency-Key</c> on every create of /api/v1 (R30): every POST whose handler answers 201 Created. The
/// first request with a key runs and stores the key, a hash of the request and the answer in the transaction of
/// the create (see <see cref="IdempotencyScope"/>); a repeat with the same key and the same request gets that
/// answer again, one with the same key and another request is refused (422). Of two concurrent requests with the
/// same key, the unique index lets one commit; the other's create is rolled back and it answers with the first
/// one's result. Keys are per user and are forgotten after <see cref="Lifetime"/>.
/// </summary>
public static class IdempotencyFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        if (!IsCreate(context.MethodInfo))
        {
            return next;
        }

        var bodies = context.MethodInfo.GetParameters()
            .Where(p => p.GetCustomAttribute<FromBodyAttribute>() is not null)
            .Select(p => p.Position)
            .ToArray();
        return invocation => HandleAsync(invocation, next, bodies);
    }

    /// <summary>A create is an endpoint whose handler returns 201 Created (the same test the OpenAPI document uses).</summary>
    public static bool IsCreate(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type == typeof(Created) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Created<>));
    }

    private static async ValueTask<object?> HandleAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, int[] bodies)
    {
        var http = invocation.HttpContext;
        var values = http.Request.Headers[HeaderName];
        var services = http.RequestServices;
        if (values.Count == 0 || services.GetRequiredService<CurrentUser>().UserId is not { } userId)
        {
            // No key: as before. No user: the pipeline refuses it.
            return await next(invocation);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (!IsValidKey(key))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [HeaderName] = [ParameterProblems.Message(HeaderName, Ui.Problem_Idempotency_Key)] },
                title: Ui.Problem_Validation,
                extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
        }

        var db = services.GetRequiredService<CaseDbContext>();
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ct = http.RequestAborted;
        var hash = Hash(http.Request.Method, http.Request.Path.Value ?? "", bodies.Select(i => invocation.Arguments[i]), json);

        // Forget the sender's expired keys first, so an old key can be used again.
        var expiredBefore = now - Lifetime;
        var expired = await db.IdempotencyRecords.Where(r => r.UserId == userId && r.CreatedAt < expiredBefore).ToListAsync(ct);
        if (expired.Count > 0)
        {
            db.IdempotencyRecords.RemoveRange(expired);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A concurrent request of the same user removed them first.
            }

            db.ChangeTracker.Clear();
        }

        if (await FindAsync(db, userId, key!, ct) is { } earlier)
        {
            return await ReplayAsync(http, db, earlier, hash);
        }

        var record = new IdempotencyRecord { Id = Guid.CreateVersion7(), UserId = userId, Key = key!, RequestHash = hash, CreatedAt = now };
        // An answer with a one-time secret (an activation token) is kept without it: a repeat says what was created, never
        // the secret again (ADR-026).
        services.GetRequiredService<IdempotencyScope>().Expect(record, response => response switch
        {
            null => null,
            Application.Features.Administration.IOneTimeSecret secret => JsonSerializer.Serialize(secret.WithoutSecret(), json),
            _ => JsonSerializer.Serialize(response, response.GetType(), json),
        });

        object? result;
        try
        {
            result = await next(invocation);
        }
        catch (Exception)
        {
            // A concurrent request with the same key committed first: its create stands, ours was rolled back.
            if (await FindAsync(db, userId, key!, CancellationToken.None) is { } winner && winner.Id != record.Id)
            {
                return await ReplayAsync(http, db, winner, hash);
            }

            throw;
        }

        if (result is IStatusCodeHttpResult { StatusCode: { } status })
        {
            var location = result.GetType().GetProperty(nameof(Created.Location))?.GetValue(result) as string;
            // The create committed with the key; now its answer. A crash just here leaves the key without it, and a
            // retry gets 409 (in progress) rather than a second record.
            if (await db.IdempotencyRecords.SingleOrDefaultAsync(r => r.Id == record.Id, CancellationToken.None) is { } stored)
            {
                stored.Status = status;
                stored.Location = location;
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        return result;
    }

    private static async Task<IResult> ReplayAsync(HttpContext http, CaseDbContext db, IdempotencyRecord record, string hash)
    {
        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                title: Ui.Problem_Idempotency_Mismatch,
                detail: Ui.Problem_Idempotency_MismatchDetail,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
        }

        // The first request stores its answer right after its commit; give it a moment.
        for (var attempt = 0; record.Status is null && attempt < 20; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), http.RequestAborted);
            record = await FindAsync(db, record.UserId, record.Key, http.RequestAborted) ?? record;
        }

        if (record.Status is null)
        {
            return TypedResults.Problem(
                title: Ui.Problem_Idempotency_InProgress,
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["traceId"] = http.TraceIdentifier });
        }

        if (record.Location is not null)
        {
            http.Response.Headers.Location = record.Location;
        }

        http.Response.Headers[ReplayedHeaderName] = "true";
        return TypedResults.Text(record.ResponseBody ?? "", "application/json", Encoding.UTF8, record.Status);
    }

    private static Task<IdempotencyRecord?> FindAsync(CaseDbContext db, Guid userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    /// <summary>1–255 visible ASCII characters (a UUID is the usual choice).</summary>
    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyRecord.KeyMaxLength } && key.All(c => c is >= '!' and <= '~');

    /// <summary>The request as bound (so whitespace in the JSON does not matter): method, path and body.</summary>
    private static string Hash(string method, string path, IEnumerable<object?> bodies, JsonSerializerOptions json)
    {
        var text = new StringBuilder(method).Append(' ').Append(path);
        foreach (var body in bodies)
        {
            text.Append('\n').Append(body is null ? "null" : JsonSerializer.Serialize(body, body.GetType(), json));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
