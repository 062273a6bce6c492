using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// The coordinator records or updates a mentor's profile: training, police certificate (politiattest) date, capacity
/// and supervising coordinator. The mentor must be a user of the coordinator's own agency holding the mentor role.
/// </summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record SaveMentorProfile(
    Guid MentorUserId,
    DateOnly PoliceCertificateIssuedOn,
    int Capacity,
    Guid SupervisorUserId,
    DateOnly? TrainingCompletedOn = null) : ICommand<MentorProfileSaved>;

public sealed record MentorProfileSaved(Guid Id, Guid MentorUserId);

internal sealed class SaveMentorProfileValidator : AbstractValidator<SaveMentorProfile>
{
    public SaveMentorProfileValidator()
    {
        RuleFor(x => x.MentorUserId).NotEmpty();
        RuleFor(x => x.SupervisorUserId).NotEmpty();
        RuleFor(x => x.Capacity).InclusiveBetween(1, MentorProfile.MaxCapacity);
    }
}

internal sealed class SaveMentorProfileHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveMentorProfile, MentorProfileSaved>
{
    public async ValueTask<MentorProfileSaved> Handle(SaveMentorProfile command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        if (!await MentorRules.HoldsRoleAsync(db, command.MentorUserId, Role.Mentor, user.AgencyId, null, cancellationToken))
        {
            throw new RuleViolationException(nameof(SaveMentorProfile.MentorUserId), Messages.Mentor_NotAMentor);
        }

        if (!await MentorRules.HoldsRoleAsync(db, command.SupervisorUserId, Role.PreventionCoordinator, user.AgencyId, null, cancellationToken))
        {
            throw new RuleViolationException(nameof(SaveMentorProfile.SupervisorUserId), Messages.Mentor_SupervisorInvalid);
        }

        if (command.PoliceCertificateIssuedOn > today)
        {
            throw new RuleViolationException(nameof(SaveMentorProfile.PoliceCertificateIssuedOn), Messages.Mentor_DateInFuture);
        }

        if (command.TrainingCompletedOn > today)
        {
            throw new RuleViolationException(nameof(SaveMentorProfile.TrainingCompletedOn), Messages.Mentor_DateInFuture);
        }

        var profile = await db.MentorProfiles.SingleOrDefaultAsync(p => p.UserId == command.MentorUserId, cancellationToken);
        if (profile is null)
        {
            profile = MentorProfile.Create(
                Guid.CreateVersion7(), command.MentorUserId, command.TrainingCompletedOn, command.PoliceCertificateIssuedOn, command.Capacity, command.SupervisorUserId, now);
            db.MentorProfiles.Add(profile);
        }
        else
        {
            profile.Update(command.TrainingCompletedOn, command.PoliceCertificateIssuedOn, command.Capacity, command.SupervisorUserId, now);
        }

        return new MentorProfileSaved(profile.Id, profile.UserId);
    }
}
