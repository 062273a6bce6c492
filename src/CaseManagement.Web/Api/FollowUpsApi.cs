using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1/follow-ups: follow-ups, their team, consents, disclosures and emergency access. Ids of the follow-up and
/// its parts come from the route only, so a body can never point a change at another record.
/// </summary>
public static class FollowUpsApi
{
    public static RouteGroupBuilder MapFollowUpsApi(this RouteGroupBuilder api)
    {
        var followUps = api.MapGroup("/follow-ups").WithTags("Follow-ups");

        followUps.MapGet("/", async ([FromQuery] FollowUpStatus? status, [FromQuery] Guid? personId, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListFollowUps(status, personId, page ?? 1, pageSize ?? 20), ct)));

        followUps.MapPost("/", async ([FromBody] OpenFollowUp command, IMediator mediator, CancellationToken ct) =>
        {
            var opened = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/v1/follow-ups/{opened.Id}", opened);
        });

        followUps.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var view = await mediator.Send(new GetFollowUp(id), ct);
            http.Response.Headers.ETag = $"\"{view.Version}\"";
            return TypedResults.Ok(view);
        });

        followUps.MapPost("/{id:guid}/close", async (Guid id, [FromBody] CloseBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CloseFollowUp(id, body.Version, body.Reason, body.Note), ct)));

        followUps.MapPost("/{id:guid}/team", async (Guid id, [FromBody] TeamMemberBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AddTeamMember(id, body.UserId, body.Role), ct)));

        followUps.MapDelete("/{id:guid}/team/{userId:guid}", async (Guid id, Guid userId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RemoveTeamMember(id, userId), ct)));

        followUps.MapPost("/{id:guid}/consents", async (Guid id, [FromBody] ConsentBody body, IMediator mediator, CancellationToken ct) =>
        {
            var recorded = await mediator.Send(new RecordConsent(id, body.GivenBy, body.ToUnitId, body.RecordKinds, body.Purpose, body.Method, body.ValidFrom, body.ValidTo, body.GiverName, body.Refused), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{id}", recorded);
        });

        followUps.MapPost("/{id:guid}/consents/{consentId:guid}/withdraw", async (Guid id, Guid consentId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new WithdrawConsent(id, consentId), ct)));

        followUps.MapPost("/{id:guid}/disclosures", async (Guid id, [FromBody] DisclosureBody body, IMediator mediator, CancellationToken ct) =>
        {
            var granted = await mediator.Send(new GrantDisclosure(id, body.ToUnitId, body.RecordKinds, body.Reason, body.ValidFrom, body.ValidTo, body.ConsentId, body.LegalBasisCode), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{id}", granted);
        });

        followUps.MapPost("/{id:guid}/disclosures/{disclosureId:guid}/end", async (Guid id, Guid disclosureId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new EndDisclosure(id, disclosureId), ct)));

        followUps.MapPost("/{id:guid}/emergency-access", async (Guid id, [FromBody] EmergencyAccessBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RequestEmergencyAccess(id, body.Reason, body.OneTimeCode), ct)));

        api.MapGet("/legal-bases", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListLegalBases(), ct)))
            .WithTags("Reference data");
        return api;
    }
}

public sealed record CloseBody(string Version, CloseReason Reason, string? Note = null);

public sealed record TeamMemberBody(Guid UserId, TeamRole Role);

public sealed record ConsentBody(
    ConsentGiver GivenBy,
    Guid ToUnitId,
    RecordKinds RecordKinds,
    string Purpose,
    ConsentMethod Method,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo = null,
    string? GiverName = null,
    bool Refused = false);

public sealed record DisclosureBody(
    Guid ToUnitId,
    RecordKinds RecordKinds,
    string Reason,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidTo,
    Guid? ConsentId = null,
    string? LegalBasisCode = null);

public sealed record EmergencyAccessBody(string Reason, string OneTimeCode);
