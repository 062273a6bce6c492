using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using CaseManagement.Application.Data;
using CaseManagement.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Security;

/// <summary>
/// Rate limiting of the sign-in steps (R9), plugged into ASP.NET Core's rate-limiting middleware as its global
/// limiter. Only POSTs to the sign-in pages (<see cref="LoginStepAttribute"/>) count. Fixed windows on the injected
/// <see cref="TimeProvider"/>, kept in the database (<see cref="LoginThrottleWindow"/>) so that every instance behind
/// the load balancer counts against the same limits:
/// <list type="bullet">
/// <item>per client address: <see cref="PerClientLimit"/> sign-in POSTs (any step) per <see cref="ClientWindow"/>;</item>
/// <item>per user name typed in the password step: <see cref="PerUserLimit"/> per <see cref="UserWindow"/>;</item>
/// <item>per account in the second-factor steps (from the two-factor cookie): <see cref="PerUserLimit"/> per
/// <see cref="UserWindow"/>.</item>
/// </list>
/// A refused request gets 429 with Retry-After and the same short page whatever the user name, so throttling tells
/// nothing about which accounts exist. Nothing is permanent: windows end by themselves, and an administrator can
/// clear a user's windows together with their lockout (the UnlockUser and RequireReEnrolment messages).
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IServiceScopeFactory scopes) : PartitionedRateLimiter<HttpContext>
{
    public const int PerClientLimit = 60;
    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(1);
    public const int PerUserLimit = 10;
    public static readonly TimeSpan UserWindow = TimeSpan.FromMinutes(15);

    /// <summary>Above this many stored windows, new user keys are not tracked (the address limit and lockout still apply).</summary>
    private const int MaxTrackedKeys = 100_000;

    /// <summary>Ended windows are deleted at most this often (by whichever instance counts first after it).</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);

    private const string DecisionItem = "CaseManagement.LoginThrottle.Decision";

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;
    private volatile bool _flooded;

    /// <summary>A POST to a page marked <see cref="LoginStepAttribute"/> (by endpoint, so no path spelling escapes it).</summary>
    public static LoginStepAttribute? LoginStepOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) ? context.GetEndpoint()?.Metadata.GetMetadata<LoginStepAttribute>() : null;

    public static string UserNameKey(string userName) => SignInThrottleKeys.UserName(userName);

    /// <summary>Forgets the windows of one user name and one account (administrator unlock), on every instance.</summary>
    public void Reset(string? userName, Guid userId)
    {
        var keys = new List<string> { SignInThrottleKeys.Account(userId) };
        if (userName is not null)
        {
            keys.Add(UserNameKey(userName));
        }

        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CaseDbContext>().LoginThrottleWindows.Where(w => keys.Contains(w.Key)).ExecuteDelete();
    }

    /// <summary>
    /// Middleware in front of the rate limiter: finds the keys of a sign-in POST (which needs the form or the
    /// two-factor cookie, both async), counts them in the database and leaves the decision for the limiter.
    /// </summary>
    public static IApplicationBuilder UseLoginThrottle(IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (LoginStepOf(context) is { } step)
            {
                var throttle = context.RequestServices.GetRequiredService<LoginThrottle>();
                context.Items[DecisionItem] = await throttle.CountAsync(await KeysAsync(context, step), context.RequestAborted);
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    public static void Configure(RateLimiterOptions options, IServiceProvider services)
    {
        options.GlobalLimiter = services.GetRequiredService<LoginThrottle>();
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = WriteRejectionAsync;
    }

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        resource.Items[DecisionItem] as Lease ?? Lease.Granted;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <summary>
    /// Takes one permit from every window or from none (so one full window does not drain the others), in one
    /// transaction. Each window is counted by an UPDATE with the limit in its WHERE clause, so two instances counting
    /// the same key at once wait for each other's row lock and never both take the last permit.
    /// </summary>
    internal async Task<Lease> CountAsync(List<(string Key, int Limit, TimeSpan Length)> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await SweepAsync(now, ct);
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            try
            {
                // The retrying strategy (ADR-024) runs the whole transaction again after a transient fault.
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(token => CountOnceAsync(db, keys, now, token), ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request created the same window at the same moment: count again, now with its row.
            }
        }
    }

    private async Task<Lease> CountOnceAsync(CaseDbContext db, List<(string Key, int Limit, TimeSpan Length)> keys, DateTimeOffset now, CancellationToken ct)
    {
        // A retry starts from nothing: no window added by the failed try.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        TimeSpan? retryAfter = null;
        foreach (var (key, limit, length) in keys)
        {
            var windows = db.LoginThrottleWindows.Where(w => w.Key == key);
            var ends = now + length;
            await windows.Where(w => w.EndsAt <= now).ExecuteUpdateAsync(s => s.SetProperty(w => w.EndsAt, ends).SetProperty(w => w.Count, 0), ct);
            if (await windows.Where(w => w.Count < limit).ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + 1), ct) == 1)
            {
                continue;
            }

            var full = await windows.AsNoTracking().Select(w => (DateTimeOffset?)w.EndsAt).SingleOrDefaultAsync(ct);
            if (full is { } end)
            {
                var wait = end - now;
                retryAfter = retryAfter is null || wait > retryAfter ? wait : retryAfter;
            }
            else if (!_flooded || key.StartsWith("ip:", StringComparison.Ordinal))
            {
                // Flooded with made-up user names, those are not tracked; otherwise a new window.
                db.LoginThrottleWindows.Add(new LoginThrottleWindow { Key = key, EndsAt = ends, Count = 1 });
                await db.SaveChangesAsync(ct);
            }
        }

        if (retryAfter is not null)
        {
            await transaction.RollbackAsync(ct);
            return new Lease(false, retryAfter);
        }

        await transaction.CommitAsync(ct);
        return Lease.Granted;
    }

    private async Task SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepEvery;
        await using var scope = scopes.CreateAsyncScope();
        var windows = scope.ServiceProvider.GetRequiredService<CaseDbContext>().LoginThrottleWindows;
        await windows.Where(w => w.EndsAt <= now).ExecuteDeleteAsync(ct);
        _flooded = await windows.CountAsync(ct) > MaxTrackedKeys;
    }

    private static async Task<List<(string Key, int Limit, TimeSpan Length)>> KeysAsync(HttpContext context, LoginStepAttribute step)
    {
        var keys = new List<(string Key, int Limit, TimeSpan Length)>
        {
            ("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), PerClientLimit, ClientWindow),
        };

        if (step.IsPasswordStep)
        {
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var userName = form["Input.UserName"].ToString();
                if (userName.Length > 0)
                {
                    keys.Add((UserNameKey(userName), PerUserLimit, UserWindow));
                }
            }
        }
        else
        {
            var twoFactor = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
            var userId = twoFactor.Principal?.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value;
            if (Guid.TryParse(userId, out var id))
            {
                keys.Add((SignInThrottleKeys.Account(id), PerUserLimit, UserWindow));
            }
        }

        return keys;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Ui>>();
        var html = HtmlEncoder.Default;
        var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nb";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{html.Encode(t["Throttled_Title"])} – {html.Encode(t["App_Name"])}</title>" +
            "<link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main class=\"account-main\"><section class=\"login-card\">" +
            $"<h1>{html.Encode(t["Throttled_Title"])}</h1><p role=\"alert\">{html.Encode(t["Throttled_Text"])}</p>" +
            $"<p><a href=\"/login\">{html.Encode(t["Login_BackToLogin"])}</a></p></section></main></body></html>",
            ct);
    }

    internal sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is not null && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter.Value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}

/// <summary>Marks a sign-in page: its POSTs are rate-limited by <see cref="LoginThrottle"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LoginStepAttribute(bool isPasswordStep = false) : Attribute
{
    /// <summary>The password step is limited per typed user name; the other steps per account.</summary>
    public bool IsPasswordStep { get; } = isPasswordStep;
}
