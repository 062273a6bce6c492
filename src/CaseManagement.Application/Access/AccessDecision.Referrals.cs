using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Access;

// Referrals. The recipient acts on a referral addressed to their unit while its follow-up is reachable with the
// follow-up kind (the referral's own disclosure gives that, until it ends or its consent is withdrawn). The sender
// works on it through the follow-up (AccessDecision.FollowUps.cs).
public static partial class AccessDecision
{
    /// <summary>A referral the user may act on as its recipient, with the grant on its follow-up. Anything else answers "not found".</summary>
    public static async Task<(Referral Referral, AccessGrant Grant)> RequireReferralRecipientAsync(
        CaseDbContext db, UserContext user, Guid referralId, DateTimeOffset now, CancellationToken ct)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId && r.ToUnitId == user.UnitId, ct)
            ?? throw new NotFoundException("Referral");
        var grant = await DecideAsync(db, user, referral.FollowUpId, now, ct);
        if (grant is null || !grant.Covers(RecordKinds.FollowUp))
        {
            throw new NotFoundException("Referral");
        }

        return (referral, grant);
    }

    /// <summary>Referrals to the user's unit whose follow-up the user reaches now (the list of the same rule).</summary>
    public static IQueryable<Referral> ReferralsForRecipient(CaseDbContext db, UserContext user, DateTimeOffset now)
    {
        var unitId = user.UnitId;
        var reachable = db.ReachableFollowUps(user, now).Select(f => f.Id);
        return db.Referrals.Where(r => r.ToUnitId == unitId && reachable.Contains(r.FollowUpId));
    }
}
