using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Plans;

/// <summary>
/// The plans and groups the user takes part in by the person's consent (not through a team): the way in for a
/// participant from another service. Team members reach theirs from the follow-up.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record MyPlansAndGroups : IQuery<IReadOnlyList<ParticipationItem>>;

/// <summary><paramref name="IsPlan"/>: a plan; otherwise a responsibility group. <paramref name="PersonName"/> as the consent allows.</summary>
public sealed record ParticipationItem(bool IsPlan, Guid Id, string PersonName);

internal sealed class MyPlansAndGroupsHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<MyPlansAndGroups, IReadOnlyList<ParticipationItem>>
{
    public async ValueTask<IReadOnlyList<ParticipationItem>> Handle(MyPlansAndGroups query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var planIds = AccessDecision.PlansReachedAsParticipant(db, user, now);
        var groupIds = AccessDecision.GroupsReachedAsMember(db, user, now);
        var plans = await (
                from p in db.IndividualPlans.AsNoTracking()
                join person in db.Persons on p.PersonId equals person.Id
                where planIds.Contains(p.Id)
                select new { p.Id, p.PersonId, p.FollowUpId, Name = person.GivenName + " " + person.FamilyName })
            .ToListAsync(cancellationToken);
        var groups = await (
                from g in db.ResponsibilityGroups.AsNoTracking()
                join person in db.Persons on g.PersonId equals person.Id
                where groupIds.Contains(g.Id)
                select new { g.Id, g.PersonId, g.FollowUpId, Name = person.GivenName + " " + person.FamilyName })
            .ToListAsync(cancellationToken);

        var records = plans.Select(p => new AccessRecord(p.PersonId, p.FollowUpId, "IndividualPlan", AccessPurpose.Disclosure))
            .Concat(groups.Select(g => new AccessRecord(g.PersonId, g.FollowUpId, "ResponsibilityGroup", AccessPurpose.Disclosure)))
            .ToList();
        await accessLog.RecordAsync(records, cancellationToken);
        return plans.Select(p => new ParticipationItem(true, p.Id, p.Name))
            .Concat(groups.Select(g => new ParticipationItem(false, g.Id, g.Name)))
            .OrderBy(i => i.PersonName, StringComparer.CurrentCulture)
            .ToList();
    }
}
