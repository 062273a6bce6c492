using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

internal static class FollowUpWrites
{
    /// <summary>Loads a follow-up for a change: the user must be on its team (and its lead if asked), and it must be open.</summary>
    public static async Task<(FollowUp FollowUp, AccessGrant Grant)> LoadAsync(
        CaseDbContext db, UserContext user, Guid followUpId, bool lead, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var grant = await AccessDecision.RequireAsync(db, user, followUpId, RecordKinds.FollowUp, now, ct, write: true, lead: lead, messageName: messageName);
        var followUp = await db.FollowUps.Include(f => f.Team).SingleAsync(f => f.Id == grant.FollowUpId, ct);
        if (followUp.Status == FollowUpStatus.Closed)
        {
            throw new RuleViolationException("FollowUpId", Messages.FollowUp_Closed);
        }

        return (followUp, grant);
    }
}
