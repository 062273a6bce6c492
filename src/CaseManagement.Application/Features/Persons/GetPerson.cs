using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Riok.Mapperly.Abstractions;

namespace CaseManagement.Application.Features.Persons;

/// <summary>One person with guardians, age today and the version to send back with a correction.</summary>
[Requires(Capability.ReadPersons)]
public sealed record GetPerson(Guid PersonId) : IQuery<PersonView>;

public sealed record GuardianView(Guid Id, string Name, GuardianRelation Relation, string? Phone, string? Email);

public sealed record PersonView(
    Guid Id,
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    int Age,
    bool IsAdult,
    string? NationalIdentityNumber,
    string? Phone,
    string? Email,
    string? Address,
    string? PreferredLanguage,
    bool NeedsInterpreter,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<GuardianView> Guardians,
    string Version)
{
    /// <summary>
    /// True when the user sees the entry through a disclosure: the FollowUp kind covers the person's basic details
    /// (name, date of birth, age, language and interpreter need), not the identity number, contact details or
    /// guardians. The owning agency and an emergency grant see the whole entry.
    /// </summary>
    public bool BasicDetailsOnly { get; init; }
}

internal sealed class GetPersonValidator : AbstractValidator<GetPerson>
{
    public GetPersonValidator() => RuleFor(x => x.PersonId).NotEmpty();
}

internal sealed class GetPersonHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(GetPerson query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var person = await db.VisiblePersons(user, clock.GetUtcNow())
            .Include(p => p.Guardians)
            .SingleOrDefaultAsync(p => p.Id == query.PersonId, cancellationToken)
            ?? throw new NotFoundException("Person");

        var purposes = await AccessDecision.PurposesForPersonsAsync(db, user, [(person.Id, person.AgencyId)], clock.GetUtcNow(), cancellationToken);
        // Logged and committed before the data leaves the handler (R20).
        await accessLog.RecordAsync(new AccessRecord(person.Id, null, "Person", purposes[person.Id]), cancellationToken);

        var today = OsloTime.Today(clock);
        var version = ConcurrencyTokens.Read(db.Entry(person));
        var view = PersonMapper.ToView(person, person.AgeAt(today), person.IsAdultAt(today), version);
        return purposes[person.Id] == AccessPurpose.Disclosure
            ? view with { NationalIdentityNumber = null, Phone = null, Email = null, Address = null, Guardians = [], BasicDetailsOnly = true }
            : view;
    }
}

[Mapper]
internal static partial class PersonMapper
{
    [MapperIgnoreSource(nameof(Person.AgencyId))]
    [MapperIgnoreSource(nameof(Person.SearchName))]
    [MapperIgnoreTarget(nameof(PersonView.BasicDetailsOnly))]
    public static partial PersonView ToView(Person person, int age, bool isAdult, string version);

    [MapperIgnoreSource(nameof(Guardian.PersonId))]
    public static partial GuardianView ToView(Guardian guardian);
}
