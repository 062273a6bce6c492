using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// The coordinator on the follow-up's team assigns a mentor. Refused when the mentor has no valid police certificate
/// on the start day, is at capacity, or the mentee has not agreed; the police contact must be a radicalisation
/// contact of the police (ADR-014).
/// </summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record AssignMentor(
    Guid FollowUpId,
    Guid MentorUserId,
    Guid PoliceContactUserId,
    ReferralSource ReferralSource,
    string MatchReason,
    DateOnly? ConsentGivenOn,
    string Goals,
    int PlannedIntervalDays,
    MentorSafetyRisk MentorSafetyRisk,
    string RiskAssessment,
    DateOnly StartsOn,
    DateOnly? EndsOn = null) : ICommand<MentorAssigned>;

public sealed record MentorAssigned(Guid Id, Guid FollowUpId);

internal sealed class AssignMentorValidator : AbstractValidator<AssignMentor>
{
    public AssignMentorValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.MentorUserId).NotEmpty();
        RuleFor(x => x.PoliceContactUserId).NotEmpty();
        RuleFor(x => x.ReferralSource).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.MentorSafetyRisk).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.MatchReason).NotEmpty().MaximumLength(MentorAssignment.TextMaxLength);
        RuleFor(x => x.Goals).NotEmpty().MaximumLength(MentorAssignment.TextMaxLength);
        RuleFor(x => x.RiskAssessment).NotEmpty().MaximumLength(MentorAssignment.TextMaxLength);
        RuleFor(x => x.ConsentGivenOn).NotNull().WithMessage(_ => Messages.Mentor_ConsentRequired);
        RuleFor(x => x.PlannedIntervalDays).InclusiveBetween(1, MentorAssignment.MaxIntervalDays);
        RuleFor(x => x.EndsOn).GreaterThan(x => x.StartsOn).When(x => x.EndsOn is not null).WithMessage(_ => Messages.Mentor_EndBeforeStart);
    }
}

internal sealed class AssignMentorHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<AssignMentor, MentorAssigned>
{
    public async ValueTask<MentorAssigned> Handle(AssignMentor command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var grant = await AccessDecision.RequireAsync(
            db, user, command.FollowUpId, RecordKinds.MentorProgramme, now, cancellationToken, write: true, messageName: nameof(AssignMentor));
        var status = await db.FollowUps.Where(f => f.Id == grant.FollowUpId).Select(f => f.Status).SingleAsync(cancellationToken);
        if (status == FollowUpStatus.Closed)
        {
            throw new RuleViolationException(nameof(AssignMentor.FollowUpId), Messages.FollowUp_Closed);
        }

        if (command.ConsentGivenOn > today)
        {
            throw new RuleViolationException(nameof(AssignMentor.ConsentGivenOn), Messages.Mentor_DateInFuture);
        }

        if (!await MentorRules.HoldsRoleAsync(db, command.MentorUserId, Role.Mentor, grant.AgencyId, null, cancellationToken))
        {
            throw new RuleViolationException(nameof(AssignMentor.MentorUserId), Messages.Mentor_NotAMentor);
        }

        var profile = await db.MentorProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == command.MentorUserId, cancellationToken)
            ?? throw new RuleViolationException(nameof(AssignMentor.MentorUserId), Messages.Mentor_NoProfile);
        var start = command.StartsOn > today ? command.StartsOn : today;
        if (!profile.CertificateValidOn(today) || !profile.CertificateValidOn(start))
        {
            throw new RuleViolationException(nameof(AssignMentor.MentorUserId), Messages.Mentor_CertificateInvalid);
        }

        var activeCount = await db.MentorAssignments.CountAsync(
            a => a.MentorUserId == command.MentorUserId && a.ClosedAt == null && (a.EndsOn == null || a.EndsOn >= today), cancellationToken);
        if (activeCount >= profile.Capacity)
        {
            throw new RuleViolationException(nameof(AssignMentor.MentorUserId), Messages.Mentor_OverCapacity);
        }

        if (await db.MentorAssignments.AnyAsync(
                a => a.FollowUpId == grant.FollowUpId && a.MentorUserId == command.MentorUserId && a.ClosedAt == null && (a.EndsOn == null || a.EndsOn >= today),
                cancellationToken))
        {
            throw new RuleViolationException(nameof(AssignMentor.MentorUserId), Messages.Mentor_AlreadyAssigned);
        }

        if (!await MentorRules.HoldsRoleAsync(db, command.PoliceContactUserId, Role.RadicalisationContact, null, AgencyKind.Police, cancellationToken))
        {
            throw new RuleViolationException(nameof(AssignMentor.PoliceContactUserId), Messages.Mentor_PoliceContactInvalid);
        }

        var assignment = MentorAssignment.Create(
            Guid.CreateVersion7(), grant.FollowUpId, grant.PersonId, command.MentorUserId, profile.SupervisorUserId, command.PoliceContactUserId,
            command.ReferralSource, TextRules.Clean(command.MatchReason)!, command.ConsentGivenOn!.Value, TextRules.Clean(command.Goals)!,
            command.PlannedIntervalDays, command.MentorSafetyRisk, TextRules.Clean(command.RiskAssessment)!, command.StartsOn, command.EndsOn, user.UserId, now);
        db.MentorAssignments.Add(assignment);
        return new MentorAssigned(assignment.Id, assignment.FollowUpId);
    }
}
