using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>
/// The users whose roles the current user is to confirm (ADR-030): a unit leader gets the other users of their unit,
/// an administrator the leaders of the agency's units and the users of units without a leader. Anyone else is
/// refused (403). No case content.
/// </summary>
[Requires(Capability.ConfirmAccess)]
public sealed record ListAccessToConfirm : IQuery<AccessToConfirm>;

/// <param name="LeadsUnit">The unit the current user leads, when they lead one.</param>
public sealed record AccessToConfirm(IReadOnlyList<AccessReviewRow> Users, string? LeadsUnit, bool IsAdministrator, int PeriodMonths);

/// <summary>
/// One user to confirm. <paramref name="LastConfirmedAt"/> and <paramref name="LastConfirmedBy"/> are the latest
/// confirmation, <paramref name="Confirmed"/> whether it covers the current roles and unit (a role change ends that);
/// <paramref name="DueAt"/> is when the account is disabled unless confirmed.
/// </summary>
public sealed record AccessReviewRow(
    Guid UserId,
    string UserName,
    string DisplayName,
    string UnitName,
    IReadOnlyList<Role> Roles,
    bool IsLeader,
    DateTimeOffset? LastConfirmedAt,
    string? LastConfirmedBy,
    bool Confirmed,
    DateTimeOffset DueAt,
    RecertificationStatus Status);

internal sealed class ListAccessToConfirmHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IOptions<RecertificationOptions> options)
    : IQueryHandler<ListAccessToConfirm, AccessToConfirm>
{
    public async ValueTask<AccessToConfirm> Handle(ListAccessToConfirm query, CancellationToken cancellationToken)
    {
        var actor = currentUser.Required;
        var leads = await Reviews.LeadsOwnUnitAsync(db, actor, cancellationToken);
        var isAdministrator = actor.Roles.Contains(Role.Administrator);
        if (!leads && !isAdministrator)
        {
            throw new ForbiddenException(nameof(ListAccessToConfirm));
        }

        var users = await Reviews.ActiveUsersAsync(db, actor.AgencyId, isAdministrator ? null : actor.UnitId, cancellationToken);
        var mine = users.Where(u => Reviews.MayConfirm(actor, leads, u, users)).ToList();
        var confirmers = mine.Select(u => u.LastConfirmation?.ConfirmedByUserId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => confirmers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var now = clock.GetUtcNow();
        var policy = options.Value.Policy;
        var rows = mine
            .Select(u =>
            {
                var (dueAt, status, confirmed) = Reviews.StateOf(u, policy, now);
                var confirmedBy = u.LastConfirmation?.ConfirmedByUserId is { } by ? names.GetValueOrDefault(by) : null;
                return new AccessReviewRow(u.Id, u.UserName, u.DisplayName, u.UnitName, u.Roles, u.IsLeader, u.LastConfirmation?.At, confirmedBy, confirmed, dueAt, status);
            })
            .OrderBy(r => r.UnitName, StringComparer.CurrentCulture)
            .ThenBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .ThenBy(r => r.UserId)
            .ToList();
        var leadsUnit = leads ? users.FirstOrDefault(u => u.UnitId == actor.UnitId)?.UnitName : null;
        return new AccessToConfirm(rows, leadsUnit, isAdministrator, policy.PeriodMonths);
    }
}
