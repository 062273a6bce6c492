using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// For the follow-up page: the person's individual plan (which may hang under another follow-up) and this
/// follow-up's responsibility group, each only if the user's grant covers that record kind.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record FindPlanAndGroup(Guid FollowUpId) : IQuery<PlanAndGroupSummary>;

/// <summary><paramref name="PlanElsewhere"/>: the person has a plan under another follow-up (one plan per person).</summary>
public sealed record PlanAndGroupSummary(
    Guid FollowUpId, Guid? PlanId, bool PlanElsewhere, Guid? GroupId, bool GroupEnded, bool CanCreate, bool SeesPlans, bool SeesGroups);

internal sealed class FindPlanAndGroupValidator : AbstractValidator<FindPlanAndGroup>
{
    public FindPlanAndGroupValidator() => RuleFor(x => x.FollowUpId).NotEmpty();
}

internal sealed class FindPlanAndGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<FindPlanAndGroup, PlanAndGroupSummary>
{
    public async ValueTask<PlanAndGroupSummary> Handle(FindPlanAndGroup query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.DecideAsync(db, user, query.FollowUpId, now, cancellationToken);
        if (grant is null || !(grant.Covers(RecordKinds.IndividualPlan) || grant.Covers(RecordKinds.ResponsibilityGroup)))
        {
            throw new NotFoundException("FollowUp");
        }

        Guid? planId = null;
        var planElsewhere = false;
        if (grant.Covers(RecordKinds.IndividualPlan))
        {
            var plan = await db.IndividualPlans.AsNoTracking().Where(p => p.PersonId == grant.PersonId)
                .Select(p => new { p.Id, p.FollowUpId }).SingleOrDefaultAsync(cancellationToken);
            // A plan under another follow-up is another team's record: only its existence is told, as the rule needs.
            planId = plan?.FollowUpId == grant.FollowUpId ? plan.Id : null;
            planElsewhere = plan is not null && plan.FollowUpId != grant.FollowUpId;
        }

        Guid? groupId = null;
        var groupEnded = false;
        if (grant.Covers(RecordKinds.ResponsibilityGroup))
        {
            var group = await db.ResponsibilityGroups.AsNoTracking().Where(g => g.FollowUpId == grant.FollowUpId)
                .Select(g => new { g.Id, g.EndedAt }).SingleOrDefaultAsync(cancellationToken);
            groupId = group?.Id;
            groupEnded = group?.EndedAt is not null;
        }

        return new PlanAndGroupSummary(
            grant.FollowUpId, planId, planElsewhere, groupId, groupEnded, grant.CanWrite,
            grant.Covers(RecordKinds.IndividualPlan), grant.Covers(RecordKinds.ResponsibilityGroup));
    }
}
