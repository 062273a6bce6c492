using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>The family guidance courses in follow-ups whose family guidance the user can read.</summary>
[Requires(Capability.ReadFollowUps)]
public sealed record ListFamilyCourses(Guid? FollowUpId = null, int PageNumber = 1, int PageSize = 50) : IQuery<Page<FamilyCourseSummary>>, IPagedQuery;

public sealed record FamilyCourseSummary(Guid Id, Guid FollowUpId, Guid PersonId, string PersonName, string FamilyLabel, DateOnly StartedOn, DateOnly? NextSessionDue, int Participants);

internal sealed class ListFamilyCoursesValidator : AbstractValidator<ListFamilyCourses>
{
    public ListFamilyCoursesValidator() => this.AddPagingRules();
}

internal sealed class ListFamilyCoursesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListFamilyCourses, Page<FamilyCourseSummary>>
{
    public async ValueTask<Page<FamilyCourseSummary>> Handle(ListFamilyCourses query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var followUps = AccessDecision.FollowUpsCovering(db, user, clock.GetUtcNow(), RecordKinds.FamilyGuidance);
        var courses = db.FamilyGuidanceCourses.AsNoTracking().Where(c => followUps.Any(f => f.Id == c.FollowUpId));
        if (query.FollowUpId is { } followUpId)
        {
            courses = courses.Where(c => c.FollowUpId == followUpId);
        }

        var total = await courses.CountAsync(cancellationToken);
        var page = await (
                from c in courses.OrderByDescending(c => c.StartedOn).ThenBy(c => c.Id).TakePage(query)
                join p in db.Persons on c.PersonId equals p.Id
                select new FamilyCourseSummary(c.Id, c.FollowUpId, c.PersonId, p.GivenName + " " + p.FamilyName, c.FamilyLabel, c.StartedOn, c.NextSessionDue, c.Participants.Count))
            .ToListAsync(cancellationToken);
        page = page.OrderByDescending(r => r.StartedOn).ThenBy(r => r.Id).ToList();
        await accessLog.RecordAsync(page.Select(r => new AccessRecord(r.PersonId, r.FollowUpId, "FamilyGuidanceList", AccessPurpose.NormalWork)).ToList(), cancellationToken);
        return new Page<FamilyCourseSummary>(page, query.PageNumber, query.PageSize, total);
    }
}
