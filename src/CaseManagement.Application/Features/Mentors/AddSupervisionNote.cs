using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Mentors;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>A supervision note on an assignment, by its mentor (while active) or its supervising coordinator.</summary>
[Requires(Capability.WriteSupervisionNotes)]
public sealed record AddSupervisionNote(Guid AssignmentId, string Text) : ICommand<SupervisionNoteAdded>;

public sealed record SupervisionNoteAdded(Guid Id, Guid AssignmentId);

internal sealed class AddSupervisionNoteValidator : AbstractValidator<AddSupervisionNote>
{
    public AddSupervisionNoteValidator()
    {
        RuleFor(x => x.AssignmentId).NotEmpty();
        RuleFor(x => x.Text).NotEmpty().MaximumLength(SupervisionNote.TextMaxLength);
    }
}

internal sealed class AddSupervisionNoteHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<AddSupervisionNote, SupervisionNoteAdded>
{
    public async ValueTask<SupervisionNoteAdded> Handle(AddSupervisionNote command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var assignment = await AccessDecision.RequireSupervisionAccessAsync(db, user, command.AssignmentId, now, cancellationToken);
        var note = SupervisionNote.Write(Guid.CreateVersion7(), assignment, user.UserId, TextRules.Clean(command.Text)!, now);
        db.SupervisionNotes.Add(note);
        return new SupervisionNoteAdded(note.Id, assignment.Id);
    }
}
