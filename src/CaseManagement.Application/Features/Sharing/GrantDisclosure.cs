using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Sharing;

/// <summary>
/// The lead discloses record kinds of the follow-up to a unit of another agency for a period, on an active consent
/// given to that unit covering those kinds, or on a legal basis from the catalogue (by code).
/// </summary>
[Requires(Capability.ManageDisclosures)]
public sealed record GrantDisclosure(
    Guid FollowUpId,
    Guid ToUnitId,
    RecordKinds RecordKinds,
    string Reason,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    Guid? ConsentId = null,
    string? LegalBasisCode = null) : ICommand<DisclosureGranted>;

public sealed record DisclosureGranted(Guid Id);

internal sealed class GrantDisclosureValidator : AbstractValidator<GrantDisclosure>
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public GrantDisclosureValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.ToUnitId).NotEmpty();
        RuleFor(x => x.RecordKinds)
            .Must(k => k != RecordKinds.None).WithMessage(_ => Messages.Consent_KindsRequired)
            .Must(k => (k & ~RecordKinds.All) == 0).WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(Disclosure.ReasonMaxLength);
        RuleFor(x => x.ValidTo)
            .Must((x, to) => to > x.ValidFrom && to - x.ValidFrom <= MaxPeriod).WithMessage(_ => Messages.Disclosure_PeriodInvalid);
        RuleFor(x => x.ConsentId)
            .Must((x, consent) => (consent is null) != string.IsNullOrWhiteSpace(x.LegalBasisCode))
            .WithMessage(_ => Messages.Disclosure_BasisRequired);
        RuleFor(x => x.LegalBasisCode).MaximumLength(50);
    }
}

internal sealed class GrantDisclosureHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<GrantDisclosure, DisclosureGranted>
{
    public async ValueTask<DisclosureGranted> Handle(GrantDisclosure command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (followUp, _) = await FollowUpWrites.LoadAsync(db, user, command.FollowUpId, lead: true, nameof(GrantDisclosure), now, cancellationToken);

        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == command.ToUnitId, cancellationToken)
            ?? throw new RuleViolationException(nameof(command.ToUnitId), Messages.Consent_UnitNotFound);
        if (!unit.IsActive)
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Unit_Deactivated);
        }

        if (unit.AgencyId == followUp.AgencyId)
        {
            // Inside the agency, access follows the team; disclosures are for crossing between controllers.
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Disclosure_SameUnit);
        }

        Guid? legalBasisId = null;
        if (command.ConsentId is { } consentId)
        {
            var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId && c.FollowUpId == followUp.Id, cancellationToken)
                ?? throw new RuleViolationException(nameof(command.ConsentId), Messages.Consent_NotFound);
            if (!consent.IsActiveAt(now))
            {
                throw new RuleViolationException(nameof(command.ConsentId), Messages.Disclosure_ConsentNotActive);
            }

            if (consent.ToUnitId != command.ToUnitId || (consent.RecordKinds & command.RecordKinds) != command.RecordKinds)
            {
                throw new RuleViolationException(nameof(command.ConsentId), Messages.Disclosure_ConsentDoesNotCover);
            }
        }
        else
        {
            var code = command.LegalBasisCode!.Trim();
            legalBasisId = await LegalBases.ForNewDisclosureAsync(db, code, now, nameof(command.LegalBasisCode), cancellationToken);
        }

        var disclosure = Disclosure.Grant(
            Guid.CreateVersion7(), followUp.Id, command.ToUnitId, command.RecordKinds, command.ConsentId, legalBasisId,
            command.Reason.Trim(), command.ValidFrom, command.ValidTo, user.UserId, now);
        db.Disclosures.Add(disclosure);
        return new DisclosureGranted(disclosure.Id);
    }
}
