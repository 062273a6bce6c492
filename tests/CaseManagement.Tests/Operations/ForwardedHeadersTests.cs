using System.Net;
using CaseManagement.Application.Data;
using CaseManagement.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Operations;

/// <summary>
/// The client's address comes from X-Forwarded-For only when the request comes from a configured proxy (issue 14):
/// otherwise anyone could choose the address the sign-in limit counts and the audit records. Real Kestrel on
/// loopback, so the connection has a real remote address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string ClaimedAddress = "203.0.113.9";

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("KnownProxies", ClaimedAddress)]
    [InlineData("KnownNetworks", ClaimedAddress)]
    [InlineData("OtherProxy", "127.0.0.1")]
    public async Task The_forwarded_client_address_counts_only_from_a_configured_proxy(string? trust, string expectedAddress)
    {
        await using var factory = new CaseWebFactory();
        switch (trust)
        {
            case "KnownProxies":
                factory.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
                break;
            case "KnownNetworks":
                factory.Settings["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
                break;
            case "OtherProxy":
                factory.Settings["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3";
                break;
        }

        factory.Settings["Security:AllowHttp"] = "true";
        // A free loopback port (without the explicit URL Kestrel falls back to port 5000).
        await using var app = factory.WithWebHostBuilder(b => b.UseUrls("http://127.0.0.1:0"));
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClaimedAddress);

        await ApiSession.PasswordStepAsync(client, "politi", "Feil-passord-her-1");

        await using var scope = app.Services.CreateAsyncScope();
        var counted = await scope.ServiceProvider.GetRequiredService<CaseDbContext>().LoginThrottleWindows
            .Where(w => w.Key.StartsWith("ip:")).Select(w => w.Key).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ip:" + expectedAddress], counted);
    }
}
