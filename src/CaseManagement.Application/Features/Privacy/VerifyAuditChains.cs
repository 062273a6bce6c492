using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;

namespace CaseManagement.Application.Features.Privacy;

/// <summary>The privacy officer checks that the audit and the access log are unbroken.</summary>
[Requires(Capability.ReviewAccess)]
public sealed record VerifyAuditChains : IQuery<IReadOnlyList<ChainReport>>;

internal sealed class VerifyAuditChainsHandler(CaseDbContext db, AuditVerifier verifier) : IQueryHandler<VerifyAuditChains, IReadOnlyList<ChainReport>>
{
    public async ValueTask<IReadOnlyList<ChainReport>> Handle(VerifyAuditChains query, CancellationToken cancellationToken) =>
        await verifier.VerifyAllAsync(db, cancellationToken);
}
