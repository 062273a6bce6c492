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

/// <summary>
/// Adds a main goal (hovedmål, no parent) or a sub-goal (delmål, under a main goal), or renames one
/// (<paramref name="GoalId"/> given). Goals are the whole plan's: the coordinator or the team.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record SavePlanGoal(Guid PlanId, string Text, Guid? ParentGoalId = null, Guid? GoalId = null) : ICommand<PlanGoalSaved>;

public sealed record PlanGoalSaved(Guid Id);

internal sealed class SavePlanGoalValidator : AbstractValidator<SavePlanGoal>
{
    public SavePlanGoalValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().SingleLine(IndividualPlan.NameMaxLength * 2);
    }
}

internal sealed class SavePlanGoalHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SavePlanGoal, PlanGoalSaved>
{
    public async ValueTask<PlanGoalSaved> Handle(SavePlanGoal command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (plan, _) = await PlanWrites.LoadDraftAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(SavePlanGoal), now, cancellationToken);
        var text = TextRules.Clean(command.Text)!;
        if (command.GoalId is { } goalId)
        {
            var goal = await db.PlanGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.PlanId == plan.Id, cancellationToken)
                ?? throw new RuleViolationException(nameof(command.GoalId), Messages.Plan_GoalNotFound);
            goal.Rename(text);
            return new PlanGoalSaved(goal.Id);
        }

        if (command.ParentGoalId is { } parentId)
        {
            // Two levels: main goal → sub-goals. A sub-goal cannot have sub-goals of its own.
            var parent = await db.PlanGoals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == parentId && g.PlanId == plan.Id, cancellationToken);
            if (parent is null || parent.ParentGoalId is not null)
            {
                throw new RuleViolationException(nameof(command.ParentGoalId), Messages.Plan_ParentGoalInvalid);
            }
        }

        var position = await db.PlanGoals.CountAsync(g => g.PlanId == plan.Id, cancellationToken);
        var added = new PlanGoal(Guid.CreateVersion7(), plan.Id, command.ParentGoalId, text, position);
        db.PlanGoals.Add(added);
        return new PlanGoalSaved(added.Id);
    }
}
