using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>
/// One family's course: participants, its own sessions, and the group sessions this family attended (group-level
/// notes only). Never another family's participants, sessions or attendance.
/// </summary>
[Requires(Capability.ReadFollowUps)]
public sealed record GetFamilyCourse(Guid FollowUpId, Guid CourseId) : IQuery<FamilyCourseView>;

public sealed record ParticipantView(Guid Id, string Name, FamilyRelation Relation, bool IsClient);

public sealed record GuidanceSessionView(Guid Id, DateOnly HeldOn, IReadOnlyList<string> Attended, string Topics, string? Advice, string? NextSteps);

public sealed record AttendedGroupSessionView(Guid GroupId, string GroupName, Guid SessionId, DateOnly HeldOn, string Topics, string? GroupNotes);

public sealed record FamilyCourseView(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    string FamilyLabel,
    DateOnly StartedOn,
    string? SupportNeeds,
    string? Referrals,
    DateOnly? NextSessionDue,
    bool LinkedToPersonsFollowUp,
    bool CanWrite,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<GuidanceSessionView> Sessions,
    IReadOnlyList<AttendedGroupSessionView> GroupSessions);

internal sealed class GetFamilyCourseValidator : AbstractValidator<GetFamilyCourse>
{
    public GetFamilyCourseValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.CourseId).NotEmpty();
    }
}

internal sealed class GetFamilyCourseHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetFamilyCourse, FamilyCourseView>
{
    public async ValueTask<FamilyCourseView> Handle(GetFamilyCourse query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var grant = await AccessDecision.RequireAsync(db, user, query.FollowUpId, RecordKinds.FamilyGuidance, clock.GetUtcNow(), cancellationToken);
        var course = await db.FamilyGuidanceCourses.AsNoTracking().Include(c => c.Participants)
            .SingleOrDefaultAsync(c => c.Id == query.CourseId && c.FollowUpId == grant.FollowUpId, cancellationToken)
            ?? throw new NotFoundException("FamilyGuidanceCourse");
        await accessLog.RecordAsync(new AccessRecord(course.PersonId, course.FollowUpId, "FamilyGuidance", AccessDecision.PurposeOf(grant.Basis)), cancellationToken);

        var personName = await db.Persons.Where(p => p.Id == course.PersonId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var sessions = await db.GuidanceSessions.AsNoTracking().Where(s => s.CourseId == course.Id).ToListAsync(cancellationToken);
        var names = course.Participants.ToDictionary(p => p.Id, p => p.Name);
        // Only this course's attendance rows: the other families at the same group session are not read at all.
        var groupSessions = await (
                from a in db.GroupAttendances.AsNoTracking()
                join s in db.GroupSessions on a.GroupSessionId equals s.Id
                join g in db.FamilyGroups on s.GroupId equals g.Id
                where a.CourseId == course.Id
                select new AttendedGroupSessionView(g.Id, g.Name, s.Id, s.HeldOn, s.Topics, s.GroupNotes))
            .ToListAsync(cancellationToken);

        return new FamilyCourseView(
            course.Id, course.FollowUpId, course.PersonId, personName, course.FamilyLabel, course.StartedOn, course.SupportNeeds, course.Referrals,
            course.NextSessionDue, course.LinkedFollowUpId is not null, grant.CanWrite && user.Can(Capability.GuideFamilies),
            course.Participants.Select(p => new ParticipantView(p.Id, p.Name, p.Relation, p.IsClient)).ToList(),
            sessions.OrderByDescending(s => s.HeldOn).Select(s => new GuidanceSessionView(
                s.Id, s.HeldOn, s.Attendees.Select(a => names.GetValueOrDefault(a, "?")).ToList(), s.Topics, s.Advice, s.NextSteps)).ToList(),
            groupSessions.OrderByDescending(s => s.HeldOn).ToList());
    }
}
