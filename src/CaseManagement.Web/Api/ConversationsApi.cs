using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1 for the police conversations (tiltak 12–13): conversations of a follow-up, their steps and transitions,
/// agreements and reviews, referrals and the coordinator's inbox. Ids come from the route only.
/// </summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/follow-ups/{id:guid}/conversations", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListConversations(id), ct))).WithTags("Conversations");

        api.MapPost("/follow-ups/{id:guid}/conversations", async (Guid id, [FromBody] RegisterConversationBody body, IMediator mediator, CancellationToken ct) =>
        {
            var registered = await mediator.Send(new RegisterConversation(id, body.Kind, body.Date, body.ConcernSource, body.ConcernDescription, body.PreviousConversationId), ct);
            return TypedResults.Created($"/api/v1/conversations/{registered.Id}", registered);
        }).WithTags("Conversations");

        var conversations = api.MapGroup("/conversations").WithTags("Conversations");

        conversations.MapGet("/", async ([FromQuery] bool? includeFinished, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListConversationWork(includeFinished ?? false, page ?? 1, pageSize ?? 50), ct)));

        conversations.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var view = await mediator.Send(new GetConversation(id), ct);
            http.Response.Headers.ETag = $"\"{view.Version}\"";
            return TypedResults.Ok(view);
        });

        conversations.MapPut("/{id:guid}/preparation", async (Guid id, [FromBody] PreparationBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SaveConversationPreparation(
                id, body.Version, body.Date, body.Track, body.GuardiansInvited, body.Participants ?? [], body.AssessmentNote, body.SuspicionNote,
                body.GuardiansOmittedReason, body.PreparationNotes), ct)));

        conversations.MapPut("/{id:guid}/record", async (Guid id, [FromBody] RecordBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SaveConversationRecord(
                id, body.Version, body.Date, body.ToldPurpose, body.ToldVoluntary, body.ToldWhatIsRecorded, body.LifeAreas ?? [], body.Attendance,
                body.ConsequencesInformation, body.PersonAccount, body.GuardiansAccount), ct)));

        conversations.MapPut("/{id:guid}/conclusion", async (Guid id, [FromBody] ConclusionBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SaveConversationConclusion(id, body.Version, body.ConcernLevel, body.Conclusion, body.ConclusionNote), ct)));

        conversations.MapPost("/{id:guid}/transitions", async (Guid id, [FromBody] TransitionBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MoveConversation(id, body.Version, body.Target), ct)));

        conversations.MapPost("/{id:guid}/agreements", async (Guid id, [FromBody] AgreementBody body, IMediator mediator, CancellationToken ct) =>
        {
            var added = await mediator.Send(new AddAgreement(id, body.Text, body.Responsible, body.ReviewOn, body.ResponsibleName), ct);
            return TypedResults.Created($"/api/v1/conversations/{id}", added);
        });

        conversations.MapPost("/{id:guid}/referrals", async (Guid id, [FromBody] ReferralBody body, IMediator mediator, CancellationToken ct) =>
        {
            var made = await mediator.Send(new ReferFromConversation(id, body.Target, body.ToUnitId, body.ConsentId, body.LegalBasisCode, body.Note), ct);
            return TypedResults.Created($"/api/v1/conversations/{id}", made);
        });

        api.MapPost("/agreements/{id:guid}/reviews", async (Guid id, [FromBody] AgreementReviewBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ReviewAgreement(id, body.Version, body.Status, body.Note, body.NextReviewOn), ct))).WithTags("Conversations");

        api.MapGet("/referrals/waiting", async ([FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWaitingReferrals(page ?? 1, pageSize ?? 50), ct))).WithTags("Referrals");

        api.MapPost("/referrals/{id:guid}/decision", async (Guid id, [FromBody] ReferralDecisionBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DecideReferral(id, body.Accept, body.Note), ct))).WithTags("Referrals");
        return api;
    }
}

public sealed record RegisterConversationBody(ConversationKind Kind, DateOnly Date, ConcernSource ConcernSource, string ConcernDescription, Guid? PreviousConversationId = null);

public sealed record PreparationBody(
    string Version, DateOnly Date, AttendanceTrack Track, bool GuardiansInvited, IReadOnlyList<ParticipantInput>? Participants = null,
    string? AssessmentNote = null, string? SuspicionNote = null, string? GuardiansOmittedReason = null, string? PreparationNotes = null);

public sealed record RecordBody(
    string Version, DateOnly Date, bool ToldPurpose, bool ToldVoluntary, bool ToldWhatIsRecorded, IReadOnlyList<LifeAreaInput>? LifeAreas = null,
    IReadOnlyList<AttendanceInput>? Attendance = null, string? ConsequencesInformation = null, string? PersonAccount = null, string? GuardiansAccount = null);

public sealed record ConclusionBody(string Version, ConcernLevel ConcernLevel, ConversationConclusion Conclusion, string? ConclusionNote = null);

public sealed record TransitionBody(string Version, ConversationState Target);

public sealed record AgreementBody(string Text, AgreementResponsible? Responsible, DateOnly? ReviewOn, string? ResponsibleName = null);

public sealed record AgreementReviewBody(string Version, AgreementStatus Status, string Note, DateOnly? NextReviewOn = null);

public sealed record ReferralBody(ReferralTarget Target, Guid ToUnitId, Guid? ConsentId = null, string? LegalBasisCode = null, string? Note = null);

public sealed record ReferralDecisionBody(bool Accept, string? Note = null);
