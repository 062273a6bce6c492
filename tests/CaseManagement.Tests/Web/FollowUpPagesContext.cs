using CaseManagement.Tests.Support;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CaseManagement.Application;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.Access;
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
/// bUnit with the real application on a migrated SQLite file, like <see cref="PersonPagesContext"/>, but with several
/// users in the demo organisation (police and municipality) and a way to render the pages as any of them. Only the
/// sign-in is faked: roles, units and access are read from the database by the pipeline, as in production.
/// </summary>
public sealed class FollowUpPagesContext : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-bunit-fu-").FullName;
    private readonly Dictionary<Guid, string> _userNames = [];
    private readonly BunitAuthorizationContext _auth;

    private FollowUpPagesContext()
    {
        Bunit = new BunitContext();
        _auth = Bunit.AddAuthorization();
    }

    public BunitContext Bunit { get; }

    /// <summary>A police prevention officer at Sandefjord police station: the lead of the follow-ups opened here.</summary>
    public Guid PoliceLead { get; private set; }

    public static async Task<FollowUpPagesContext> CreateAsync()
    {
        CultureInfo.CurrentCulture = PersonPagesContext.Norwegian;
        CultureInfo.CurrentUICulture = PersonPagesContext.Norwegian;

        var context = new FollowUpPagesContext();
        var bunit = context.Bunit;

        bunit.AddRealPageServices(Path.Combine(context._directory, "pages.db"));
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        await using (var scope = bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
            await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
            await DemoData.SeedOrganisationAsync(db, Xunit.TestContext.Current.CancellationToken);
        }

        context.PoliceLead = await context.AddUserAsync("politi-test", "Per Politi", DemoData.SandefjordStation, Role.PolicePreventionOfficer);
        context.SignInAs(context.PoliceLead);
        return context;
    }

    /// <summary>A user the way the authorisation behaviour reads users: a unit and a role row.</summary>
    public async Task<Guid> AddUserAsync(string userName, string displayName, Guid unitId, params Role[] roles)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var id = Guid.CreateVersion7();
        db.Users.Add(new AppUser
        {
            Id = id,
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = displayName,
            UnitId = unitId,
            SecurityStamp = Guid.NewGuid().ToString(),
        });
        foreach (var role in roles)
        {
            var name = role.ToString();
            var appRole = await db.Roles.SingleOrDefaultAsync(r => r.Name == name, Xunit.TestContext.Current.CancellationToken);
            if (appRole is null)
            {
                appRole = new AppRole(name) { Id = Guid.CreateVersion7(), NormalizedName = name.ToUpperInvariant() };
                db.Roles.Add(appRole);
            }

            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = appRole.Id });
        }

        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        _userNames[id] = userName;
        return id;
    }

    /// <summary>The pages rendered from now on run as this user.</summary>
    public void SignInAs(Guid userId)
    {
        _auth.SetAuthorized(_userNames[userId]);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
    }

    /// <summary>Sends a message through the real pipeline as the given user, the way the pages do.</summary>
    public async Task<T> SendAsync<T>(Guid userId, ICommand<T> command)
    {
        await using var scope = Scope(userId);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Xunit.TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(Guid userId, IQuery<T> query)
    {
        await using var scope = Scope(userId);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>A person in the police register with an open follow-up led by <see cref="PoliceLead"/>.</summary>
    public async Task<(Guid PersonId, Guid FollowUpId)> OpenFollowUpAsync(string givenName, string familyName, DateOnly? born = null)
    {
        var person = await SendAsync(PoliceLead, new RegisterPerson(givenName, familyName, born ?? new DateOnly(1995, 4, 1), null));
        var opened = await SendAsync(PoliceLead, new OpenFollowUp(person.Id, CaseManagement.Domain.FollowUps.ConcernSource.School));
        return (person.Id, opened.Id);
    }

    /// <summary>Gives the user an authenticator key (as enrolment does) and returns it, base32.</summary>
    public async Task<string> EnrolAuthenticatorAsync(Guid userId)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("No such user.");
        await users.ResetAuthenticatorKeyAsync(user);
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No key.");
    }

    /// <summary>Someone else's change to the follow-up row, seen only as a new version (as a concurrent close would be).</summary>
    public async Task ChangeVersionBehindThePageAsync(Guid followUpId)
    {
        await using var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var followUp = await db.FollowUps.SingleAsync(f => f.Id == followUpId, Xunit.TestContext.Current.CancellationToken);
        var version = db.Entry(followUp).Property<long>(ConcurrencyTokens.PropertyName(DatabaseProvider.Sqlite));
        version.CurrentValue += 1;
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

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

    private AsyncServiceScope Scope(Guid userId)
    {
        var scope = Bunit.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, _userNames[userId])], "Test")));
        return scope;
    }
}
