using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>The supervision notes of an assignment: for its mentor and its supervising coordinator only.</summary>
[Requires(Capability.WriteSupervisionNotes)]
public sealed record ListSupervisionNotes(Guid AssignmentId) : IQuery<IReadOnlyList<SupervisionNoteView>>;

public sealed record SupervisionNoteView(Guid Id, string AuthorName, DateTimeOffset WrittenAt, string Text);

internal sealed class ListSupervisionNotesValidator : AbstractValidator<ListSupervisionNotes>
{
    public ListSupervisionNotesValidator() => RuleFor(x => x.AssignmentId).NotEmpty();
}

internal sealed class ListSupervisionNotesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<ListSupervisionNotes, IReadOnlyList<SupervisionNoteView>>
{
    public async ValueTask<IReadOnlyList<SupervisionNoteView>> Handle(ListSupervisionNotes query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var assignment = await AccessDecision.RequireSupervisionAccessAsync(db, user, query.AssignmentId, clock.GetUtcNow(), cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(assignment.PersonId, assignment.FollowUpId, "SupervisionNotes", AccessPurpose.NormalWork), cancellationToken);
        var rows = await (
                from n in db.SupervisionNotes.AsNoTracking()
                join u in db.Users on n.AuthorUserId equals u.Id
                where n.AssignmentId == assignment.Id
                select new { n.Id, u.DisplayName, n.WrittenAt, n.Text })
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.WrittenAt).Select(r => new SupervisionNoteView(r.Id, r.DisplayName, r.WrittenAt, r.Text)).ToList();
    }
}
