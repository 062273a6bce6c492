using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// Integration clients (ADR-029), kept apart from <see cref="SubjectMatrixMessages"/> for merging: a confidential
/// client whose service account is in the subject's unit, made through OpenIddict's manager as the command would.
/// </summary>
public static class ClientMatrixMessages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<MessageSpec> All =>
    [
        SubjectMatrixMessages.AboutSubject<ListClients>(async c =>
        {
            var client = await SubjectClientAsync(c);
            return (await c.H.SendAsync(c.UserId, new ListClients())).Any(x => x.Id == client);
        }),
        SubjectMatrixMessages.AboutSubject<GetClient>(async c =>
        {
            var client = await SubjectClientAsync(c);
            return (await c.H.SendAsync(c.UserId, new GetClient(client))).Id == client;
        }),
        SubjectMatrixMessages.AboutSubject<RegisterConfidentialClient>(async c =>
        {
            var registered = await c.H.SendAsync(c.UserId, new RegisterConfidentialClient(NewClientId(), "Fagsystem", c.P.UnitId, [Capability.ReadOrganisation]));
            return await c.H.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == registered.ServiceAccountUserId && u.UnitId == c.P.UnitId, Ct));
        }),
        SubjectMatrixMessages.AboutSubject<RegisterPublicClient>(async c =>
            await c.H.SendAsync(c.UserId, new RegisterPublicClient(NewClientId(), "Fagapp", ["https://app.example.no/callback"])) is { } created &&
            await c.H.WithDbAsync(db => db.IntegrationClients.AnyAsync(x => x.Id == created.Id, Ct))),
        SubjectMatrixMessages.AboutSubject<RotateClientSecret>(async c =>
        {
            var client = await SubjectClientAsync(c);
            return (await c.H.SendAsync(c.UserId, new RotateClientSecret(client, 1))).Id == client;
        }),
        SubjectMatrixMessages.AboutSubject<SetClientDisabled>(async c =>
        {
            var client = await SubjectClientAsync(c);
            return (await c.H.SendAsync(c.UserId, new SetClientDisabled(client, true))).Id == client;
        }),
    ];

    internal static string NewClientId() => "m-" + Guid.CreateVersion7().ToString("N")[^16..];

    /// <summary>A confidential client of the subject's agency whose service account is in the subject's unit.</summary>
    private static Task<Guid> SubjectClientAsync(MatrixCase c) =>
        c.Site.SubjectAsync("integration client", c.P.UnitId, async () =>
        {
            var clientId = NewClientId();
            await c.H.WithServiceAsync<IClientApplications, bool>(async applications =>
            {
                await applications.CreateConfidentialAsync(clientId, "Fagsystem", "a-secret-for-the-matrix-0123456789abcdef", Ct);
                return true;
            });
            return await c.H.WithDbAsync(async db =>
            {
                var account = new AppUser
                {
                    Id = Guid.CreateVersion7(), UserName = "client." + clientId, NormalizedUserName = ("client." + clientId).ToUpperInvariant(),
                    DisplayName = "Fagsystem", UnitId = c.P.UnitId, SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                var client = IntegrationClient.Confidential(Guid.CreateVersion7(), c.P.AgencyId, clientId, "Fagsystem", account.Id, [Capability.ReadOrganisation], account.Id, c.Now);
                db.AddRange(account, client);
                await db.SaveChangesAsync(Ct);
                return client.Id;
            });
        });
}
