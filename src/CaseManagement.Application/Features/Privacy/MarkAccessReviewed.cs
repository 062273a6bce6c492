using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>
/// The privacy officer has judged an emergency access (nødtilgang) and writes down the conclusion; the grant leaves
/// the open review queue. Audited like any change (the note encrypted). A grant is reviewed once: the note is the
/// record of that review, not something to rewrite later. Only a grant to a follow-up of the officer's own agency
/// (ADR-018): the other agency's grants answer "not found".
/// </summary>
[Requires(Capability.ReviewAccess)]
public sealed record MarkAccessReviewed(Guid EmergencyAccessId, string Note) : ICommand<AccessReviewed>;

public sealed record AccessReviewed(Guid EmergencyAccessId, DateTimeOffset ReviewedAt);

internal sealed class MarkAccessReviewedValidator : AbstractValidator<MarkAccessReviewed>
{
    public MarkAccessReviewedValidator()
    {
        RuleFor(x => x.EmergencyAccessId).NotEmpty();
        RuleFor(x => x.Note).NotEmpty().MaximumLength(EmergencyAccess.ReviewNoteMaxLength);
    }
}

internal sealed class MarkAccessReviewedHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MarkAccessReviewed, AccessReviewed>
{
    public async ValueTask<AccessReviewed> Handle(MarkAccessReviewed command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var agencyId = user.AgencyId;
        var grant = await db.EmergencyAccesses
                .SingleOrDefaultAsync(e => e.Id == command.EmergencyAccessId && db.FollowUps.Any(f => f.Id == e.FollowUpId && f.AgencyId == agencyId), cancellationToken)
            ?? throw new NotFoundException("EmergencyAccess");
        if (grant.IsReviewed)
        {
            throw new RuleViolationException(nameof(command.EmergencyAccessId), Messages.Privacy_AlreadyReviewed);
        }

        // A privacy officer does not review their own emergency access.
        if (grant.UserId == user.UserId)
        {
            throw new RuleViolationException(nameof(command.EmergencyAccessId), Messages.Privacy_OwnAccess);
        }

        var now = clock.GetUtcNow();
        grant.MarkReviewed(user.UserId, TextRules.Clean(command.Note)!, now);
        return new AccessReviewed(grant.Id, now);
    }
}
