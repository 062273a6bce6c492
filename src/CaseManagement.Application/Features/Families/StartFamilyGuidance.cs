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

/// <summary>A family member taking part, with their relation to the person of concern.</summary>
public sealed record ParticipantInput(string Name, FamilyRelation Relation, bool IsClient = false);

/// <summary>
/// The family guide (on the follow-up's team) starts a guidance course for a family of the person of concern. A
/// link to the person's own follow-up needs an active consent of that person covering family guidance.
/// </summary>
[Requires(Capability.GuideFamilies)]
public sealed record StartFamilyGuidance(
    Guid FollowUpId,
    string FamilyLabel,
    DateOnly StartedOn,
    IReadOnlyList<ParticipantInput> Participants,
    string? SupportNeeds = null,
    string? Referrals = null,
    DateOnly? NextSessionDue = null,
    Guid? LinkedFollowUpId = null,
    Guid? LinkConsentId = null) : ICommand<FamilyCourseStarted>;

public sealed record FamilyCourseStarted(Guid Id, Guid FollowUpId);

internal sealed class StartFamilyGuidanceValidator : AbstractValidator<StartFamilyGuidance>
{
    public const int MaxParticipants = 20;

    public StartFamilyGuidanceValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.FamilyLabel).NotEmpty().SingleLine(FamilyGuidanceCourse.NameMaxLength);
        RuleFor(x => x.Participants).NotEmpty().WithMessage(_ => Messages.Family_ParticipantsRequired)
            .Must(p => p is null || p.Count <= MaxParticipants).WithMessage(_ => Messages.Family_ParticipantsRequired);
        RuleForEach(x => x.Participants).ChildRules(p =>
        {
            p.RuleFor(x => x.Name).NotEmpty().SingleLine(FamilyGuidanceCourse.NameMaxLength);
            p.RuleFor(x => x.Relation).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        });
        RuleFor(x => x.SupportNeeds).MaximumLength(FamilyGuidanceCourse.TextMaxLength);
        RuleFor(x => x.Referrals).MaximumLength(FamilyGuidanceCourse.TextMaxLength);
        RuleFor(x => x.LinkConsentId).NotEmpty().When(x => x.LinkedFollowUpId is not null).WithMessage(_ => Messages.Family_LinkNeedsConsent);
    }
}

internal sealed class StartFamilyGuidanceHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<StartFamilyGuidance, FamilyCourseStarted>
{
    public async ValueTask<FamilyCourseStarted> Handle(StartFamilyGuidance command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await FamilyWrites.RequireOpenAsync(db, user, command.FollowUpId, nameof(StartFamilyGuidance), now, cancellationToken);
        if (command.StartedOn > OsloTime.DateOf(now))
        {
            throw new RuleViolationException(nameof(StartFamilyGuidance.StartedOn), Messages.Mentor_DateInFuture);
        }

        if (command.LinkedFollowUpId is { } linked)
        {
            // Access first, and one refusal for every bad link: a follow-up the user cannot reach answers like one of
            // another person or one that does not exist, so the refusal never tells whether an unreachable follow-up
            // belongs to the person. The link records that the person agreed; it gives nobody further access.
            var linkedGrant = await AccessDecision.DecideAsync(db, user, linked, now, cancellationToken);
            if (linkedGrant is null || !linkedGrant.Covers(RecordKinds.FollowUp) || linkedGrant.PersonId != grant.PersonId || linked == grant.FollowUpId)
            {
                throw new RuleViolationException(nameof(StartFamilyGuidance.LinkedFollowUpId), Messages.Family_LinkInvalid);
            }

            // Only a consent recorded on one of the two follow-ups, both reachable now.
            var consent = await db.Consents.AsNoTracking()
                .SingleOrDefaultAsync(c => c.Id == command.LinkConsentId && (c.FollowUpId == grant.FollowUpId || c.FollowUpId == linked), cancellationToken);
            if (consent is null || consent.PersonId != grant.PersonId || !consent.IsActiveAt(now)
                || (consent.RecordKinds & RecordKinds.FamilyGuidance) != RecordKinds.FamilyGuidance)
            {
                throw new RuleViolationException(nameof(StartFamilyGuidance.LinkConsentId), Messages.Family_LinkNeedsConsent);
            }
        }

        var course = FamilyGuidanceCourse.Start(
            Guid.CreateVersion7(), grant.FollowUpId, grant.PersonId, TextRules.Clean(command.FamilyLabel)!, command.StartedOn, TextRules.Clean(command.SupportNeeds),
            TextRules.Clean(command.Referrals), command.NextSessionDue, command.LinkedFollowUpId, command.LinkConsentId, user.UserId, now);
        foreach (var p in command.Participants)
        {
            course.AddParticipant(TextRules.Clean(p.Name)!, p.Relation, p.IsClient);
        }

        db.FamilyGuidanceCourses.Add(course);
        return new FamilyCourseStarted(course.Id, course.FollowUpId);
    }
}
