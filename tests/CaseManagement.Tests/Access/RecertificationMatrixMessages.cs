using CaseManagement.Application.Features.Recertification;
using CaseManagement.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// Recertification (ADR-030), kept apart for merging. The acting user is first appointed leader of the unit they work
/// in (every role may lead a unit), so a row shows what a leader reaches; that a user who leads nothing is refused is
/// in the handler tests. Each cell has a fresh target user of the subject's unit, so no cell depends on another.
/// </summary>
public static class RecertificationMatrixMessages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<MessageSpec> All =>
    [
        SubjectMatrixMessages.AboutSubject<SetUnitLeader>(async c =>
        {
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            await c.H.SendAsync(c.UserId, new SetUnitLeader(target, true));
            var appointed = await c.H.WithDbAsync(db => db.UnitLeaders.AnyAsync(l => l.UserId == target && l.UnitId == c.P.UnitId, Ct));
            // Ended again at once: another cell's administrator must still find the unit without a leader.
            await c.H.SendAsync(c.UserId, new SetUnitLeader(target, false));
            return appointed && !await c.H.WithDbAsync(db => db.UnitLeaders.AnyAsync(l => l.UserId == target, Ct));
        }),
        SubjectMatrixMessages.AboutSubject<ListAccessToConfirm>(async c =>
        {
            await LeadOwnUnitAsync(c);
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            return (await c.H.SendAsync(c.UserId, new ListAccessToConfirm())).Users.Any(u => u.UserId == target);
        }),
        SubjectMatrixMessages.AboutSubject<ConfirmAccess>(async c =>
        {
            await LeadOwnUnitAsync(c);
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            await c.H.SendAsync(c.UserId, new ConfirmAccess([new RolesToConfirm(target, [c.P.CaseRole])]));
            return await c.H.WithDbAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == target && r.Kind == AccessReviewKind.Confirmed && r.ConfirmedByUserId == c.UserId, Ct));
        }),
        SubjectMatrixMessages.AboutSubject<ListAccessDue>(async c =>
        {
            await LeadOwnUnitAsync(c);
            var target = await c.H.CreateUserAsync(c.P.CaseRole, c.P.UnitId);
            // A period that started almost one period ago: due within the warning window.
            await c.H.WithDbAsync(async db =>
            {
                var started = c.Now.AddMonths(-RecertificationPolicy.Default.PeriodMonths).AddDays(1);
                db.AccessReviews.Add(AccessReview.PeriodStarted(Guid.CreateVersion7(), target, c.P.UnitId, [c.P.CaseRole], started));
                await db.SaveChangesAsync(Ct);
            });
            return (await c.H.SendAsync(c.UserId, new ListAccessDue())).Any(d => d.UserId == target && d.Status == RecertificationStatus.DueSoon);
        }),
        new MessageSpec(typeof(RunAccessRecertification), AboutFollowUp: false, NeedsClosedFollowUp: false, async c =>
            (await c.H.SendAsync(c.UserId, new RunAccessRecertification())) is not null),
    ];

    /// <summary>Appoints the acting user leader of the unit they work in (once).</summary>
    private static Task LeadOwnUnitAsync(MatrixCase c) =>
        c.H.WithDbAsync(async db =>
        {
            var unitId = await db.Users.Where(u => u.Id == c.UserId).Select(u => u.UnitId).SingleAsync(Ct);
            if (!await db.UnitLeaders.AnyAsync(l => l.UserId == c.UserId && l.UnitId == unitId, Ct))
            {
                db.UnitLeaders.Add(UnitLeader.Appoint(Guid.CreateVersion7(), unitId, c.UserId, c.UserId, c.Now));
                await db.SaveChangesAsync(Ct);
            }
        });
}
