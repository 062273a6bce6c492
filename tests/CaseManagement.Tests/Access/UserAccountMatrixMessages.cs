using CaseManagement.Application.Features.Administration;
using CaseManagement.Tests.Support.Databases;
using Microsoft.AspNetCore.Identity;

namespace CaseManagement.Tests.Access;

/// <summary>
/// A user's ways back in and their external identities (issue 15), kept apart from <see cref="SubjectMatrixMessages"/>
/// for merging. Each case has its own user of the subject's unit: a reset changes the account, and the shared target
/// user of the other administration rows must stay as it is.
/// </summary>
public static class UserAccountMatrixMessages
{
    public static IEnumerable<MessageSpec> All =>
    [
        SubjectMatrixMessages.AboutSubject<ResetPasswordByLink>(async c =>
        {
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            return (await c.H.SendAsync(c.UserId, new ResetPasswordByLink(target))).UserId == target;
        }),
        SubjectMatrixMessages.AboutSubject<LinkExternalIdentity>(async c =>
        {
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            return (await c.H.SendAsync(c.UserId, new LinkExternalIdentity(target, CaseHarness.ExternalProvider, "ext-" + Guid.CreateVersion7().ToString("N")))).Id == target;
        }),
        SubjectMatrixMessages.AboutSubject<UnlinkExternalIdentity>(async c =>
        {
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            await c.H.WithDbAsync(async db =>
            {
                db.UserLogins.Add(new IdentityUserLogin<Guid> { UserId = target, LoginProvider = CaseHarness.ExternalProvider, ProviderKey = "ext-" + Guid.CreateVersion7().ToString("N") });
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
            return (await c.H.SendAsync(c.UserId, new UnlinkExternalIdentity(target, CaseHarness.ExternalProvider))).Id == target;
        }),
    ];
}
