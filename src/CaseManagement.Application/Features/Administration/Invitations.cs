using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// A new activation link for a user who has not activated their account (ADR-026). The token is shown to the
/// administrator once, in the answer to the command; never stored, logged or audited.
/// </summary>
public sealed record InvitationIssued(Guid UserId, string ActivationToken, DateTimeOffset ExpiresAt) : IOneTimeSecret
{
    /// <summary>The path of the activation page; the host puts its own origin in front.</summary>
    public string ActivationPath => Invitations.ActivationPath(ActivationToken);

    public object WithoutSecret() => new { UserId, ExpiresAt };
}

/// <summary>
/// An answer that carries a secret to be shown once (an activation token): whatever keeps answers to repeat them
/// (the API's Idempotency-Key records) keeps <see cref="WithoutSecret"/> instead.
/// </summary>
public interface IOneTimeSecret
{
    object WithoutSecret();
}

internal static class Invitations
{
    public const string PathPrefix = "/aktiver/";

    public static string ActivationPath(string token) => PathPrefix + token;

    /// <summary>256 random bits, URL-safe base64 (43 characters).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Hex of the SHA-256 of the token as typed; a random 256-bit token needs no salt or slow hash.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Ends the user's open invitations and issues a new one: only the newest link works.</summary>
    public static async Task<InvitationIssued> IssueAsync(CaseDbContext db, Guid userId, Guid administratorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RevokeOpenAsync(db, userId, now, cancellationToken);
        var token = NewToken();
        var invitation = UserInvitation.Issue(Guid.CreateVersion7(), userId, Hash(token), administratorId, now);
        db.UserInvitations.Add(invitation);
        return new InvitationIssued(userId, token, invitation.ExpiresAt);
    }

    public static async Task RevokeOpenAsync(CaseDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.UserInvitations.Where(i => i.UserId == userId && i.UsedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var invitation in open)
        {
            invitation.Revoke(now);
        }
    }
}
