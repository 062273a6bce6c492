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
/// An administrator links a user's identity at an external sign-in provider (issue 15, ADR-016): own agency only,
/// never oneself, one identity per provider and user, one user per identity, audited; unlinking ends the sessions.
/// </summary>
public sealed class ExternalIdentityTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private const string Provider = CaseHarness.ExternalProvider;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_linked_identity_is_listed_replaced_by_a_new_one_and_unlinked_and_each_change_is_audited(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var target = await h.PoliceOfficerAsync();
        var first = Subject();
        var second = Subject();

        await h.SendAsync(admin, new LinkExternalIdentity(target, Provider, "  " + first + " "));
        Assert.Equal([new ExternalIdentity(Provider, first)], await LinkedAsync(h, admin, target));

        // A new identity at the same provider replaces the old one; linking the same one again changes nothing.
        await h.SendAsync(admin, new LinkExternalIdentity(target, Provider, second));
        await h.SendAsync(admin, new LinkExternalIdentity(target, Provider, second));
        Assert.Equal([new ExternalIdentity(Provider, second)], await LinkedAsync(h, admin, target));

        var stamp = await h.WithDbAsync(db => db.Users.Where(u => u.Id == target).Select(u => u.SecurityStamp).SingleAsync(Ct));
        await h.SendAsync(admin, new UnlinkExternalIdentity(target, Provider));
        Assert.Empty(await LinkedAsync(h, admin, target));
        Assert.NotEqual(stamp, await h.WithDbAsync(db => db.Users.Where(u => u.Id == target).Select(u => u.SecurityStamp).SingleAsync(Ct)));

        var linked = await ChangesAsync(h, admin, nameof(LinkExternalIdentity));
        Assert.Contains(linked, c => c is { Operation: AuditOperation.Insert, Field: "ProviderKey" } && c.NewValue == first);
        Assert.Contains(linked, c => c is { Operation: AuditOperation.Delete, Field: "ProviderKey" } && c.OldValue == first);
        Assert.Contains(await ChangesAsync(h, admin, nameof(UnlinkExternalIdentity)), c => c is { Operation: AuditOperation.Delete, Field: "ProviderKey" } && c.OldValue == second);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_own_agencys_administrator_links_never_for_themselves_and_an_identity_signs_in_as_one_user_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var policeAdmin = await h.AdministratorAsync();
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var officer = await h.PoliceOfficerAsync();
        var target = await h.PoliceOfficerAsync();
        var municipalUser = await h.MunicipalCaseWorkerAsync();
        var subject = Subject();

        await Assert.ThrowsAsync<ForbiddenException>(async () => await h.SendAsync(officer, new LinkExternalIdentity(target, Provider, subject)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(municipalAdmin, new LinkExternalIdentity(target, Provider, subject)));
        var self = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new LinkExternalIdentity(policeAdmin, Provider, subject)));
        Assert.Equal(("UserId", Messages.Admin_CannotActOnSelf), (self.Field, self.Message));

        // Taken by a user of the other agency: refused, whoever holds it.
        await h.SendAsync(municipalAdmin, new LinkExternalIdentity(municipalUser, Provider, subject));
        var taken = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new LinkExternalIdentity(target, Provider, subject)));
        Assert.Equal(("Subject", Messages.Admin_ExternalSubjectTaken), (taken.Field, taken.Message));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(policeAdmin, new UnlinkExternalIdentity(municipalUser, Provider)));
        var notLinked = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(policeAdmin, new UnlinkExternalIdentity(target, Provider)));
        Assert.Equal("Provider", notLinked.Field);

        Assert.Empty(await LinkedAsync(h, policeAdmin, target));
        Assert.Equal([new ExternalIdentity(Provider, subject)], await LinkedAsync(h, municipalAdmin, municipalUser));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_integration_clients_service_account_gets_neither_an_external_identity_nor_a_password_link(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var client = await h.SendAsync(admin, new RegisterConfidentialClient("fagsystem-" + Guid.CreateVersion7().ToString("N")[^8..], "Fagsystem", DemoData.SandefjordStation, [Capability.ReadPersons]));

        var link = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new LinkExternalIdentity(client.ServiceAccountUserId, Provider, Subject())));
        var reset = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new ResetPasswordByLink(client.ServiceAccountUserId)));

        Assert.All([link, reset], e => Assert.Equal(("UserId", Messages.Admin_ServiceAccountNoSignIn), (e.Field, e.Message)));
        Assert.Equal(0, await h.WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == client.ServiceAccountUserId, Ct)));
        Assert.Equal(0, await h.WithDbAsync(db => db.UserInvitations.CountAsync(i => i.UserId == client.ServiceAccountUserId, Ct)));
    }

    public static TheoryData<string, string, string> BadInput => new()
    {
        { "ukjent", "abc", "Provider" },
        { "", "abc", "Provider" },
        { Provider, "", "Subject" },
        { Provider, "to ord", "Subject" },
        { Provider, "linje\nskift", "Subject" },
        { Provider, new string('x', 257), "Subject" },
    };

    [Theory, MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_on_its_field_and_nothing_is_linked(string providerName, string subject, string field)
    {
        var h = await fixture.HarnessAsync(DatabaseProvider.Sqlite);
        var admin = await h.AdministratorAsync();
        var target = await h.PoliceOfficerAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new LinkExternalIdentity(target, providerName, subject)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Empty(await LinkedAsync(h, admin, target));
    }

    private static string Subject() => "ext-" + Guid.CreateVersion7().ToString("N");

    private static async Task<IReadOnlyList<ExternalIdentity>> LinkedAsync(CaseHarness h, Guid admin, Guid user)
    {
        var userName = await h.WithDbAsync(db => db.Users.Where(u => u.Id == user).Select(u => u.UserName!).SingleAsync(Ct));
        return (await h.SendAsync(admin, new ListUsers(userName))).Items.Single(u => u.Id == user).ExternalIdentities ?? [];
    }

    private static Task<List<AuditChange>> ChangesAsync(CaseHarness h, Guid administrator, string message) =>
        h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking()
                .Where(e => e.UserId == administrator && e.MessageName == message)
                .ToListAsync(Ct))
            .SelectMany(e => e.Changes).ToList());
}
