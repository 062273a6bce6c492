using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Protection;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Persons;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Persons;

/// <summary>
/// Finds people by part of their name, or exactly by national identity number (taken in the body, never the URL).
/// With neither, lists everyone the user may see, a page at a time.
/// </summary>
[Requires(Capability.ReadPersons)]
public sealed record FindPersons(string? Name = null, string? NationalIdentityNumber = null, int PageNumber = 1, int PageSize = 20)
    : IQuery<Page<PersonSummary>>, IPagedQuery;

public sealed record PersonSummary(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, int Age, bool HasNationalIdentityNumber);

internal sealed class FindPersonsValidator : AbstractValidator<FindPersons>
{
    public FindPersonsValidator()
    {
        RuleFor(x => x.Name).SingleLine((Person.NameMaxLength * 2) + 1);
        RuleFor(x => x.NationalIdentityNumber).Custom((value, ctx) =>
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            var check = Domain.Persons.NationalIdentityNumber.Check(value);
            if (!check.IsValid)
            {
                ctx.AddFailure(ctx.PropertyPath, PersonFieldsValidator<RegisterPerson>.NinMessage(check.Error!.Value));
            }
        });
        this.AddPagingRules();
    }
}

internal sealed class FindPersonsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog, BlindIndex blindIndex)
    : IQueryHandler<FindPersons, Page<PersonSummary>>
{
    public async ValueTask<Page<PersonSummary>> Handle(FindPersons query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var persons = db.VisiblePersons(user, clock.GetUtcNow()).AsNoTracking();

        if (!string.IsNullOrEmpty(query.NationalIdentityNumber))
        {
            // The number is stored encrypted; its blind index is the only way to find it (ADR-010).
            persons = persons.WithIdentityNumber(blindIndex, query.NationalIdentityNumber);
        }

        var name = TextRules.Clean(query.Name);
        if (name is not null)
        {
            // Wildcards typed by the user match literally: % and _ are escaped, the pattern is a parameter.
            var pattern = TextRules.ContainsPattern(Person.SearchText(name));
            persons = persons.Where(p => EF.Functions.Like(p.SearchName, pattern, TextRules.LikeEscape));
        }

        var total = await persons.CountAsync(cancellationToken);
        var rows = await persons
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .TakePage(query)
            .Select(p => new { p.Id, p.AgencyId, p.GivenName, p.FamilyName, p.DateOfBirth, HasNin = p.NationalIdentityNumber != null })
            .ToListAsync(cancellationToken);

        // Every person shown in a result page is a read of that person's data (R20, R24).
        var purposes = await AccessDecision.PurposesForPersonsAsync(db, user, rows.Select(r => (r.Id, r.AgencyId)).ToList(), clock.GetUtcNow(), cancellationToken);
        await accessLog.RecordAsync(rows.Select(r => new AccessRecord(r.Id, null, "PersonSearch", purposes[r.Id])).ToList(), cancellationToken);

        var today = OsloTime.Today(clock);
        var items = rows.Select(r => new PersonSummary(r.Id, r.GivenName, r.FamilyName, r.DateOfBirth, Age.At(r.DateOfBirth, today), r.HasNin)).ToList();
        return new Page<PersonSummary>(items, query.PageNumber, query.PageSize, total);
    }
}
