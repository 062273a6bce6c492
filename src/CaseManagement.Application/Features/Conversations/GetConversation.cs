using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>One conversation with its participants, life areas, agreements and referrals, as the user may see it.</summary>
[Requires(Capability.ReadFollowUps)]
public sealed record GetConversation(Guid ConversationId) : IQuery<ConversationView>;

public sealed record ParticipantView(Guid Id, string Name, ParticipantCapacity Capacity, ConversationParts Parts);

public sealed record LifeAreaView(LifeArea Area, int Risk, int Protective, string? Note);

public sealed record AgreementReviewView(DateOnly ReviewedOn, AgreementStatus Status, string Note);

public sealed record AgreementView(
    Guid Id, Guid ConversationId, DateOnly ConversationDate, string Text, AgreementResponsible Responsible, string? ResponsibleName,
    DateOnly ReviewOn, AgreementStatus Status, IReadOnlyList<AgreementReviewView> Reviews, string Version);

public sealed record ReferralView(Guid Id, ReferralTarget Target, string ToUnitName, ReferralStatus Status, DateTimeOffset CreatedAt, bool OnConsent);

public sealed record ConversationView(
    Guid Id,
    Guid FollowUpId,
    Guid PersonId,
    string PersonName,
    DateOnly PersonDateOfBirth,
    bool MinorOnDate,
    ConversationKind Kind,
    Guid? PreviousConversationId,
    ConversationState State,
    IReadOnlyList<ConversationState> NextStates,
    DateOnly Date,
    ConcernSource ConcernSource,
    string ConcernDescription,
    string? AssessmentNote,
    AttendanceTrack Track,
    string? SuspicionNote,
    bool GuardiansInvited,
    string? GuardiansOmittedReason,
    string? PreparationNotes,
    IReadOnlyList<ParticipantView> Participants,
    bool ToldPurpose,
    bool ToldVoluntary,
    bool ToldWhatIsRecorded,
    string? ConsequencesInformation,
    string? PersonAccount,
    string? GuardiansAccount,
    IReadOnlyList<LifeAreaView> LifeAreas,
    ConcernLevel? ConcernLevel,
    ConversationConclusion? Conclusion,
    string? ConclusionNote,
    IReadOnlyList<AgreementView> Agreements,
    IReadOnlyList<ReferralView> Referrals,
    bool CanWrite,
    bool IsLead,
    string Version);

internal sealed class GetConversationValidator : AbstractValidator<GetConversation>
{
    public GetConversationValidator() => RuleFor(x => x.ConversationId).NotEmpty();
}

internal sealed class GetConversationHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetConversation, ConversationView>
{
    public async ValueTask<ConversationView> Handle(GetConversation query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var followUpId = await db.Conversations.Where(c => c.Id == query.ConversationId).Select(c => (Guid?)c.FollowUpId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conversation");
        var grant = await AccessDecision.RequireAsync(db, user, followUpId, RecordKinds.Conversations, now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(grant.PersonId, grant.FollowUpId, "Conversation", AccessDecision.PurposeOf(grant.Basis)), cancellationToken);

        var c = await db.Conversations.Include(x => x.Participants).Include(x => x.Assessments).SingleAsync(x => x.Id == query.ConversationId, cancellationToken);
        var version = ConcurrencyTokens.Read(db.Entry(c));
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == grant.PersonId)
            .Select(p => new { Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth }).SingleAsync(cancellationToken);
        var agreements = await ConversationReads.AgreementsAsync(db, a => a.ConversationId == c.Id, cancellationToken);
        var referrals = await (
                from r in db.Referrals.AsNoTracking()
                join u in db.Units on r.ToUnitId equals u.Id
                where r.ConversationId == c.Id
                orderby r.CreatedAt
                select new ReferralView(r.Id, r.Target, u.Name, r.Status, r.CreatedAt, r.ConsentId != null))
            .ToListAsync(cancellationToken);
        var open = await db.FollowUps.Where(f => f.Id == grant.FollowUpId).Select(f => f.Status == FollowUpStatus.Open).SingleAsync(cancellationToken);
        var canWrite = grant.CanWrite && open && user.Can(Capability.HoldConversations);

        return new ConversationView(
            c.Id, c.FollowUpId, grant.PersonId, person.Name, person.DateOfBirth, ConversationFlow.IsMinorAt(person.DateOfBirth, c.Date),
            c.Kind, c.PreviousConversationId, c.State, canWrite ? ConversationFlow.Next(c.State) : [], c.Date, c.ConcernSource, c.ConcernDescription,
            c.AssessmentNote, c.Track, c.SuspicionNote, c.GuardiansInvited, c.GuardiansOmittedReason, c.PreparationNotes,
            c.Participants.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new ParticipantView(p.Id, p.Name, p.Capacity, p.Parts)).ToList(),
            c.ToldPurpose, c.ToldVoluntary, c.ToldWhatIsRecorded, c.ConsequencesInformation, c.PersonAccount, c.GuardiansAccount,
            c.Assessments.OrderBy(a => a.Area).Select(a => new LifeAreaView(a.Area, a.Risk, a.Protective, a.Note)).ToList(),
            c.ConcernLevel, c.Conclusion, c.ConclusionNote, agreements, referrals, canWrite, grant.IsLead, version);
    }
}
