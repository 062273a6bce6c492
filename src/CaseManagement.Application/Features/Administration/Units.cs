using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Organisation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Administrators keep the units of their own agency only (ADR-027), as they keep its users: the other agency's unit
/// is "not found". Shared by the unit use cases.
/// </summary>
internal static class AdministeredUnits
{
    public static async Task<Unit> OwnAsync(CaseDbContext db, UserContext administrator, Guid unitId, CancellationToken cancellationToken) =>
        await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.AgencyId == administrator.AgencyId, cancellationToken)
        ?? throw new NotFoundException("Unit");

    /// <summary>
    /// Two units of one agency with the same name (in any case) would be indistinguishable in every picker. The few
    /// units of an agency are compared in memory: ordinal, case-insensitive, the same on every database.
    /// </summary>
    public static async Task CheckNameIsFreeAsync(CaseDbContext db, Guid agencyId, string name, Guid? except, string field, CancellationToken cancellationToken)
    {
        var names = await db.Units.Where(u => u.AgencyId == agencyId && u.Id != except).Select(u => u.Name).ToListAsync(cancellationToken);
        if (names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RuleViolationException(field, Messages.Unit_NameTaken);
        }
    }

    /// <summary>Users who can still sign in (or will, after activation): they must be moved before the unit goes.</summary>
    public static IQueryable<AppUser> ActiveUsers(CaseDbContext db, Guid unitId) => db.Users.Where(u => u.UnitId == unitId && !u.IsDisabled);

    /// <summary>Disclosures to the unit that still give its users access (not ended, not expired).</summary>
    public static IQueryable<Domain.Sharing.Disclosure> ActiveDisclosures(CaseDbContext db, Guid unitId, DateTimeOffset now) =>
        db.Disclosures.Where(d => d.ToUnitId == unitId && d.EndedAt == null && d.ValidTo > now);

    public static IRuleBuilderOptions<T, string?> UnitName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => Messages.Unit_NameRequired)
            .MaximumLength(Unit.NameMaxLength).WithMessage(_ => Messages.Unit_NameTooLong)
            .SingleLine(Unit.NameMaxLength);
}

public sealed record UnitChanged(Guid Id);
