using System.Security.Cryptography;
using System.Text;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Administration;

/// <summary>
/// New users and their invitations (issue 15, ADR-026): created inactive in a unit of the administrator's own
/// agency, with a one-time activation token kept only as its hash; resending kills the old token, revoking kills the
/// open one, an expired token is dead; bad input is refused on its field.
/// </summary>
public sealed class InvitationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_user_is_inactive_has_the_roles_and_an_invitation_stored_only_as_a_hash_and_is_audited(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var userName = Unique("ny");

        var created = await h.SendAsync(admin, new CreateUser(userName, "Nina Nyansatt", DemoData.SandefjordStation, [Role.PolicePreventionOfficer], userName + "@politiet.test"));

        var token = created.Invitation.ActivationToken;
        Assert.Equal(43, token.Length);
        Assert.Equal("/aktiver/" + token, created.Invitation.ActivationPath);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromHours(72), created.Invitation.ExpiresAt);
        var user = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == created.Id, Ct));
        Assert.True(user.AwaitingActivation);
        Assert.Null(user.PasswordHash);
        Assert.Equal((userName, userName.ToUpperInvariant(), DemoData.SandefjordStation), (user.UserName, user.NormalizedUserName, user.UnitId));
        Assert.Equal([nameof(Role.PolicePreventionOfficer)], await h.WithDbAsync(db =>
            db.UserRoles.Where(ur => ur.UserId == created.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Ct)));

        // The table holds the SHA-256 of the token, never the token.
        var stored = Assert.Single(await h.WithDbAsync(db => db.UserInvitations.AsNoTracking().Where(i => i.UserId == created.Id).ToListAsync(Ct)));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);
        Assert.Equal(admin, stored.CreatedByUserId);

        // Audited in the command's transaction: the user and the invitation, neither the token nor its hash.
        var changes = await ChangesAsync(h, admin, nameof(CreateUser));
        Assert.Contains(changes, c => c is { EntityType: nameof(AppUser), Field: nameof(AppUser.AwaitingActivation), NewValue: "True" or "true" });
        Assert.Contains(changes, c => c is { EntityType: nameof(UserInvitation), Field: nameof(UserInvitation.ExpiresAt) });
        Assert.DoesNotContain(changes, c => c.Field == nameof(UserInvitation.TokenHash));
        Assert.DoesNotContain(changes, c => (c.NewValue ?? "").Contains(token, StringComparison.Ordinal) || (c.NewValue ?? "").Contains(stored.TokenHash, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_on_its_field_and_nothing_is_created(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        await h.SendAsync(admin, new CreateUser("admin", "Admin", DemoData.PoliceAdministration, [Role.Administrator], "admin@politiet.test"));
        var before = await h.WithDbAsync(db => db.Users.CountAsync(Ct));

        CreateUser Valid(string? userName = null) => new(userName ?? Unique("ok"), "Ola Nordmann", DemoData.SandefjordStation, [Role.PolicePreventionOfficer], "ola@politiet.test");

        await RefusedAsync(h, admin, Valid(""), "UserName", Messages.Admin_UserNameRequired);
        await RefusedAsync(h, admin, Valid("ny\u200Bbruker"), "UserName", Messages.Admin_UserNameInvisible);
        await RefusedAsync(h, admin, Valid("ny bruker"), "UserName", Messages.Admin_UserNameInvisible);
        await RefusedAsync(h, admin, Valid("ny/bruker"), "UserName", Messages.Admin_UserNameCharacters);
        await RefusedAsync(h, admin, Valid("ADMIN"), "UserName", Messages.Admin_UserNameTaken);
        // Cyrillic а (U+0430) in front of Latin "dmin"; and Greek capitals that spell ADMIN's look-alike.
        await RefusedAsync(h, admin, Valid("\u0430dmin"), "UserName", Messages.Admin_UserNameConfusable);
        await RefusedAsync(h, admin, Valid("\u0430dm\u0456n"), "UserName", Messages.Admin_UserNameConfusable);
        await RefusedAsync(h, admin, Valid("nils\u0436uk"), "UserName", Messages.Admin_UserNameMixedScripts);
        await RefusedAsync(h, admin, Valid() with { DisplayName = " " }, "DisplayName", Messages.Admin_DisplayNameRequired);
        await RefusedAsync(h, admin, Valid() with { Email = "ikke-en-adresse" }, "Email", Messages.Admin_EmailInvalid);
        await RefusedAsync(h, admin, Valid() with { Email = null }, "Email", Messages.Admin_EmailRequired);
        await RefusedAsync(h, admin, Valid() with { Roles = [] }, "Roles", Messages.Admin_RolesRequired);
        // A municipal role in a police unit, and the other agency's unit (the same answer as a unit that does not exist).
        await RefusedAsync(h, admin, Valid() with { Roles = [Role.CaseWorker] }, "Roles[0]", null);
        await RefusedAsync(h, admin, Valid() with { UnitId = DemoData.Nav }, "UnitId", Messages.Admin_UnitNotFound);
        await RefusedAsync(h, admin, Valid() with { UnitId = Guid.CreateVersion7() }, "UnitId", Messages.Admin_UnitNotFound);

        Assert.Equal(before, await h.WithDbAsync(db => db.Users.CountAsync(Ct)));
        // A name of one script is fine, Norwegian letters included.
        var bjorn = Unique("bjørn");
        Assert.NotEqual(Guid.Empty, (await h.SendAsync(admin, Valid(bjorn))).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Resending_kills_the_old_link_revoking_kills_the_open_one_and_a_link_expires_after_72_hours(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var created = await CreateAsync(h, admin);
        var first = created.Invitation.ActivationToken;
        Assert.Equal(created.Id, await FindAsync(h, first));

        var resent = await h.SendAsync(admin, new ResendInvitation(created.Id));
        Assert.Null(await FindAsync(h, first));
        Assert.Equal(created.Id, await FindAsync(h, resent.ActivationToken));

        await h.SendAsync(admin, new RevokeInvitation(created.Id));
        Assert.Null(await FindAsync(h, resent.ActivationToken));
        Assert.Contains(await ChangesAsync(h, admin, nameof(RevokeInvitation)), c => c is { EntityType: nameof(UserInvitation), Field: nameof(UserInvitation.RevokedAt) } && c.NewValue is not null);

        var late = await h.SendAsync(admin, new ResendInvitation(created.Id));
        h.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        Assert.Equal(created.Id, await FindAsync(h, late.ActivationToken));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await FindAsync(h, late.ActivationToken));

        Assert.Null(await FindAsync(h, "x" + late.ActivationToken[1..]));
        Assert.Null(await FindAsync(h, null));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_an_administrator_of_the_users_agency_resends_or_revokes_and_never_on_themselves(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var officer = await h.PoliceOfficerAsync();
        var created = await CreateAsync(h, policeAdmin);

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new ResendInvitation(created.Id)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new RevokeInvitation(created.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new ResendInvitation(created.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new CreateUser(Unique("x"), "X", DemoData.SandefjordStation, [Role.PolicePreventionOfficer], "x@politiet.test")));
        // Oneself: refused on the field, as every command on one's own account.
        Assert.Equal(Messages.Admin_CannotActOnSelf, (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new ResendInvitation(policeAdmin)))).Message);
        Assert.Equal(Messages.Admin_CannotActOnSelf, (await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new RevokeInvitation(policeAdmin)))).Message);

        // The link still works: nothing was changed by the refusals.
        Assert.Equal(created.Id, await FindAsync(h, created.Invitation.ActivationToken));
        // An active user has no invitation to resend.
        var active = await h.CreateUserAsync(Role.PolicePreventionOfficer, DemoData.SandefjordStation);
        var rule = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new ResendInvitation(active)));
        Assert.Equal(Messages.Admin_UserAlreadyActive, rule.Message);
    }

    [Fact]
    public void The_skeleton_folds_case_and_the_common_cyrillic_and_greek_look_alikes()
    {
        Assert.Equal(UserNames.Skeleton("admin"), UserNames.Skeleton("\u0430dmin"));
        Assert.Equal(UserNames.Skeleton("ADMIN"), UserNames.Skeleton("\u0391DMIN"));
        Assert.Equal(UserNames.Skeleton("politi"), UserNames.Skeleton("p\u043Elit\u0456"));
        Assert.Equal(UserNames.Skeleton("admin"), UserNames.Skeleton("\uFF41dmin"));
        Assert.NotEqual(UserNames.Skeleton("bjørn"), UserNames.Skeleton("bjorn"));
        Assert.True(UserNames.HasMixedScripts("\u0430dmin"));
        Assert.False(UserNames.HasMixedScripts("bjørn.æsøy-2"));
        Assert.False(UserNames.HasMixedScripts("\u0438\u0432\u0430\u043D"));
        Assert.True(UserNames.HasInvisible("ad\u200Bmin"));
        Assert.True(UserNames.HasInvisible("ad\u00ADmin"));
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.CreateVersion7().ToString("N")[^12..];

    private static ValueTask<UserCreated> CreateAsync(CaseHarness h, Guid admin)
    {
        var userName = Unique("invitert");
        return h.SendAsync(admin, new CreateUser(userName, "Invitert Bruker", DemoData.SandefjordStation, [Role.PolicePreventionOfficer], userName + "@politiet.test"));
    }

    private static Task<Guid?> FindAsync(CaseHarness h, string? token) =>
        h.WithServiceAsync<AccountActivation, Guid?>(async activation => (await activation.FindAsync(token, Ct))?.Id);

    /// <summary>Refused on <paramref name="field"/> (with <paramref name="message"/> when given): as a validation or a rule.</summary>
    private static async Task RefusedAsync(CaseHarness h, Guid admin, CreateUser command, string field, string? message)
    {
        try
        {
            await h.SendAsync(admin, command);
        }
        catch (ValidationException ex)
        {
            var error = Assert.Single(ex.Errors, e => e.PropertyName == field);
            Assert.True(message is null || error.ErrorMessage == message, $"{command.UserName}: {error.ErrorMessage}");
            return;
        }
        catch (RuleViolationException ex)
        {
            Assert.Equal((field, message ?? ex.Message), (ex.Field, ex.Message));
            return;
        }

        Assert.Fail($"{command} was not refused.");
    }

    private static Task<List<AuditChange>> ChangesAsync(CaseHarness h, Guid administrator, string message) =>
        h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking()
                .Where(e => e.UserId == administrator && e.MessageName == message)
                .ToListAsync(Ct))
            .SelectMany(e => e.Changes).ToList());
}
