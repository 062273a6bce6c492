using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>
/// One of the mentor's own active mentees: the minimal profile and the mentor's own sessions. Another mentor's
/// mentee, or an ended assignment, answers "not found".
/// </summary>
[Requires(Capability.ReadOwnMentees)]
public sealed record GetMyMentee(Guid AssignmentId) : IQuery<MenteeView>;

public sealed record MenteeView(
    Guid AssignmentId,
    string FirstName,
    int Age,
    string Goals,
    int PlannedIntervalDays,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    DateOnly NextDueOn,
    IReadOnlyList<MentorSessionView> Sessions);

internal sealed class GetMyMenteeValidator : AbstractValidator<GetMyMentee>
{
    public GetMyMenteeValidator() => RuleFor(x => x.AssignmentId).NotEmpty();
}

internal sealed class GetMyMenteeHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetMyMentee, MenteeView>
{
    public async ValueTask<MenteeView> Handle(GetMyMentee query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var today = OsloTime.DateOf(now);
        var a = await AccessDecision.RequireMentorAssignmentAsync(db, user, query.AssignmentId, now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(a.PersonId, a.FollowUpId, "Mentee", AccessPurpose.NormalWork), cancellationToken);
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == a.PersonId).Select(p => new { p.GivenName, p.DateOfBirth }).SingleAsync(cancellationToken);
        var userId = user.UserId;
        var sessions = await db.MentorSessions.AsNoTracking().Where(s => s.AssignmentId == a.Id && s.MentorUserId == userId).ToListAsync(cancellationToken);
        var last = sessions.Count == 0 ? (DateOnly?)null : sessions.Max(s => s.HeldOn);
        return new MenteeView(
            a.Id, person.GivenName, Domain.Persons.Age.At(person.DateOfBirth, today), a.Goals, a.PlannedIntervalDays, a.StartsOn, a.EndsOn,
            MentorRules.NextDue(a.StartsOn, last, a.PlannedIntervalDays),
            sessions.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id).Select(GetMentorAssignmentHandler.ToView).ToList());
    }
}
