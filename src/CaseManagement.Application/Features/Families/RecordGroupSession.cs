using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Families;

/// <summary>
/// A parent/network group session: topics and group-level notes, with the families that attended. There is no
/// per-family field; topics and notes that name an attending family (its label or a participant) or repeat a
/// sentence of its private notes are refused (ADR-014), so a group record never carries one family's data.
/// </summary>
[Requires(Capability.GuideFamilies)]
public sealed record RecordGroupSession(Guid GroupId, DateOnly HeldOn, string Topics, IReadOnlyList<Guid> CourseIds, string? GroupNotes = null)
    : ICommand<GroupSessionRecorded>;

public sealed record GroupSessionRecorded(Guid Id, Guid GroupId, int Families);

internal sealed class RecordGroupSessionValidator : AbstractValidator<RecordGroupSession>
{
    public const int MaxFamilies = 30;

    public RecordGroupSessionValidator()
    {
        RuleFor(x => x.GroupId).NotEmpty();
        RuleFor(x => x.Topics).NotEmpty().MaximumLength(GroupSession.TextMaxLength);
        RuleFor(x => x.GroupNotes).MaximumLength(GroupSession.TextMaxLength);
        RuleFor(x => x.CourseIds).NotEmpty().WithMessage(_ => Messages.Family_AttendeesRequired)
            .Must(c => c is null || c.Count <= MaxFamilies).WithMessage(_ => Messages.Family_AttendeesRequired);
    }
}

internal sealed class RecordGroupSessionHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<RecordGroupSession, GroupSessionRecorded>
{
    /// <summary>Shorter fragments of private notes ("ok", "samtale") are common words, not one family's data.</summary>
    private const int MinPrivateFragment = 20;

    public async ValueTask<GroupSessionRecorded> Handle(RecordGroupSession command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var unitId = user.UnitId;
        var group = await db.FamilyGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == command.GroupId && g.UnitId == unitId, cancellationToken)
            ?? throw new NotFoundException("FamilyGroup");
        if (command.HeldOn > OsloTime.DateOf(now))
        {
            throw new RuleViolationException(nameof(RecordGroupSession.HeldOn), Messages.Mentor_SessionInFuture);
        }

        var topics = TextRules.Clean(command.Topics)!;
        var notes = TextRules.Clean(command.GroupNotes);
        var session = GroupSession.Record(Guid.CreateVersion7(), group.Id, command.HeldOn, topics, notes, user.UserId, now);
        var courseIds = command.CourseIds.Distinct().ToList();
        foreach (var courseId in courseIds)
        {
            var followUpId = await db.FamilyGuidanceCourses.Where(c => c.Id == courseId).Select(c => (Guid?)c.FollowUpId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("FamilyGuidanceCourse");
            await AccessDecision.RequireAsync(db, user, followUpId, RecordKinds.FamilyGuidance, now, cancellationToken, write: true, messageName: nameof(RecordGroupSession));
            var course = await db.FamilyGuidanceCourses.AsNoTracking().Include(c => c.Participants).SingleAsync(c => c.Id == courseId, cancellationToken);
            // Whole columns (not an array built by the database): encrypted columns are decrypted only as columns.
            var privateTexts = await db.GuidanceSessions.AsNoTracking().Where(s => s.CourseId == courseId)
                .Select(s => new { s.Topics, s.Advice, s.NextSteps }).ToListAsync(cancellationToken);
            var fragments = privateTexts.SelectMany(t => new[] { t.Topics, t.Advice, t.NextSteps }).Append(course.SupportNeeds).Append(course.Referrals)
                .SelectMany(Sentences).Where(s => s.Length >= MinPrivateFragment);
            var names = course.Participants.Select(p => p.Name).Append(course.FamilyLabel).Where(n => n.Length >= 2);
            foreach (var (field, text) in new[] { (nameof(RecordGroupSession.Topics), topics), (nameof(RecordGroupSession.GroupNotes), notes) })
            {
                if (text is not null && (names.Any(n => Mentions(text, n)) || fragments.Any(f => text.Contains(f, StringComparison.OrdinalIgnoreCase))))
                {
                    throw new RuleViolationException(field, Messages.Family_GroupNotesNameFamily);
                }
            }

            db.GroupAttendances.Add(GroupAttendance.Of(session.Id, course));
        }

        db.GroupSessions.Add(session);
        return new GroupSessionRecorded(session.Id, group.Id, courseIds.Count);
    }

    private static IEnumerable<string> Sentences(string? text) =>
        text is null ? [] : text.Split(['.', '!', '?', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(text.Trim());

    /// <summary>The name as a whole word (so "Ali" does not match "alimenter").</summary>
    private static bool Mentions(string text, string name)
    {
        var at = 0;
        while ((at = text.IndexOf(name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + name.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            at = end;
        }

        return false;
    }
}
