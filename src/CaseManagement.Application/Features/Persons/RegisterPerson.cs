using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Persons;

/// <summary>Registers a person in the user's agency.</summary>
[Requires(Capability.RegisterPerson)]
public sealed record RegisterPerson(
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth = null,
    string? NationalIdentityNumber = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? PreferredLanguage = null,
    bool NeedsInterpreter = false,
    IReadOnlyList<GuardianInput>? Guardians = null) : ICommand<PersonRegistered>, IPersonFields;

public sealed record PersonRegistered(Guid Id);

internal sealed class RegisterPersonValidator : PersonFieldsValidator<RegisterPerson>
{
    public RegisterPersonValidator(TimeProvider clock)
        : base(clock)
    {
    }
}

internal sealed class RegisterPersonHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, BlindIndex blindIndex)
    : ICommandHandler<RegisterPerson, PersonRegistered>
{
    public async ValueTask<PersonRegistered> Handle(RegisterPerson command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var details = PersonFieldsMapping.ToDetails(command);
        if (details.NationalIdentityNumber is not null &&
            await db.OwnAgencyPersons(user).WithIdentityNumber(blindIndex, details.NationalIdentityNumber).AnyAsync(cancellationToken))
        {
            throw new RuleViolationException(nameof(command.NationalIdentityNumber), Messages.Nin_Duplicate);
        }

        var person = Person.Register(Guid.CreateVersion7(), user.AgencyId, details, clock.GetUtcNow());
        foreach (var g in command.Guardians ?? [])
        {
            person.AddGuardian(Guid.CreateVersion7(), TextRules.Clean(g.Name)!, g.Relation, TextRules.Clean(g.Phone), TextRules.Clean(g.Email));
        }

        db.Persons.Add(person);
        return new PersonRegistered(person.Id);
    }
}
