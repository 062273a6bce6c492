using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Sharing;

/// <summary>
/// Records a consent — or a refusal — given to a service (a unit) for record kinds and a purpose. An adult consents
/// themselves (tiltak 12); a guardian can consent only for a minor.
/// </summary>
[Requires(Capability.ManageConsent)]
public sealed record RecordConsent(
    Guid FollowUpId,
    ConsentGiver GivenBy,
    Guid ToUnitId,
    RecordKinds RecordKinds,
    string Purpose,
    ConsentMethod Method,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo = null,
    string? GiverName = null,
    bool Refused = false) : ICommand<ConsentRecorded>;

public sealed record ConsentRecorded(Guid Id);

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.ToUnitId).NotEmpty();
        RuleFor(x => x.GivenBy).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Method).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.RecordKinds)
            .Must(k => k != RecordKinds.None).WithMessage(_ => Messages.Consent_KindsRequired)
            .Must(k => (k & ~RecordKinds.All) == 0).WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Purpose).NotEmpty().SingleLine(Consent.PurposeMaxLength);
        RuleFor(x => x.GiverName).SingleLine(Consent.NameMaxLength);
        RuleFor(x => x.ValidTo).Must((x, to) => to is null || to > x.ValidFrom).WithMessage(_ => Messages.Consent_PeriodInvalid);
    }
}

internal sealed class RecordConsentHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<RecordConsent, ConsentRecorded>
{
    public async ValueTask<ConsentRecorded> Handle(RecordConsent command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (followUp, _) = await FollowUpWrites.LoadAsync(db, user, command.FollowUpId, lead: false, nameof(RecordConsent), now, cancellationToken);

        if (!await db.Units.AnyAsync(u => u.Id == command.ToUnitId, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Consent_UnitNotFound);
        }

        if (await db.Units.AnyAsync(u => u.Id == command.ToUnitId && u.DeactivatedAt != null, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.ToUnitId), Messages.Unit_Deactivated);
        }

        var born = await db.Persons.Where(p => p.Id == followUp.PersonId).Select(p => p.DateOfBirth).SingleAsync(cancellationToken);
        if (command.GivenBy == ConsentGiver.Guardian && Age.IsAdultAt(born, OsloTime.DateOf(now)))
        {
            throw new RuleViolationException(nameof(command.GivenBy), Messages.Consent_GuardianForAdult);
        }

        var consent = Consent.Record(
            Guid.CreateVersion7(), followUp.PersonId, followUp.Id, command.GivenBy, TextRules.Clean(command.GiverName), command.ToUnitId,
            command.RecordKinds, TextRules.Clean(command.Purpose)!, command.Method, command.Refused, command.ValidFrom, command.ValidTo, user.UserId, now);
        db.Consents.Add(consent);
        return new ConsentRecorded(consent.Id);
    }
}
