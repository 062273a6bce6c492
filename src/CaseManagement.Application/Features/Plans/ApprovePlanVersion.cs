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
/// Godkjenn: writes the working copy as the next immutable version (a snapshot) and locks the working copy until a
/// revision starts. <c>Version</c> guards against approving over someone's last-minute change.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record ApprovePlanVersion(Guid PlanId, string Version) : ICommand<PlanVersionApproved>;

public sealed record PlanVersionApproved(Guid PlanId, int Number);

internal sealed class ApprovePlanVersionValidator : AbstractValidator<ApprovePlanVersion>
{
    public ApprovePlanVersionValidator()
    {
        RuleFor(x => x.PlanId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
    }
}

internal sealed class ApprovePlanVersionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ApprovePlanVersion, PlanVersionApproved>
{
    public async ValueTask<PlanVersionApproved> Handle(ApprovePlanVersion command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (plan, _) = await PlanWrites.LoadDraftAsync(db, user, command.PlanId, PlanOperation.Coordinate, nameof(ApprovePlanVersion), now, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(plan), command.Version, "IndividualPlan");
        var snapshot = await PlanSnapshot.TakeAsync(db, plan, cancellationToken);
        if (snapshot.Goals.Count == 0)
        {
            throw new RuleViolationException(nameof(command.PlanId), Messages.Plan_ApproveNeedsGoal);
        }

        var number = plan.Approve();
        db.PlanVersions.Add(new PlanVersion(Guid.CreateVersion7(), plan.Id, number, now, user.UserId, snapshot.ToJson()));
        return new PlanVersionApproved(plan.Id, number);
    }
}
