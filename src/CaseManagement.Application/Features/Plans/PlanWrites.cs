using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

internal static class PlanWrites
{
    /// <summary>
    /// The plan for a change: access decided by <see cref="AccessDecision.RequirePlanAccessAsync"/>, and the working
    /// copy must be a draft. An approved version is immutable; a revision starts a new draft from it.
    /// </summary>
    public static async Task<(IndividualPlan Plan, PlanAccess Access)> LoadDraftAsync(
        CaseDbContext db, UserContext user, Guid planId, PlanOperation operation, string messageName, DateTimeOffset now, CancellationToken ct)
    {
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, planId, operation, messageName, now, ct);
        var plan = await db.IndividualPlans.SingleAsync(p => p.Id == planId, ct);
        if (plan.Status == PlanStatus.Approved)
        {
            throw new RuleViolationException("PlanId", Messages.Plan_ApprovedReadOnly);
        }

        return (plan, access);
    }
}
