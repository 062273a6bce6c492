using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Sharing;

/// <summary>The legal bases a new disclosure may be made on today (the catalogue is data; ADR-028).</summary>
[Requires(Capability.ReadOrganisation)]
public sealed record ListLegalBases : IQuery<IReadOnlyList<LegalBasisView>>;

public sealed record LegalBasisView(string Code, string Title, string Reference);

internal sealed class ListLegalBasesHandler(CaseDbContext db, TimeProvider clock) : IQueryHandler<ListLegalBases, IReadOnlyList<LegalBasisView>>
{
    public async ValueTask<IReadOnlyList<LegalBasisView>> Handle(ListLegalBases query, CancellationToken cancellationToken) =>
        await db.LegalBases.AsNoTracking().UsableOn(OsloTime.Today(clock)).OrderBy(b => b.Code)
            .Select(b => new LegalBasisView(b.Code, b.Title, b.Reference)).ToListAsync(cancellationToken);
}
