using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// Opprett individuell plan: one per person across all services, with the person's (or a representative's) consent
/// and a named coordinator from the follow-up's team. The person and the coordinator become the first participants.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record CreatePlan(
    Guid FollowUpId,
    Guid CoordinatorUserId,
    ConsentGiver ConsentGivenBy,
    DateOnly ConsentGivenOn,
    string PersonGoals,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    DateOnly NextRevisionOn,
    string? Resources = null,
    string? Needs = null,
    string? Cooperation = null,
    string? RepresentativeName = null) : ICommand<PlanCreated>, IUniqueRule
{
    public RuleViolationException Duplicate() => new(nameof(FollowUpId), Messages.Plan_OnePerPerson);
}

public sealed record PlanCreated(Guid Id);

internal sealed class CreatePlanValidator : AbstractValidator<CreatePlan>
{
    public CreatePlanValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.CoordinatorUserId).NotEmpty().WithMessage(_ => Messages.Plan_CoordinatorRequired);
        RuleFor(x => x.ConsentGivenBy).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.RepresentativeName).SingleLine(IndividualPlan.NameMaxLength);
        RuleFor(x => x.RepresentativeName).NotEmpty().When(x => x.ConsentGivenBy != ConsentGiver.Person)
            .WithMessage(_ => Messages.Plan_RepresentativeNameRequired);
        RuleFor(x => x.PersonGoals).NotEmpty().MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Resources).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Needs).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.Cooperation).MaximumLength(IndividualPlan.TextMaxLength);
        RuleFor(x => x.PeriodTo).GreaterThan(x => x.PeriodFrom).WithMessage(_ => Messages.Plan_PeriodInvalid);
        RuleFor(x => x.NextRevisionOn).Must((x, on) => on >= x.PeriodFrom && on <= x.PeriodTo).WithMessage(_ => Messages.Plan_RevisionOutsidePeriod);
    }
}

internal sealed class CreatePlanHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CreatePlan, PlanCreated>
{
    public async ValueTask<PlanCreated> Handle(CreatePlan command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.RequireAsync(
            db, user, command.FollowUpId, RecordKinds.IndividualPlan, now, cancellationToken, write: true, messageName: nameof(CreatePlan));
        var followUp = await db.FollowUps.AsNoTracking().Include(f => f.Team).SingleAsync(f => f.Id == grant.FollowUpId, cancellationToken);
        if (followUp.Status == FollowUpStatus.Closed)
        {
            throw new RuleViolationException(nameof(command.FollowUpId), Messages.FollowUp_Closed);
        }

        // Checked here for a clear answer; the unique index on PersonId decides a race (IUniqueRule).
        if (await db.IndividualPlans.AnyAsync(p => p.PersonId == followUp.PersonId, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.FollowUpId), Messages.Plan_OnePerPerson);
        }

        if (!followUp.HasMember(command.CoordinatorUserId))
        {
            throw new RuleViolationException(nameof(command.CoordinatorUserId), Messages.Plan_CoordinatorNotOnTeam);
        }

        var content = new PlanContent(
            TextRules.Clean(command.PersonGoals)!, TextRules.Clean(command.Resources), TextRules.Clean(command.Needs), TextRules.Clean(command.Cooperation),
            command.PeriodFrom, command.PeriodTo, command.NextRevisionOn);
        var plan = IndividualPlan.Create(
            Guid.CreateVersion7(), followUp.Id, followUp.PersonId, command.CoordinatorUserId, command.ConsentGivenBy,
            TextRules.Clean(command.RepresentativeName), command.ConsentGivenOn, content, user.UserId, now);
        db.IndividualPlans.Add(plan);

        var person = await db.Persons.AsNoTracking().Where(p => p.Id == followUp.PersonId)
            .Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var coordinator = await db.Users.AsNoTracking().Where(u => u.Id == command.CoordinatorUserId)
            .Select(u => u.DisplayName).SingleAsync(cancellationToken);
        db.PlanParticipants.Add(new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Person, person, null, null));
        db.PlanParticipants.Add(new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, coordinator, command.CoordinatorUserId, Messages.Plan_CoordinatorContribution));
        return new PlanCreated(plan.Id);
    }
}
