using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Retires a legal basis (ADR-028): from now on no new disclosure or referral is made on it; disclosures already made
/// keep it and go on showing it. A basis is never deleted. Retiring twice keeps the first time.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record RetireLegalBasis(Guid Id) : ICommand<LegalBasisChanged>;

internal sealed class RetireLegalBasisValidator : AbstractValidator<RetireLegalBasis>
{
    public RetireLegalBasisValidator() => RuleFor(x => x.Id).NotEmpty();
}

internal sealed class RetireLegalBasisHandler(CaseDbContext db, TimeProvider clock) : ICommandHandler<RetireLegalBasis, LegalBasisChanged>
{
    public async ValueTask<LegalBasisChanged> Handle(RetireLegalBasis command, CancellationToken cancellationToken)
    {
        var basis = await db.LegalBases.SingleOrDefaultAsync(b => b.Id == command.Id, cancellationToken) ?? throw new NotFoundException("LegalBasis");
        basis.Retire(clock.GetUtcNow());
        return new LegalBasisChanged(basis.Id, basis.Code);
    }
}
