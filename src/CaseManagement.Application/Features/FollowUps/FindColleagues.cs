using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>
/// The team picker: colleagues the lead may add to the follow-up — active users of the owning agency who are not on
/// the team yet, found by name. Staff names and units only, never anything about the person followed up.
/// </summary>
[Requires(Capability.ManageTeam)]
public sealed record FindColleagues(Guid FollowUpId, string? Search = null) : IQuery<IReadOnlyList<ColleagueView>>;

public sealed record ColleagueView(Guid UserId, string DisplayName, string UnitName);

internal sealed class FindColleaguesValidator : AbstractValidator<FindColleagues>
{
    public FindColleaguesValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.Search).SingleLine(100);
    }
}

internal sealed class FindColleaguesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<FindColleagues, IReadOnlyList<ColleagueView>>
{
    /// <summary>A picker shows a short list; the lead narrows it by typing.</summary>
    public const int MaxResults = 20;

    public async ValueTask<IReadOnlyList<ColleagueView>> Handle(FindColleagues query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var grant = await AccessDecision.RequireAsync(db, user, query.FollowUpId, RecordKinds.FollowUp, clock.GetUtcNow(), cancellationToken,
            write: true, lead: true, messageName: nameof(FindColleagues));
        var agencyId = grant.AgencyId;
        var followUpId = grant.FollowUpId;
        var colleagues =
            from u in db.Users.AsNoTracking()
            join unit in db.Units on u.UnitId equals unit.Id
            where unit.AgencyId == agencyId && !u.IsDisabled && !db.TeamMembers.Any(m => m.FollowUpId == followUpId && m.UserId == u.Id)
            select new { u.Id, u.DisplayName, UnitName = unit.Name };
        var search = TextRules.Clean(query.Search);
        if (search is not null)
        {
            // Upper-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
            var pattern = TextRules.ContainsPattern(search.ToUpperInvariant());
#pragma warning disable CA1304, CA1311 // Translated to SQL UPPER(); it never runs in .NET.
            colleagues = colleagues.Where(c => EF.Functions.Like(c.DisplayName.ToUpper(), pattern, TextRules.LikeEscape));
#pragma warning restore CA1304, CA1311
        }

        var rows = await colleagues.OrderBy(c => c.DisplayName).ThenBy(c => c.Id).Take(MaxResults).ToListAsync(cancellationToken);
        return rows.Select(c => new ColleagueView(c.Id, c.DisplayName, c.UnitName)).ToList();
    }
}
