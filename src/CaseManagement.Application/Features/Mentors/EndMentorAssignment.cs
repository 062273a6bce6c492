using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>The coordinator closes an assignment with a reason; the mentor's access to it ends at once.</summary>
[Requires(Capability.ManageMentorProgramme)]
public sealed record EndMentorAssignment(Guid FollowUpId, Guid AssignmentId, AssignmentClosingReason Reason) : ICommand<MentorAssigned>;

internal sealed class EndMentorAssignmentValidator : AbstractValidator<EndMentorAssignment>
{
    public EndMentorAssignmentValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.AssignmentId).NotEmpty();
        RuleFor(x => x.Reason).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class EndMentorAssignmentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<EndMentorAssignment, MentorAssigned>
{
    public async ValueTask<MentorAssigned> Handle(EndMentorAssignment command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.RequireAsync(
            db, user, command.FollowUpId, RecordKinds.MentorProgramme, now, cancellationToken, write: true, messageName: nameof(EndMentorAssignment));
        var assignment = await db.MentorAssignments.SingleOrDefaultAsync(a => a.Id == command.AssignmentId && a.FollowUpId == grant.FollowUpId, cancellationToken)
            ?? throw new NotFoundException("MentorAssignment");
        if (assignment.ClosedAt is not null)
        {
            throw new RuleViolationException(nameof(EndMentorAssignment.AssignmentId), Messages.Mentor_AssignmentClosed);
        }

        assignment.Close(command.Reason, now);
        return new MentorAssigned(assignment.Id, assignment.FollowUpId);
    }
}
