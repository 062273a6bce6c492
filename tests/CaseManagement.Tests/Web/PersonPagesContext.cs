using CaseManagement.Tests.Support;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using CaseManagement.Application;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using CaseManagement.Infrastructure;
using CaseManagement.Web;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CaseManagement.Tests.Web;

/// <summary>
/// bUnit with the real application: the mediator pipeline (authorisation, validation, transaction) on a migrated
/// SQLite file, one police user seeded the way the authorisation behaviour reads users (unit, role row), and bUnit's
/// fake authentication carrying that user's id. Only the sign-in is faked.
/// </summary>
public sealed class PersonPagesContext : IAsyncDisposable
{
    public static readonly CultureInfo Norwegian = new("nb-NO");

    private readonly string _directory = Directory.CreateTempSubdirectory("cm-bunit-").FullName;

    private PersonPagesContext()
    {
        Bunit = new BunitContext();
    }

    public BunitContext Bunit { get; }

    public Guid UserId { get; } = Guid.CreateVersion7();

    public static async Task<PersonPagesContext> CreateAsync(Role role = Role.PolicePreventionOfficer)
    {
        // The pages speak bokmål; resources and validation messages follow the UI culture.
        CultureInfo.CurrentCulture = Norwegian;
        CultureInfo.CurrentUICulture = Norwegian;

        var context = new PersonPagesContext();
        var bunit = context.Bunit;

        bunit.AddRealPageServices(Path.Combine(context._directory, "pages.db"));
        var auth = bunit.AddAuthorization();
        auth.SetAuthorized("politi-test");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, context.UserId.ToString()));

        // The pages read only once interactive (not while prerendering), as in a live circuit.
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        await using var scope = bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        await DemoData.SeedOrganisationAsync(db, Xunit.TestContext.Current.CancellationToken);

        var appRole = new AppRole(role.ToString()) { Id = Guid.CreateVersion7(), NormalizedName = role.ToString().ToUpperInvariant() };
        db.Roles.Add(appRole);
        db.Users.Add(new AppUser
        {
            Id = context.UserId,
            UserName = "politi-test",
            NormalizedUserName = "POLITI-TEST",
            DisplayName = "Test Politi",
            UnitId = DemoData.SandefjordStation,
            SecurityStamp = Guid.NewGuid().ToString(),
        });
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = context.UserId, RoleId = appRole.Id });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return context;
    }

    /// <summary>Sends a message through the real pipeline as the test user, the way the pages do.</summary>
    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(Principal());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Xunit.TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(Principal());
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>A person of another agency (the municipality), written straight into the database.</summary>
    public async Task<Guid> AddPersonOfOtherAgencyAsync(string givenName, string familyName)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var person = Person.Register(
            Guid.CreateVersion7(),
            DemoData.Municipality,
            new PersonDetails(givenName, familyName, new DateOnly(2009, 6, 30), null, null, null, null, null, false),
            DateTimeOffset.UtcNow);
        db.Persons.Add(person);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return person.Id;
    }

    public Task<PersonRegistered> RegisterAsync(string givenName, string familyName, DateOnly dateOfBirth, string? nin = null, IReadOnlyList<GuardianInput>? guardians = null) =>
        SendAsync(new RegisterPerson(givenName, familyName, dateOfBirth, nin, Guardians: guardians));

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private ClaimsPrincipal Principal() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, UserId.ToString()), new Claim(ClaimTypes.Name, "politi-test")], "Test"));
}
