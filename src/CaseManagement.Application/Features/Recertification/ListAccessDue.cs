using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>
/// The home-page notice (ADR-030): users whose access falls due within the warning window, or is overdue, before the
/// sweep disables them. An administrator sees every such user of the agency (to chase the leaders); a unit leader
/// the users they confirm. Anyone else is refused (403), and the home page shows nothing.
/// </summary>
[Requires(Capability.ConfirmAccess)]
public sealed record ListAccessDue : IQuery<IReadOnlyList<AccessDue>>;

/// <param name="YouConfirm">Whether the current user is the one to confirm (otherwise the unit's leader is).</param>
public sealed record AccessDue(Guid UserId, string DisplayName, string UnitName, DateTimeOffset DueAt, RecertificationStatus Status, bool YouConfirm);

internal sealed class ListAccessDueHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, IOptions<RecertificationOptions> options)
    : IQueryHandler<ListAccessDue, IReadOnlyList<AccessDue>>
{
    public async ValueTask<IReadOnlyList<AccessDue>> Handle(ListAccessDue query, CancellationToken cancellationToken)
    {
        var actor = currentUser.Required;
        var leads = await Reviews.LeadsOwnUnitAsync(db, actor, cancellationToken);
        var isAdministrator = actor.Roles.Contains(Role.Administrator);
        if (!leads && !isAdministrator)
        {
            throw new ForbiddenException(nameof(ListAccessDue));
        }

        var users = await Reviews.ActiveUsersAsync(db, actor.AgencyId, isAdministrator ? null : actor.UnitId, cancellationToken);
        var now = clock.GetUtcNow();
        var policy = options.Value.Policy;
        return users
            .Select(u => (User: u, State: Reviews.StateOf(u, policy, now), YouConfirm: Reviews.MayConfirm(actor, leads, u, users)))
            .Where(x => x.State.Status != RecertificationStatus.Current && (isAdministrator || x.YouConfirm))
            .OrderBy(x => x.State.DueAt)
            .ThenBy(x => x.User.DisplayName, StringComparer.CurrentCulture)
            .ThenBy(x => x.User.Id)
            .Select(x => new AccessDue(x.User.Id, x.User.DisplayName, x.User.UnitName, x.State.DueAt, x.State.Status, x.YouConfirm))
            .ToList();
    }
}
