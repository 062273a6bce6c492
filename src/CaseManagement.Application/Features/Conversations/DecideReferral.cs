using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>The prevention coordinator accepts or declines a referral addressed to their unit.</summary>
[Requires(Capability.HandleReferrals)]
public sealed record DecideReferral(Guid ReferralId, bool Accept, string? Note = null) : ICommand<ReferralDecided>;

public sealed record ReferralDecided(Guid Id, ReferralStatus Status);

internal sealed class DecideReferralValidator : AbstractValidator<DecideReferral>
{
    public DecideReferralValidator()
    {
        RuleFor(x => x.ReferralId).NotEmpty();
        RuleFor(x => x.Note).MaximumLength(Referral.NoteMaxLength);
        RuleFor(x => x.Note).NotEmpty().When(x => !x.Accept).WithMessage(_ => Messages.Conv_DeclineNeedsNote);
    }
}

internal sealed class DecideReferralHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<DecideReferral, ReferralDecided>
{
    public async ValueTask<ReferralDecided> Handle(DecideReferral command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (referral, _) = await AccessDecision.RequireReferralRecipientAsync(db, user, command.ReferralId, now, cancellationToken);
        if (referral.Status != ReferralStatus.Waiting)
        {
            throw new RuleViolationException("Status", Messages.Conv_ReferralDecided);
        }

        referral.Decide(command.Accept, TextRules.Clean(command.Note), user.UserId, now);
        return new ReferralDecided(referral.Id, referral.Status);
    }
}
