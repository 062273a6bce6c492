using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using CaseManagement.Application;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Protection;
using CaseManagement.Bench;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Command throughput with the change audit on and off, on PostgreSQL (docs/performance.md). One client sends
// commands one after the other through the real pipeline (authorisation, validation, transaction); "off" is the
// same host without the audit interceptor. Rounds alternate between the two so load from elsewhere hits both.
// Usage: dotnet run -c Release --project bench/CaseManagement.Bench -- [rounds] [iterations per round] [warm-up]
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6;
var perRound = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var warmUp = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;

await using var cluster = await PostgresCluster.StartAsync();
await using var on = await BenchHost.CreateAsync(cluster, audit: true);
await using var off = await BenchHost.CreateAsync(cluster, audit: false);
var numbers = new IdentityNumbers();

foreach (var host in (BenchHost[])[on, off])
{
    await host.RunAsync(warmUp, numbers);
}

var results = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
for (var round = 0; round < rounds; round++)
{
    foreach (var host in round % 2 == 0 ? (BenchHost[])[on, off] : [off, on])
    {
        var elapsed = await host.RunAsync(perRound, numbers);
        var perSecond = 2 * perRound / elapsed.TotalSeconds;
        results[host.Audit].Add(perSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} audit {(host.Audit ? "on " : "off")}: {perSecond,8:F1} commands/s ({elapsed.TotalMilliseconds / (2 * perRound):F2} ms each)"));
    }
}

// Each round measures both back to back, so the ratio within a round is less exposed to load from elsewhere.
var pairedRatio = Median(results[true].Zip(results[false], (a, b) => a / b).ToList());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of the per-round ratios on/off: {pairedRatio:F3}"));
var medianOn = Median(results[true]);
var medianOff = Median(results[false]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median audit on {medianOn:F1}/s, audit off {medianOff:F1}/s, ratio {medianOn / medianOff:F3} (target >= 0.85); {rounds} rounds x {2 * perRound} commands"));

// The same read (GetPerson of a person registered above) with and without the access log, alternating as above.
var reads = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
foreach (var host in (BenchHost[])[on, off])
{
    await host.ReadAsync(warmUp);
}

for (var round = 0; round < rounds; round++)
{
    foreach (var host in round % 2 == 0 ? (BenchHost[])[on, off] : [off, on])
    {
        var elapsed = await host.ReadAsync(perRound);
        var perSecond = perRound / elapsed.TotalSeconds;
        reads[host.Audit].Add(perSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} access log {(host.Audit ? "on " : "off")}: {perSecond,8:F1} reads/s"));
    }
}

var readRatio = Median(reads[true]) / Median(reads[false]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median reads with access log {Median(reads[true]):F1}/s, without {Median(reads[false]):F1}/s, ratio {readRatio:F3}; median of per-round ratios {Median(reads[true].Zip(reads[false], (a, b) => a / b).ToList()):F3}"));
// Give the sealer a moment to finish, then show that everything written was sealed.
await Task.Delay(TimeSpan.FromSeconds(3));
Console.WriteLine("written with the audit on: " + await on.CountAuditAsync());
// The issue's target is for the change audit: audit-on command throughput against audit-off.
return medianOn / medianOff >= 0.85 ? 0 : 1;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>The application composed as a host would, over its own database, with or without the change audit.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private Task _sealing = Task.CompletedTask;
    private Guid _user;

    private BenchHost(ServiceProvider services, bool audit)
    {
        _services = services;
        Audit = audit;
    }

    public bool Audit { get; }

    public static async Task<BenchHost> CreateAsync(PostgresCluster cluster, bool audit)
    {
        var connectionString = await cluster.CreateDatabaseAsync("cm_bench_" + (audit ? "on_" : "off_") + Guid.NewGuid().ToString("N")[..8]);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication();
        services.AddCaseIdentityCore();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Protection:ActiveKey"] = "bench",
            ["Protection:Keys:bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Protection:ChainKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Protection:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build());
        if (audit)
        {
            services.AddCaseDatabase(DatabaseProvider.PostgreSql, connectionString);
        }
        else
        {
            // The same as AddCaseDatabase, less the audit interceptor.
            services.AddDbContext<CaseDbContext>((sp, o) => DatabaseSetup.Configure(o, DatabaseProvider.PostgreSql, connectionString)
                .UseFieldProtection(sp.GetRequiredService<FieldProtector>(), sp.GetRequiredService<BlindIndex>()));
            // ... and less the access log, for the read measurement.
            services.AddScoped<AccessLogger, WithoutAccessLog>();
            services.AddDatabaseErrors();
        }

        var host = new BenchHost(services.BuildServiceProvider(), audit);
        await using var scope = host._services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        await db.Database.MigrateAsync();
        await DemoData.SeedOrganisationAsync(db, CancellationToken.None);
        host._user = Guid.CreateVersion7();
        var role = new AppRole(nameof(Role.CaseWorker)) { Id = Guid.CreateVersion7(), NormalizedName = nameof(Role.CaseWorker).ToUpperInvariant() };
        db.Roles.Add(role);
        db.Users.Add(new AppUser { Id = host._user, UserName = "bench", NormalizedUserName = "BENCH", DisplayName = "Bench", UnitId = DemoData.Nav, SecurityStamp = "bench" });
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = host._user, RoleId = role.Id });
        await db.SaveChangesAsync();
        if (audit)
        {
            // As in production: the sealer runs beside the commands and seals the audit and access records into
            // their chains just after they are committed; its work on the same machine is part of the measurement.
            var sealer = host._services.GetRequiredService<ChainSealer>();
            host._sealing = Task.Run(() => sealer.RunAsync(host._services.GetRequiredService<IServiceScopeFactory>(), TimeSpan.FromSeconds(30), ex => Console.Error.WriteLine("sealing failed: " + ex.Message), host._stop.Token));
        }

        return host;
    }

    /// <summary>Registers <paramref name="iterations"/> persons (with identity number and address) and opens a follow-up for each.</summary>
    public async Task<TimeSpan> RunAsync(int iterations, IdentityNumbers numbers)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var (number, born) = numbers.Next();
            var person = await SendAsync(new RegisterPerson("Bench", "Person" + i.ToString(CultureInfo.InvariantCulture), born, number, Address: "Storgata 1, 3210 Sandefjord"));
            _persons.Add(person.Id);
            await SendAsync(new OpenFollowUp(person.Id, ConcernSource.School));
        }

        return watch.Elapsed;
    }

    private readonly List<Guid> _persons = [];

    /// <summary>Reads persons registered earlier, one GetPerson each, through the whole pipeline.</summary>
    public async Task<TimeSpan> ReadAsync(int iterations)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await QueryAsync(new GetPerson(_persons[i % _persons.Count]));
        }

        return watch.Elapsed;
    }

    private async Task<T> QueryAsync<T>(IQuery<T> query)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, _user.ToString())], "Bench")));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    /// <summary>Audit events and access entries written, and how many of each are sealed into their chains.</summary>
    public async Task<string> CountAuditAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var (events, eventSeals) = (await db.AuditEvents.CountAsync(), await db.AuditEventSeals.CountAsync());
        var (entries, entrySeals) = (await db.AccessLog.CountAsync(), await db.AccessLogSeals.CountAsync());
        return string.Create(CultureInfo.InvariantCulture, $"{events} audit events ({eventSeals} sealed), {entries} access entries ({entrySeals} sealed)");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sealing;
        _stop.Dispose();
        await _services.DisposeAsync();
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, _user.ToString())], "Bench")));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}

/// <summary>Valid, distinct birth numbers (classic check digits), born 1950 onwards.</summary>
internal sealed class IdentityNumbers
{
    private static readonly int[] K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    private DateOnly _date = new(1950, 1, 1);
    private int _individual;

    public (string Number, DateOnly Born) Next()
    {
        while (true)
        {
            if (_individual > 499)
            {
                _individual = 0;
                _date = _date.AddDays(1);
            }

            var nine = _date.ToString("ddMMyy", CultureInfo.InvariantCulture) + (_individual++).ToString("000", CultureInfo.InvariantCulture);
            if (Check(nine, K1) is { } k1 && Check(nine + k1, K2) is { } k2)
            {
                return (nine + k1 + k2, _date);
            }
        }
    }

    private static int? Check(string digits, int[] weights)
    {
        var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        var k = 11 - (sum % 11);
        return k == 11 ? 0 : k == 10 ? null : k;
    }
}

/// <summary>The benchmark's "off" host: the same reads without writing access-log entries. Never used by the application.</summary>
internal sealed class WithoutAccessLog(IServiceProvider services, CurrentUser currentUser, TimeProvider clock, AuditChain chain, ChainSealer sealer)
    : AccessLogger(services, currentUser, clock, chain, sealer)
{
    public override Task RecordAsync(IReadOnlyList<AccessRecord> records, CancellationToken ct) => Task.CompletedTask;
}
