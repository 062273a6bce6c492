using CaseManagement.Application.Features.WorkSurfaces;
using CaseManagement.Application.WorkSurfaces;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1/me/due-items ("Mine oppgaver") and /api/v1/persons/{id}/timeline. Both answer only what the caller may
/// see; a person of whom the caller reaches no follow-up is 404, like an unknown id.
/// </summary>
public static class WorkSurfacesApi
{
    public static RouteGroupBuilder MapWorkSurfacesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/due-items", async ([FromQuery] DueKind? kind, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListMyDueItems(kind, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Work surfaces");

        // Dates are Oslo calendar days (yyyy-MM-dd), both ends included.
        api.MapGet("/persons/{id:guid}/timeline", async (
                    Guid id, [FromQuery] TimelineKind[]? kind, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
                    [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetPersonTimeline(id, kind, from, to, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Work surfaces");

        return api;
    }
}
