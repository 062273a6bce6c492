using System.Security.Claims;
using CaseManagement.Application;
using CaseManagement.Application.Common;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// The application as a host would compose it (mediator with its pipeline, validators, DbContext from
/// <see cref="DatabaseSetup"/>) over one fresh, migrated database of one provider. Only the clock is fake. Every
/// message is sent in its own DI scope, as the web host and the Blazor pages do.
/// </summary>
public sealed class CaseHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    /// <summary>The harness's root services (singletons such as the audit chain), for tests that need them.</summary>
    public IServiceProvider Services => _services;
    private readonly Func<ValueTask>? _cleanup;

    private CaseHarness(DatabaseProvider provider, string connectionString, Func<ValueTask>? cleanup, string activeKey = "t1", Action<IServiceCollection>? configure = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _cleanup = cleanup;

        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(Logs).AddProvider(RunLog.Provider));
        services.AddApplication();
        // One configured external sign-in provider, as the host registers from Authentication:ExternalProviders.
        services.AddSingleton(new Application.Features.Administration.ExternalIdentityProviders([ExternalProvider]));
        services.AddCaseIdentityCore();
        services.AddTestProtection(activeKey);
        services.AddCaseDatabase(provider, connectionString);
        services.AddSingleton<TimeProvider>(Clock);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The scheme name of the external sign-in provider every harness has configured.</summary>
    public const string ExternalProvider = "testkatalog";

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Every line the application logged through this harness.</summary>
    public ListLoggerProvider Logs { get; } = new();

    /// <summary>Migrates the empty database with the provider's real migrations and seeds the organisation.</summary>
    /// <param name="configure">Extra services for one test class (e.g. a command counter on the DbContext).</param>
    public static async Task<CaseHarness> CreateAsync(
        DatabaseProvider provider, string connectionString, Func<ValueTask>? cleanup, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var harness = new CaseHarness(provider, connectionString, cleanup, configure: configure);
        try
        {
            await harness.WithDbAsync(async db =>
            {
                await db.Database.MigrateAsync(cancellationToken);
                await DemoData.SeedOrganisationAsync(db, cancellationToken);
            });
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A second application over the same database whose key ring encrypts with <paramref name="activeKey"/> (both
    /// test keys still decrypt): the state after an operator has made a new key active. The caller disposes it; the
    /// database stays with this harness.
    /// </summary>
    public CaseHarness WithActiveKey(string activeKey) => new(Provider, ConnectionString, null, activeKey);

    /// <summary>A scoped service (e.g. the key rotation) in a scope of its own, as an operator command gets it.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>
    /// A user in <paramref name="unitId"/> holding <paramref name="role"/>, written straight to the Identity
    /// tables that the authorisation behaviour reads (AspNetUsers with unit, AspNetRoles, AspNetUserRoles).
    /// </summary>
    public Task<Guid> CreateUserAsync(Role role, Guid unitId, bool disabled = false, string? displayName = null) =>
        CreateUserAsync([role], unitId, disabled, displayName);

    public Task<Guid> CreateUserAsync(IReadOnlyCollection<Role> roles, Guid unitId, bool disabled = false, string? displayName = null) =>
        WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var id = Guid.CreateVersion7();
            var userName = "user-" + id.ToString("N");
            db.Users.Add(new AppUser
            {
                Id = id,
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                Email = userName + "@test.invalid",
                NormalizedEmail = (userName + "@test.invalid").ToUpperInvariant(),
                DisplayName = displayName ?? "Test " + string.Join("/", roles),
                UnitId = unitId,
                IsDisabled = disabled,
                SecurityStamp = Guid.NewGuid().ToString("N"),
            });

            foreach (var role in roles)
            {
                var name = role.ToString();
                var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == name, ct);
                if (roleRow is null)
                {
                    roleRow = new AppRole(name) { Id = Guid.CreateVersion7(), NormalizedName = name.ToUpperInvariant() };
                    db.Roles.Add(roleRow);
                }

                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = roleRow.Id });
            }

            await db.SaveChangesAsync(ct);
            return id;
        });

    public ValueTask<T> SendAsync<T>(Guid? userId, ICommand<T> command) =>
        InScopeAsync(userId, (mediator, ct) => mediator.Send(command, ct));

    public ValueTask<T> SendAsync<T>(Guid? userId, IQuery<T> query) =>
        InScopeAsync(userId, (mediator, ct) => mediator.Send(query, ct));

    /// <summary>Direct access to the database, in a scope of its own, outside the mediator.</summary>
    public async Task<T> WithDbAsync<T>(Func<CaseDbContext, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    public async Task WithDbAsync(Func<CaseDbContext, Task> action)
    {
        await using var scope = _services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<CaseDbContext>());
    }

    /// <summary>
    /// What the web host's background sealer does (ADR-017): seals every audit event and access entry written so far
    /// into its chain. The harness has no background services, so tests that look at the chains call this.
    /// </summary>
    public Task<int> SealAsync() =>
        WithDbAsync(db => _services.GetRequiredService<Application.Auditing.ChainSealer>().SealAsync(db, TestContext.Current.CancellationToken));

    /// <summary>A DbContext of the harness's provider and database that the caller owns (for race tests).</summary>
    public CaseDbContext NewDbContext()
    {
        var options = new DbContextOptionsBuilder<CaseDbContext>();
        DatabaseSetup.Configure(options, Provider, ConnectionString);
        options.UseFieldProtection(_services.GetRequiredService<FieldProtector>(), _services.GetRequiredService<BlindIndex>());
        return new CaseDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }

    public override string ToString() => Provider.ToString();

    private async ValueTask<T> InScopeAsync<T>(Guid? userId, Func<IMediator, CancellationToken, ValueTask<T>> send)
    {
        await using var scope = _services.CreateAsyncScope();
        var identity = userId is null
            ? new ClaimsIdentity()
            : new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.Value.ToString())], authenticationType: "Test");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(identity));
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>(), TestContext.Current.CancellationToken);
    }
}
