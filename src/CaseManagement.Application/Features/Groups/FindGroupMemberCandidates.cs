using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>
/// The picker for a group member from a service: users the convenor may add (the same right as adding a member),
/// found by name — active, activated accounts of either agency (a responsibility group gathers services around the
/// person with their consent), not integration clients' service accounts, and not already members with consent.
/// Staff names and units only, never anything about the person.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record FindGroupMemberCandidates(Guid GroupId, string? Search = null) : IQuery<IReadOnlyList<ColleagueView>>;

internal sealed class FindGroupMemberCandidatesValidator : AbstractValidator<FindGroupMemberCandidates>
{
    public FindGroupMemberCandidatesValidator()
    {
        RuleFor(x => x.GroupId).NotEmpty();
        RuleFor(x => x.Search).SingleLine(100);
    }
}

internal sealed class FindGroupMemberCandidatesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<FindGroupMemberCandidates, IReadOnlyList<ColleagueView>>
{
    public async ValueTask<IReadOnlyList<ColleagueView>> Handle(FindGroupMemberCandidates query, CancellationToken cancellationToken)
    {
        var access = await AccessDecision.RequireGroupAccessAsync(
            db, currentUser.Required, query.GroupId, GroupOperation.Convene, nameof(FindGroupMemberCandidates), clock.GetUtcNow(), cancellationToken);
        var groupId = access.GroupId;
        var candidates =
            from u in db.Users.AsNoTracking()
            join unit in db.Units on u.UnitId equals unit.Id
            where !u.IsDisabled && !u.AwaitingActivation
                && !db.IntegrationClients.Any(c => c.ServiceAccountUserId == u.Id)
                && !db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id && m.ConsentWithdrawnAt == null)
            select new { u.Id, u.DisplayName, UnitName = unit.Name };
        var search = TextRules.Clean(query.Search);
        if (search is not null)
        {
            var pattern = TextRules.ContainsPattern(search.ToUpperInvariant());
#pragma warning disable CA1304, CA1311 // Translated to SQL UPPER(); it never runs in .NET.
            candidates = candidates.Where(c => EF.Functions.Like(c.DisplayName.ToUpper(), pattern, TextRules.LikeEscape));
#pragma warning restore CA1304, CA1311
        }

        var rows = await candidates.OrderBy(c => c.DisplayName).ThenBy(c => c.Id).Take(FindColleaguesHandler.MaxResults).ToListAsync(cancellationToken);
        return rows.Select(c => new ColleagueView(c.Id, c.DisplayName, c.UnitName)).ToList();
    }
}
