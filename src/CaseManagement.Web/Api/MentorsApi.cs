using CaseManagement.Application.Features.Mentors;
using CaseManagement.Domain.Mentors;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1: the mentor programme. The coordinator's roster, profiles and assignments (under the follow-up); the
/// mentor's own mentees and sessions under /my/mentees; supervision notes. Ids come from the route only.
/// </summary>
public static class MentorsApi
{
    public static RouteGroupBuilder MapMentorsApi(this RouteGroupBuilder api)
    {
        var mentors = api.MapGroup("/mentors").WithTags("Mentor programme");
        mentors.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListMentors(), ct)));
        mentors.MapPut("/{userId:guid}/profile", async (Guid userId, [FromBody] MentorProfileBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SaveMentorProfile(userId, body.PoliceCertificateIssuedOn, body.Capacity, body.SupervisorUserId, body.TrainingCompletedOn), ct)));

        var assignments = api.MapGroup("/mentor-assignments").WithTags("Mentor programme");
        assignments.MapGet("/", async ([FromQuery] Guid? followUpId, [FromQuery] bool? activeOnly, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListMentorAssignments(followUpId, activeOnly ?? false, page ?? 1, pageSize ?? 50), ct)));
        assignments.MapGet("/{id:guid}/supervision-notes", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListSupervisionNotes(id), ct)));
        assignments.MapPost("/{id:guid}/supervision-notes", async (Guid id, [FromBody] SupervisionNoteBody body, IMediator mediator, CancellationToken ct) =>
        {
            var added = await mediator.Send(new AddSupervisionNote(id, body.Text), ct);
            return TypedResults.Created($"/api/v1/mentor-assignments/{id}/supervision-notes", added);
        });

        var underFollowUp = api.MapGroup("/follow-ups/{followUpId:guid}/mentor-assignments").WithTags("Mentor programme");
        underFollowUp.MapPost("/", async (Guid followUpId, [FromBody] AssignMentorBody b, IMediator mediator, CancellationToken ct) =>
        {
            var assigned = await mediator.Send(new AssignMentor(
                followUpId, b.MentorUserId, b.PoliceContactUserId, b.ReferralSource, b.MatchReason, b.ConsentGivenOn, b.Goals, b.PlannedIntervalDays,
                b.MentorSafetyRisk, b.RiskAssessment, b.StartsOn, b.EndsOn), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{followUpId}/mentor-assignments/{assigned.Id}", assigned);
        });
        underFollowUp.MapGet("/{id:guid}", async (Guid followUpId, Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetMentorAssignment(followUpId, id), ct)));
        underFollowUp.MapPost("/{id:guid}/end", async (Guid followUpId, Guid id, [FromBody] EndAssignmentBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new EndMentorAssignment(followUpId, id, body.Reason), ct)));

        var mine = api.MapGroup("/my/mentees").WithTags("Mentor programme");
        mine.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListMyMentees(), ct)));
        mine.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetMyMentee(id), ct)));
        mine.MapPost("/{id:guid}/sessions", async (Guid id, [FromBody] MentorSessionBody b, IMediator mediator, CancellationToken ct) =>
        {
            var recorded = await mediator.Send(new RecordMentorSession(
                id, b.HeldOn, b.Arena, b.DurationMinutes, b.Type, b.Topics, b.RiskFactors, b.ProtectiveFactors, b.ChangeSinceLast, b.NextSteps,
                b.ServicesContacted, b.MentorWellbeingFlag, b.EscalationFlag), ct);
            return TypedResults.Created($"/api/v1/my/mentees/{id}", recorded);
        });
        return api;
    }
}

public sealed record MentorProfileBody(DateOnly PoliceCertificateIssuedOn, int Capacity, Guid SupervisorUserId, DateOnly? TrainingCompletedOn = null);

public sealed record AssignMentorBody(
    Guid MentorUserId,
    Guid PoliceContactUserId,
    ReferralSource ReferralSource,
    string MatchReason,
    DateOnly? ConsentGivenOn,
    string Goals,
    int PlannedIntervalDays,
    MentorSafetyRisk MentorSafetyRisk,
    string RiskAssessment,
    DateOnly StartsOn,
    DateOnly? EndsOn = null);

public sealed record EndAssignmentBody(AssignmentClosingReason Reason);

public sealed record SupervisionNoteBody(string Text);

public sealed record MentorSessionBody(
    DateOnly HeldOn,
    SessionArena Arena,
    int DurationMinutes,
    SessionType Type,
    string Topics,
    string? RiskFactors = null,
    string? ProtectiveFactors = null,
    ChangeSinceLast ChangeSinceLast = ChangeSinceLast.NotAssessed,
    string? NextSteps = null,
    string? ServicesContacted = null,
    bool MentorWellbeingFlag = false,
    bool EscalationFlag = false);
