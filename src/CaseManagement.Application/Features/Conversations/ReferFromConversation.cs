using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// From a held or concluded conversation, the lead refers the person to a mentor, family guidance, an individual
/// plan, a responsibility group, NAV or the follow-up service: a request to the municipal prevention coordinator's
/// unit, with a disclosure to that unit limited to what the basis covers (docs/decisions/ADR-012).
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record ReferFromConversation(
    Guid ConversationId,
    ReferralTarget Target,
    Guid ToUnitId,
    Guid? ConsentId = null,
    string? LegalBasisCode = null,
    string? Note = null) : ICommand<ReferralMade>;

public sealed record ReferralMade(Guid Id, Guid DisclosureId);

internal sealed class ReferFromConversationValidator : AbstractValidator<ReferFromConversation>
{
    public ReferFromConversationValidator()
    {
        RuleFor(x => x.ConversationId).NotEmpty();
        RuleFor(x => x.Target).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.ToUnitId).NotEmpty();
        RuleFor(x => x.ConsentId)
            .Must((x, consent) => (consent is null) != string.IsNullOrWhiteSpace(x.LegalBasisCode))
            .WithMessage(_ => Messages.Conv_ReferralBasisRequired);
        RuleFor(x => x.LegalBasisCode).MaximumLength(50);
        RuleFor(x => x.Note).MaximumLength(Referral.NoteMaxLength);
    }
}

internal sealed class ReferFromConversationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ReferFromConversation, ReferralMade>
{
    /// <summary>How long the referral's disclosure lasts at most: long enough to start the measure.</summary>
    public static readonly TimeSpan DisclosurePeriod = TimeSpan.FromDays(90);

    public async ValueTask<ReferralMade> Handle(ReferFromConversation command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        // The referral discloses: only the follow-up's lead may, as for any disclosure.
        var (conversation, grant, born) = await ConversationWrites.LoadAsync(db, user, command.ConversationId, nameof(ReferFromConversation), now, cancellationToken, lead: true);
        if (conversation.State is not (ConversationState.Held or ConversationState.Concluded))
        {
            throw new RuleViolationException("State", ConversationWrites.Format(Messages.Conv_ReferralBeforeHeld, ConversationWrites.StateText(conversation.State)));
        }

        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == command.ToUnitId, cancellationToken)
            ?? throw new RuleViolationException(nameof(command.ToUnitId), Messages.Consent_UnitNotFound);
        if (!unit.IsActive)
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Unit_Deactivated);
        }

        if (unit.Kind != UnitKind.PreventionCoordination || unit.AgencyId == grant.AgencyId)
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Conv_ReferralUnitNotCoordinator);
        }

        RecordKinds kinds;
        Guid? legalBasisId = null;
        var validTo = now + DisclosurePeriod;
        if (command.ConsentId is { } consentId)
        {
            var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId && c.FollowUpId == grant.FollowUpId, cancellationToken)
                ?? throw new RuleViolationException(nameof(command.ConsentId), Messages.Consent_NotFound);
            if (!consent.IsActiveAt(now))
            {
                throw new RuleViolationException(nameof(command.ConsentId), Messages.Disclosure_ConsentNotActive);
            }

            if (consent.ToUnitId != command.ToUnitId || (consent.RecordKinds & RecordKinds.FollowUp) == 0)
            {
                throw new RuleViolationException(nameof(command.ConsentId), Messages.Conv_ReferralConsentDoesNotCover);
            }

            // Tiltak 12: an adult's own consent governs sharing; a guardian's consent from before the 18th birthday does not.
            if (!ConversationFlow.IsMinorAt(born, OsloTime.DateOf(now)) && consent.GivenBy == ConsentGiver.Guardian)
            {
                throw new RuleViolationException(nameof(command.ConsentId), Messages.Conv_ReferralAdultOwnConsent);
            }

            // Exactly what the consent covers, of the two kinds a referral can carry.
            kinds = consent.RecordKinds & (RecordKinds.FollowUp | RecordKinds.Conversations);
            if (consent.ValidTo is { } consentEnds && consentEnds < validTo)
            {
                validTo = consentEnds;
            }
        }
        else
        {
            var code = command.LegalBasisCode!.Trim();
            legalBasisId = await LegalBases.ForNewDisclosureAsync(db, code, now, nameof(command.LegalBasisCode), cancellationToken);
            // Without consent, only the need to know of the request: the follow-up and the person's basic details.
            kinds = RecordKinds.FollowUp;
        }

        var targetText = Messages.ResourceManager.GetString("Conv_Target_" + command.Target, System.Globalization.CultureInfo.CurrentUICulture) ?? command.Target.ToString();
        var disclosure = Disclosure.Grant(
            Guid.CreateVersion7(), grant.FollowUpId, command.ToUnitId, kinds, command.ConsentId, legalBasisId,
            ConversationWrites.Format(Messages.Conv_ReferralDisclosureReason, targetText), now, validTo, user.UserId, now);
        var referral = Referral.Make(
            Guid.CreateVersion7(), conversation.Id, grant.FollowUpId, command.Target, command.ToUnitId, command.ConsentId, legalBasisId,
            disclosure.Id, TextRules.Clean(command.Note), user.UserId, now);
        db.Disclosures.Add(disclosure);
        db.Referrals.Add(referral);
        return new ReferralMade(referral.Id, disclosure.Id);
    }
}
