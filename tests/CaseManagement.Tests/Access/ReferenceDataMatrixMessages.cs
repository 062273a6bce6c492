using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// Units and legal bases (ADR-027, ADR-028), kept apart from <see cref="SubjectMatrixMessages"/> for merging. The
/// subject of a unit message is a unit: the acting user's own unit, another unit of their agency, or a unit of the
/// other agency. Commands that would spoil a shared unit (deactivating, moving its people) act on a fresh unit placed
/// in the subject's agency, except deactivating the own unit, which the acting administrator's own account refuses.
/// </summary>
public static class ReferenceDataMatrixMessages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<MessageSpec> All =>
    [
        SubjectMatrixMessages.AboutSubject<ListAdministeredUnits>(async c =>
            (await c.H.SendAsync(c.UserId, new ListAdministeredUnits())).Any(u => u.Id == c.P.UnitId)),
        SubjectMatrixMessages.AboutSubject<RenameUnit>(async c =>
        {
            // Renamed to the name and kind it has: a real change through the handler that leaves the shared unit as it was.
            var unit = await c.H.WithDbAsync(db => db.Units.AsNoTracking().SingleAsync(u => u.Id == c.P.UnitId, Ct));
            return (await c.H.SendAsync(c.UserId, new RenameUnit(unit.Id, unit.Name, unit.Kind))).Id == unit.Id;
        }),
        SubjectMatrixMessages.AboutSubject<MoveUnitUsers>(async c =>
        {
            // From a fresh unit of the subject's agency, with a user in it, to the subject's unit.
            var from = await FreshUnitAsync(c, c.P.AgencyId);
            var user = await c.H.CreateUserAsync(c.P.CaseRole, from);
            var to = c.P.Subject == SubjectRelation.SubjectOtherAgency ? await FreshUnitAsync(c, c.P.AgencyId) : c.P.UnitId;
            var moved = await c.H.SendAsync(c.UserId, new MoveUnitUsers(from, to));
            return moved.Users == 1 && await c.H.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user && u.UnitId == to, Ct));
        }),
        SubjectMatrixMessages.AboutSubject<DeactivateUnit>(async c =>
        {
            var unit = c.P.Subject == SubjectRelation.SubjectOwnUnit ? c.P.UnitId : await FreshUnitAsync(c, c.P.AgencyId);
            await c.H.SendAsync(c.UserId, new DeactivateUnit(unit));
            return await c.H.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == unit && u.DeactivatedAt != null, Ct));
        }),

        // No subject: a new unit goes into the acting administrator's own agency, named by no agency in the command.
        new MessageSpec(typeof(CreateUnit), AboutFollowUp: false, NeedsClosedFollowUp: false, async c =>
        {
            var created = await c.H.SendAsync(c.UserId, new CreateUnit("Matrise " + Guid.CreateVersion7().ToString("N"), UnitKind.School));
            return await c.H.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == created.Id && u.AgencyId == c.Layout.AgencyId, Ct));
        }),

        // No subject: the catalogue of legal bases is one, shared by both agencies (ADR-028).
        new MessageSpec(typeof(ListLegalBasisCatalogue), AboutFollowUp: false, NeedsClosedFollowUp: false, async c =>
            (await c.H.SendAsync(c.UserId, new ListLegalBasisCatalogue())).Any(b => b.Id == c.Layout.LegalBasisId)),
        new MessageSpec(typeof(AddLegalBasis), AboutFollowUp: false, NeedsClosedFollowUp: false, async c =>
        {
            var added = await c.H.SendAsync(c.UserId, NewBasis());
            return await c.H.WithDbAsync(db => db.LegalBases.AnyAsync(b => b.Id == added.Id, Ct));
        }),
        new MessageSpec(typeof(RetireLegalBasis), AboutFollowUp: false, NeedsClosedFollowUp: false, async c =>
        {
            // A basis made for the case: the shipped ones stay usable for the other rows.
            var basis = await c.H.WithDbAsync(async db =>
            {
                var b = new CaseManagement.Domain.Sharing.LegalBasis(Guid.CreateVersion7(), "matrise-" + Guid.CreateVersion7().ToString("N")[..20], "Matrise", "testloven", "§ 1", "Til test.", c.H.Today);
                db.LegalBases.Add(b);
                await db.SaveChangesAsync(Ct);
                return b.Id;
            });
            await c.H.SendAsync(c.UserId, new RetireLegalBasis(basis));
            return await c.H.WithDbAsync(db => db.LegalBases.AnyAsync(b => b.Id == basis && b.RetiredAt != null, Ct));
        }),
    ];

    internal static AddLegalBasis NewBasis() =>
        new("matrise-" + Guid.CreateVersion7().ToString("N")[..20], "Matrise", "testloven", "§ 1", "Til test.", new DateOnly(2026, 1, 1));

    private static Task<Guid> FreshUnitAsync(MatrixCase c, Guid agencyId) =>
        c.H.WithDbAsync(async db =>
        {
            var unit = new Unit(Guid.CreateVersion7(), agencyId, "Matrise " + Guid.CreateVersion7().ToString("N"), UnitKind.Other);
            db.Units.Add(unit);
            await db.SaveChangesAsync(Ct);
            return unit.Id;
        });
}
