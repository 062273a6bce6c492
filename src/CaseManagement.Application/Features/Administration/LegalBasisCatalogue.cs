using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// The whole catalogue of legal bases for the administrator, retired ones and those outside their validity too, each
/// with whether a new disclosure may be made on it today (ADR-028). Reference data: no personal data.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record ListLegalBasisCatalogue : IQuery<IReadOnlyList<LegalBasisEntry>>;

public sealed record LegalBasisEntry(
    Guid Id, string Code, string Title, string Law, string Section, string Summary, DateOnly ValidFrom, DateOnly? ValidTo, DateTimeOffset? RetiredAt,
    bool UsableToday, int Disclosures);

internal sealed class ListLegalBasisCatalogueHandler(CaseDbContext db, TimeProvider clock) : IQueryHandler<ListLegalBasisCatalogue, IReadOnlyList<LegalBasisEntry>>
{
    public async ValueTask<IReadOnlyList<LegalBasisEntry>> Handle(ListLegalBasisCatalogue query, CancellationToken cancellationToken)
    {
        var today = OsloTime.Today(clock);
        var bases = await db.LegalBases.AsNoTracking().OrderBy(b => b.Code).ToListAsync(cancellationToken);
        // How many disclosures were made on each: a count, no follow-up or person.
        var used = await db.Disclosures.AsNoTracking().Where(d => d.LegalBasisId != null)
            .GroupBy(d => d.LegalBasisId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return bases.Select(b => new LegalBasisEntry(
                b.Id, b.Code, b.Title, b.Law, b.Section, b.Summary, b.ValidFrom, b.ValidTo, b.RetiredAt, b.IsUsableOn(today), used.GetValueOrDefault(b.Id)))
            .ToList();
    }
}
