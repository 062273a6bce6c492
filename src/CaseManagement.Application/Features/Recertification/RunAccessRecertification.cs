using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaseManagement.Application.Features.Recertification;

/// <summary>
/// The recertification sweep (ADR-030), sent by the host's background job as the system actor, on one instance at a
/// time. Disables every active user whose access is overdue, as an administrator's disable does (new security stamp:
/// sessions and tokens end at once), in the same pipeline and audit; the audit event names this message and no user.
/// A user the sweep has not seen with their current roles and unit gets a new period from now, so nobody is disabled
/// for roles that were never due. The last active administrators of an agency are kept (and stay listed as overdue):
/// disabling them would leave the agency with nobody who can enable anyone again.
/// </summary>
[Requires(Capability.RunScheduledJobs)]
public sealed record RunAccessRecertification : ICommand<RecertificationSweep>;

public sealed record RecertificationSweep(int PeriodsStarted, IReadOnlyList<Guid> Disabled, IReadOnlyList<Guid> KeptAdministrators);

internal sealed class RunAccessRecertificationHandler(CaseDbContext db, TimeProvider clock, IOptions<RecertificationOptions> options)
    : ICommandHandler<RunAccessRecertification, RecertificationSweep>
{
    public async ValueTask<RecertificationSweep> Handle(RunAccessRecertification command, CancellationToken cancellationToken)
    {
        var users = await Reviews.ActiveUsersAsync(db, null, null, cancellationToken);
        var agencyOfUnit = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.AgencyId, cancellationToken);
        var now = clock.GetUtcNow();
        var policy = options.Value.Policy;

        var started = 0;
        var overdue = new List<ReviewedUser>();
        foreach (var user in users)
        {
            if (user.Latest is not { } latest || !latest.Covers(user.UnitId, user.Roles))
            {
                Reviews.StartPeriod(db, user.Id, user.UnitId, user.Roles, clock);
                started++;
            }
            else if (Reviews.StateOf(user, policy, now).Status == RecertificationStatus.Overdue)
            {
                overdue.Add(user);
            }
        }

        var kept = users
            .Where(u => u.Roles.Contains(Role.Administrator))
            .GroupBy(u => agencyOfUnit[u.UnitId])
            .Where(admins => admins.All(overdue.Contains))
            .SelectMany(admins => admins)
            .ToList();
        var disabled = overdue.Except(kept).Select(u => u.Id).ToList();
        foreach (var account in await db.Users.Where(u => disabled.Contains(u.Id)).ToListAsync(cancellationToken))
        {
            AdministeredUsers.SetDisabled(account, true);
        }

        return new RecertificationSweep(started, disabled, kept.Select(u => u.Id).ToList());
    }
}
