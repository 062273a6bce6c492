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

/// <summary>The coordinator (or the team) changes the plan's header in the draft: goals in the person's words, period, revision date.</summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record UpdatePlan(
    Guid PlanId,
    string Version,
    Guid CoordinatorUserId,
    string PersonGoals,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    DateOnly NextRevisionOn,
    string? Resources = null,
    string? Needs = null,
    string? Cooperation = null) : ICommand<PlanChanged>;

public sealed record PlanChanged(Guid Id);

internal sealed class UpdatePlanValidator : AbstractValidator<UpdatePlan>
{
    public UpdatePlanValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.CoordinatorUserId).NotEmpty().WithMessage(_ => Messages.Plan_CoordinatorRequired);
        RuleFor(x => x.PersonGoals).NotEmpty().MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Resources).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Needs).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Cooperation).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.PeriodTo).GreaterThan(x => x.PeriodFrom).WithMessage(_ => Messages.Plan_PeriodInvalid);
        RuleFor(x => x.NextRevisionOn).Must((x, on) => on >= x.PeriodFrom && on <= x.PeriodTo).WithMessage(_ => Messages.Plan_RevisionOutsidePeriod);
    }
}

internal sealed class UpdatePlanHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdatePlan, PlanChanged>
{
    public async ValueTask<PlanChanged> Handle(UpdatePlan command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (plan, _) = await PlanWrites.LoadDraftAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(UpdatePlan), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(plan), command.Version, "IndividualPlan");
        if (command.CoordinatorUserId != plan.CoordinatorUserId)
        {
            if (!await db.TeamMembers.AnyAsync(m => m.FollowUpId == plan.FollowUpId && m.UserId == command.CoordinatorUserId, cancellationToken))
            {
                throw new RuleViolationException(nameof(command.CoordinatorUserId), Messages.Plan_CoordinatorNotOnTeam);
            }

            plan.ChangeCoordinator(command.CoordinatorUserId);
        }

        plan.Change(new PlanContent(
            TextRules.Clean(command.PersonGoals)!, TextRules.Clean(command.Resources), TextRules.Clean(command.Needs), TextRules.Clean(command.Cooperation),
            command.PeriodFrom, command.PeriodTo, command.NextRevisionOn));
        return new PlanChanged(plan.Id);
    }
}
