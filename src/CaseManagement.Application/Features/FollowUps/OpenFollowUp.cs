using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>Opens a follow-up (oppfølging) for a person in the user's agency; the user becomes its lead.</summary>
[Requires(Capability.OpenFollowUp)]
public sealed record OpenFollowUp(Guid PersonId, ConcernSource ConcernSource) : ICommand<FollowUpOpened>;

public sealed record FollowUpOpened(Guid Id);

internal sealed class OpenFollowUpValidator : AbstractValidator<OpenFollowUp>
{
    public OpenFollowUpValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.ConcernSource).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class OpenFollowUpHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<OpenFollowUp, FollowUpOpened>
{
    public async ValueTask<FollowUpOpened> Handle(OpenFollowUp command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        // Only the agency's own register entry: a follow-up is always the owning agency's record.
        if (!await db.OwnAgencyPersons(user).AnyAsync(p => p.Id == command.PersonId, cancellationToken))
        {
            throw new NotFoundException("Person");
        }

        if (await db.FollowUps.AnyAsync(f => f.PersonId == command.PersonId && f.AgencyId == user.AgencyId && f.Status == FollowUpStatus.Open, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.PersonId), Messages.FollowUp_AlreadyOpen);
        }

        var retention = user.AgencyKind == AgencyKind.Police ? RetentionClass.PolicePrevention : RetentionClass.MunicipalService;
        var followUp = FollowUp.Open(Guid.CreateVersion7(), command.PersonId, user.AgencyId, command.ConcernSource, retention, user.UserId, clock.GetUtcNow());
        db.FollowUps.Add(followUp);
        return new FollowUpOpened(followUp.Id);
    }
}
