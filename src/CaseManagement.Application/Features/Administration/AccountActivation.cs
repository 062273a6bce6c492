using System.Security.Claims;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// The activation page's side of an invitation (ADR-026). Not a message: the person activating is not signed in.
/// Unknown, expired, used and revoked tokens all answer null, so the page says the same for each.
/// </summary>
public sealed class AccountActivation(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
{
    public const string MessageName = "ActivateAccount";

    /// <summary>The user the token activates, tracked; null when the link does not work.</summary>
    public async Task<AppUser?> FindAsync(string? token, CancellationToken cancellationToken) =>
        (await OpenInvitationAsync(token, cancellationToken))?.User;

    /// <summary>
    /// Marks the invitation used and the account active on the tracked entities; the caller's save that sets the
    /// password stores all three in one transaction (Identity's concurrency stamp on the user makes a second,
    /// concurrent use of the same link fail). The audit event is the user's own.
    /// </summary>
    public async Task<AppUser?> CompleteAsync(string? token, CancellationToken cancellationToken)
    {
        if (await OpenInvitationAsync(token, cancellationToken) is not { } open)
        {
            return null;
        }

        open.Invitation.MarkUsed(clock.GetUtcNow());
        open.User.AwaitingActivation = false;
        open.User.EmailConfirmed = true;
        currentUser.Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, open.User.Id.ToString())], MessageName)));
        currentUser.MessageName = MessageName;
        return open.User;
    }

    private async Task<(Domain.Access.UserInvitation Invitation, AppUser User)?> OpenInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        // A token is 43 characters; anything else is not looked up at all.
        if (token is not { Length: > 20 and <= 100 })
        {
            return null;
        }

        var hash = Invitations.Hash(token);
        var invitation = await db.UserInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || !invitation.IsOpenAt(clock.GetUtcNow()))
        {
            return null;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == invitation.UserId, cancellationToken);
        return user is { AwaitingActivation: true, IsDisabled: false } ? (invitation, user) : null;
    }
}
