using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Groups;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>
/// Writes the minutes while they are a draft: who came and who did not, what was discussed, what was agreed (the
/// group records agreements, never formal decisions), and the next meeting. <c>Version</c> guards the draft.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record SaveMinutes(
    Guid MeetingId,
    string Version,
    string Agenda,
    string? Discussion,
    IReadOnlyList<Guid> Present,
    IReadOnlyList<Guid> Absent,
    IReadOnlyList<string> Agreements,
    DateTimeOffset? NextMeetingAt = null) : ICommand<MinutesSaved>;

public sealed record MinutesSaved(Guid MeetingId);

internal sealed class SaveMinutesValidator : AbstractValidator<SaveMinutes>
{
    public SaveMinutesValidator()
    {
        RuleFor(x => x.MeetingId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Agenda).NotEmpty().MaximumLength(ResponsibilityGroup.TextMaxLength);
        RuleFor(x => x.Discussion).MaximumLength(ResponsibilityGroup.TextMaxLength * 2);
        RuleFor(x => x.Present).NotNull();
        RuleFor(x => x.Absent).NotNull();
        RuleFor(x => x.Agreements).NotNull().Must(a => a.Count <= 50);
        RuleForEach(x => x.Agreements).NotEmpty().MaximumLength(ResponsibilityGroup.TextMaxLength);
        RuleFor(x => x).Must(x => x.Present is null || x.Absent is null || !x.Present.Intersect(x.Absent).Any())
            .WithName(nameof(SaveMinutes.Absent)).WithMessage(_ => Messages.Group_PresentAndAbsent);
    }
}

internal sealed class SaveMinutesHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveMinutes, MinutesSaved>
{
    public async ValueTask<MinutesSaved> Handle(SaveMinutes command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var (meeting, group, _) = await GroupWrites.LoadMeetingAsync(db, user, command.MeetingId, GroupOperation.Convene, nameof(SaveMinutes), now, cancellationToken);
        GroupWrites.RequireDraftMinutes(meeting);
        ConcurrencyTokens.ExpectVersion(db.Entry(meeting), command.Version, "GroupMeeting");

        var memberIds = await db.GroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        if (command.Present.Concat(command.Absent).Any(id => !memberIds.Contains(id)))
        {
            throw new RuleViolationException(nameof(command.Present), Messages.Group_NotAMember);
        }

        meeting.WriteMinutes(TextRules.Clean(command.Agenda)!, TextRules.Clean(command.Discussion), command.NextMeetingAt);

        // Attendance and agreements are replaced as a whole while the minutes are a draft.
        db.MeetingAttendances.RemoveRange(await db.MeetingAttendances.Where(a => a.MeetingId == meeting.Id).ToListAsync(cancellationToken));
        db.MeetingAttendances.AddRange(command.Present.Distinct().Select(id => new MeetingAttendance(Guid.CreateVersion7(), meeting.Id, id, present: true)));
        db.MeetingAttendances.AddRange(command.Absent.Distinct().Select(id => new MeetingAttendance(Guid.CreateVersion7(), meeting.Id, id, present: false)));
        var oldAgreements = await db.GroupAgreements.Where(a => a.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var used = await db.PlanMeasures.Where(m => m.FromAgreementId != null && oldAgreements.Select(a => a.Id).Contains(m.FromAgreementId.Value))
            .Select(m => m.FromAgreementId).ToListAsync(cancellationToken);
        if (used.Count > 0)
        {
            throw new RuleViolationException(nameof(command.Agreements), Messages.Group_AgreementInPlan);
        }

        db.GroupAgreements.RemoveRange(oldAgreements);
        db.GroupAgreements.AddRange(command.Agreements.Select(TextRules.Clean).OfType<string>()
            .Select((text, i) => new GroupAgreement(Guid.CreateVersion7(), group.Id, meeting.Id, text, i)));
        return new MinutesSaved(meeting.Id);
    }
}
