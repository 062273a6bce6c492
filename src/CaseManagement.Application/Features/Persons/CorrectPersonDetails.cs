using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Persons;

/// <summary>
/// Corrects a person's details and guardians. <c>Version</c> is the version read with the person: if someone
/// else has changed the person since, the correction is refused (409) and nothing is overwritten.
/// Guardians not listed are removed; listed ones with an id are corrected; ones without an id are added.
/// </summary>
[Requires(Capability.CorrectPerson)]
public sealed record CorrectPersonDetails(
    Guid PersonId,
    string Version,
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth,
    string? NationalIdentityNumber,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? PreferredLanguage = null,
    bool NeedsInterpreter = false,
    IReadOnlyList<GuardianInput>? Guardians = null) : ICommand<PersonCorrected>, IPersonFields;

public sealed record PersonCorrected(Guid Id);

internal sealed class CorrectPersonDetailsValidator : PersonFieldsValidator<CorrectPersonDetails>
{
    public CorrectPersonDetailsValidator(TimeProvider clock)
        : base(clock)
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().WithMessage(_ => Messages.Person_VersionRequired).MaximumLength(64);
    }
}

internal sealed class CorrectPersonDetailsHandler(CaseDbContext db, CurrentUser currentUser, BlindIndex blindIndex)
    : ICommandHandler<CorrectPersonDetails, PersonCorrected>
{
    public async ValueTask<PersonCorrected> Handle(CorrectPersonDetails command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var person = await db.OwnAgencyPersons(user)
            .Include(p => p.Guardians)
            .SingleOrDefaultAsync(p => p.Id == command.PersonId, cancellationToken)
            ?? throw new NotFoundException("Person");

        var entry = db.Entry(person);
        ConcurrencyTokens.ExpectVersion(entry, command.Version, "Person");

        var details = PersonFieldsMapping.ToDetails(command);
        if (details.NationalIdentityNumber is not null &&
            await db.OwnAgencyPersons(user).WithIdentityNumber(blindIndex, details.NationalIdentityNumber).AnyAsync(p => p.Id != person.Id, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.NationalIdentityNumber), Messages.Nin_Duplicate);
        }

        person.Correct(details);

        var wanted = command.Guardians ?? [];
        foreach (var input in wanted.Where(g => g.Id is not null))
        {
            var existing = person.Guardians.FirstOrDefault(g => g.Id == input.Id)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.Guardians), Messages.Person_UnknownGuardian)]);
            existing.Correct(TextRules.Clean(input.Name)!, input.Relation, TextRules.Clean(input.Phone), TextRules.Clean(input.Email));
        }

        foreach (var removed in person.Guardians.Where(g => wanted.All(w => w.Id != g.Id)).ToList())
        {
            person.RemoveGuardian(removed);
        }

        foreach (var input in wanted.Where(g => g.Id is null))
        {
            person.AddGuardian(Guid.CreateVersion7(), TextRules.Clean(input.Name)!, input.Relation, TextRules.Clean(input.Phone), TextRules.Clean(input.Email));
        }

        // The person is the aggregate: any change, guardians included, moves its version, so two editors of the
        // same person always collide instead of silently merging.
        entry.State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        return new PersonCorrected(person.Id);
    }
}
