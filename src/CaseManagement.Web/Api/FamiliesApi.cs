using CaseManagement.Application.Features.Families;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1: family guidance. Courses hang under a follow-up; groups belong to the caller's unit. A family-scoped
/// read never returns another family's rows.
/// </summary>
public static class FamiliesApi
{
    public static RouteGroupBuilder MapFamiliesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/family-courses", async ([FromQuery] Guid? followUpId, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListFamilyCourses(followUpId, page ?? 1, pageSize ?? 50), ct))).WithTags("Family guidance");

        var courses = api.MapGroup("/follow-ups/{followUpId:guid}/family-courses").WithTags("Family guidance");
        courses.MapPost("/", async (Guid followUpId, [FromBody] StartFamilyGuidanceBody b, IMediator mediator, CancellationToken ct) =>
        {
            var started = await mediator.Send(new StartFamilyGuidance(
                followUpId, b.FamilyLabel, b.StartedOn, b.Participants, b.SupportNeeds, b.Referrals, b.NextSessionDue, b.LinkedFollowUpId, b.LinkConsentId), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{followUpId}/family-courses/{started.Id}", started);
        });
        courses.MapGet("/{id:guid}", async (Guid followUpId, Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetFamilyCourse(followUpId, id), ct)));
        courses.MapPost("/{id:guid}/sessions", async (Guid followUpId, Guid id, [FromBody] GuidanceSessionBody b, IMediator mediator, CancellationToken ct) =>
        {
            var recorded = await mediator.Send(new RecordGuidanceSession(followUpId, id, b.HeldOn, b.AttendeeIds, b.Topics, b.Advice, b.NextSteps, b.NextSessionDue), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{followUpId}/family-courses/{id}", recorded);
        });

        var groups = api.MapGroup("/family-groups").WithTags("Family guidance");
        groups.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListFamilyGroups(), ct)));
        groups.MapPost("/", async ([FromBody] CreateFamilyGroup command, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/v1/family-groups/{created.Id}", created);
        });
        groups.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetFamilyGroup(id), ct)));
        groups.MapPost("/{id:guid}/sessions", async (Guid id, [FromBody] GroupSessionBody b, IMediator mediator, CancellationToken ct) =>
        {
            var recorded = await mediator.Send(new RecordGroupSession(id, b.HeldOn, b.Topics, b.CourseIds, b.GroupNotes), ct);
            return TypedResults.Created($"/api/v1/family-groups/{id}", recorded);
        });
        return api;
    }
}

public sealed record StartFamilyGuidanceBody(
    string FamilyLabel,
    DateOnly StartedOn,
    IReadOnlyList<ParticipantInput> Participants,
    string? SupportNeeds = null,
    string? Referrals = null,
    DateOnly? NextSessionDue = null,
    Guid? LinkedFollowUpId = null,
    Guid? LinkConsentId = null);

public sealed record GuidanceSessionBody(DateOnly HeldOn, IReadOnlyList<Guid> AttendeeIds, string Topics, string? Advice = null, string? NextSteps = null, DateOnly? NextSessionDue = null);

public sealed record GroupSessionBody(DateOnly HeldOn, string Topics, IReadOnlyList<Guid> CourseIds, string? GroupNotes = null);
