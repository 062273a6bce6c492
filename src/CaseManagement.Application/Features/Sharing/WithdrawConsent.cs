using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Sharing;

/// <summary>
/// Withdraws a consent. Every disclosure resting on it ends at the same moment, so the receiving unit loses access
/// on its next operation; what was lawfully shared before is not erased.
/// </summary>
[Requires(Capability.ManageConsent)]
public sealed record WithdrawConsent(Guid FollowUpId, Guid ConsentId) : ICommand<ConsentWithdrawn>;

public sealed record ConsentWithdrawn(Guid Id, int DisclosuresEnded);

internal sealed class WithdrawConsentValidator : AbstractValidator<WithdrawConsent>
{
    public WithdrawConsentValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.ConsentId).NotEmpty();
    }
}

internal sealed class WithdrawConsentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<WithdrawConsent, ConsentWithdrawn>
{
    public async ValueTask<ConsentWithdrawn> Handle(WithdrawConsent command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        // Withdrawal must be possible even after the follow-up is closed, so no "open" check here.
        await Access.AccessDecision.RequireAsync(db, user, command.FollowUpId, Domain.Sharing.RecordKinds.FollowUp, now, cancellationToken, write: true, messageName: nameof(WithdrawConsent));
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.Id == command.ConsentId && c.FollowUpId == command.FollowUpId, cancellationToken)
            ?? throw new NotFoundException("Consent");
        if (consent.WithdrawnAt is not null)
        {
            throw new RuleViolationException(nameof(command.ConsentId), Messages.Consent_AlreadyWithdrawn);
        }

        consent.Withdraw(now);
        var disclosures = await db.Disclosures.Where(d => d.ConsentId == consent.Id && d.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var disclosure in disclosures)
        {
            disclosure.End(now);
        }

        return new ConsentWithdrawn(consent.Id, disclosures.Count);
    }
}
