using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Plans;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>Starts a new draft from the last approved version (revisjon). The approved version itself never changes.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record StartPlanRevision(Guid PlanId) : ICommand<PlanChanged>;

internal sealed class StartPlanRevisionValidator : AbstractValidator<StartPlanRevision>
{
    public StartPlanRevisionValidator() => RuleFor(x => x.PlanId).NotEmpty();
}

internal sealed class StartPlanRevisionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<StartPlanRevision, PlanChanged>
{
    public async ValueTask<PlanChanged> Handle(StartPlanRevision command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(StartPlanRevision), now, cancellationToken);
        var plan = await db.IndividualPlans.SingleAsync(p => p.Id == access.PlanId, cancellationToken);
        if (plan.Status != PlanStatus.Approved)
        {
            throw new RuleViolationException(nameof(command.PlanId), Messages.Plan_AlreadyDraft);
        }

        plan.StartRevision();
        return new PlanChanged(plan.Id);
    }
}
