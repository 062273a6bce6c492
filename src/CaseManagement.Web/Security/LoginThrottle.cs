using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using CaseManagement.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Security;

/// <summary>
/// Rate limiting of the sign-in steps (R9), plugged into ASP.NET Core's rate-limiting middleware as its global
/// limiter. Only POSTs to the sign-in pages (<see cref="LoginStepAttribute"/>) count. Fixed windows on the injected
/// <see cref="TimeProvider"/>, kept in memory per app instance:
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
public sealed class LoginThrottle(TimeProvider clock) : PartitionedRateLimiter<HttpContext>, CaseManagement.Application.Common.ISignInThrottle
{
    public const int PerClientLimit = 60;
    public static readonly TimeSpan ClientWindow = TimeSpan.FromMinutes(1);
    public const int PerUserLimit = 10;
    public static readonly TimeSpan UserWindow = TimeSpan.FromMinutes(15);

    /// <summary>Above this many tracked keys, expired windows are swept; new user keys beyond twice it are not tracked.</summary>
    private const int MaxTrackedKeys = 50_000;

    private const string KeysItem = "CaseManagement.LoginThrottle.Keys";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>A POST to a page marked <see cref="LoginStepAttribute"/> (by endpoint, so no path spelling escapes it).</summary>
    public static LoginStepAttribute? LoginStepOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) ? context.GetEndpoint()?.Metadata.GetMetadata<LoginStepAttribute>() : null;

    public static string UserNameKey(string userName)
    {
        var name = userName.Trim();
        return "user:" + name[..Math.Min(name.Length, AppSignInManager.MaxUserNameInput)].ToUpperInvariant();
    }

    /// <summary>Forgets the windows of one user name and one account (administrator unlock).</summary>
    public void Reset(string? userName, Guid userId)
    {
        lock (_gate)
        {
            if (userName is not null)
            {
                _windows.Remove(UserNameKey(userName));
            }

            _windows.Remove("account:" + userId);
        }
    }

    /// <summary>
    /// Middleware in front of the rate limiter: finds the keys of a sign-in POST (which needs the form or the
    /// two-factor cookie, both async) and leaves them for the limiter.
    /// </summary>
    public static IApplicationBuilder UseLoginThrottle(IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (LoginStepOf(context) is { } step)
            {
                context.Items[KeysItem] = await KeysAsync(context, step);
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

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (resource.Items[KeysItem] is not List<(string Key, int Limit, TimeSpan Length)> keys || keys.Count == 0)
        {
            return Lease.Granted;
        }

        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_windows.Count > MaxTrackedKeys)
            {
                foreach (var key in _windows.Where(w => w.Value.HasEnded(now)).Select(w => w.Key).ToList())
                {
                    _windows.Remove(key);
                }
            }

            var windows = new List<Window>(keys.Count);
            foreach (var (key, limit, length) in keys)
            {
                if (!_windows.TryGetValue(key, out var window))
                {
                    if (_windows.Count > 2 * MaxTrackedKeys && !key.StartsWith("ip:", StringComparison.Ordinal))
                    {
                        // Flooded with made-up user names: those are not tracked (the address limit and lockout still apply).
                        continue;
                    }

                    window = new Window(limit, length);
                    _windows[key] = window;
                }

                windows.Add(window);
            }

            // A permit from every window or from none, so one full window does not drain the others.
            TimeSpan? retryAfter = null;
            foreach (var w in windows)
            {
                w.Roll(now);
                if (w.Count + permitCount > w.Limit)
                {
                    var wait = w.Start + w.Length - now;
                    retryAfter = retryAfter is null || wait > retryAfter ? wait : retryAfter;
                }
            }

            if (retryAfter is not null)
            {
                return new Lease(false, retryAfter);
            }

            foreach (var w in windows)
            {
                w.Count += permitCount;
            }

            return Lease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    private static async Task<List<(string, int, TimeSpan)>> KeysAsync(HttpContext context, LoginStepAttribute step)
    {
        var keys = new List<(string, int, TimeSpan)>
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
                keys.Add(("account:" + id, PerUserLimit, UserWindow));
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

    private sealed class Window(int limit, TimeSpan length)
    {
        public int Limit { get; } = limit;
        public TimeSpan Length { get; } = length;
        public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;
        public int Count { get; set; }

        public bool HasEnded(DateTimeOffset now) => now >= Start + Length;

        public void Roll(DateTimeOffset now)
        {
            if (HasEnded(now))
            {
                Start = now;
                Count = 0;
            }
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
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
