using System.Net;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// Two app hosts on one database behave as one service (issue 14, shared state): one Data Protection key ring in the
/// database, one set of sign-in throttle windows. (The same with real processes behind HAProxy: TwoInstanceTests.)
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private readonly CaseWebFactory _a = new();
    private readonly CaseWebFactory _b = new();

    public ValueTask InitializeAsync()
    {
        // B serves from A's database file.
        _b.Settings["ConnectionStrings:CaseManagement"] = $"Data Source={_a.DatabasePath}";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task What_one_instance_protects_the_other_reads_and_the_key_ring_is_in_the_database()
    {
        _ = _a.Server;
        var protectedByA = _a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hei");
        _ = _b.Server;

        Assert.Equal("hei", _b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByA));
        var keys = await _a.WithDbAsync(db => db.DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
        var key = Assert.Single(keys);
        Assert.Contains("<key ", key.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_limits_count_across_instances()
    {
        using var viaA = _a.CreateHttpsClient();
        using var viaB = _b.CreateHttpsClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.PerUserLimit + 1; i++)
        {
            var client = i % 2 == 0 ? viaA : viaB;
            statuses.Add((await ApiSession.PasswordStepAsync(client, "politi", $"Gjetning-nummer-{i:00}")).StatusCode);
        }

        // Five or six tries on each: each instance alone is under its limit, together they are over it.
        Assert.All(statuses.Take(LoginThrottle.PerUserLimit), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApiSession.PasswordStepAsync(viaA, "politi", "Gjetning-nummer-99")).StatusCode);
        var window = await _a.WithDbAsync(db => db.LoginThrottleWindows.SingleAsync(w => w.Key == LoginThrottle.UserNameKey("politi"), TestContext.Current.CancellationToken));
        Assert.Equal(LoginThrottle.PerUserLimit, window.Count);
    }
}
