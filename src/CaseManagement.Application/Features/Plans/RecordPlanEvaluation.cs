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
/// Evaluering at a revision date: what was reached, and the next revision date. An evaluation is a record of its
/// own (not plan content), so it is written whether the working copy is a draft or approved.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record RecordPlanEvaluation(Guid PlanId, DateOnly HeldOn, string Summary, DateOnly NextRevisionOn) : ICommand<PlanEvaluationRecorded>;

public sealed record PlanEvaluationRecorded(Guid Id);

internal sealed class RecordPlanEvaluationValidator : AbstractValidator<RecordPlanEvaluation>
{
    public RecordPlanEvaluationValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.Summary).NotEmpty().MaximumLength(PlanEvaluation.SummaryMaxLength);
        RuleFor(x => x.NextRevisionOn).GreaterThan(x => x.HeldOn).WithMessage(_ => Messages.Plan_NextRevisionBeforeEvaluation);
    }
}

internal sealed class RecordPlanEvaluationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RecordPlanEvaluation, PlanEvaluationRecorded>
{
    public async ValueTask<PlanEvaluationRecorded> Handle(RecordPlanEvaluation command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var access = await AccessDecision.RequirePlanAccessAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(RecordPlanEvaluation), now, cancellationToken);
        var plan = await db.IndividualPlans.SingleAsync(p => p.Id == access.PlanId, cancellationToken);
        if (command.HeldOn > OsloTime.DateOf(now).AddDays(1))
        {
            throw new RuleViolationException(nameof(command.HeldOn), Messages.Plan_EvaluationInFuture);
        }

        var evaluation = new PlanEvaluation(Guid.CreateVersion7(), plan.Id, command.HeldOn, TextRules.Clean(command.Summary)!, now, user.UserId);
        db.PlanEvaluations.Add(evaluation);
        plan.SetNextRevision(command.NextRevisionOn);
        return new PlanEvaluationRecorded(evaluation.Id);
    }
}
