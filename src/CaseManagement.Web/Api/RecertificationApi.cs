using CaseManagement.Application.Features.Recertification;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>/api/v1/recertification and the unit-leader appointment (ADR-030): the same messages as the page.</summary>
public static class RecertificationApi
{
    public static RouteGroupBuilder MapRecertificationApi(this RouteGroupBuilder api)
    {
        var recertification = api.MapGroup("/recertification").WithTags("Recertification");
        recertification.MapGet("/", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListAccessToConfirm(), ct)));
        recertification.MapGet("/due", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListAccessDue(), ct)));
        recertification.MapPost("/confirmations", async ([FromBody] ConfirmationsBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ConfirmAccess(body.Users ?? []), ct)));
        api.MapPut("/admin/users/{id:guid}/unit-leader", async (Guid id, [FromBody] UnitLeaderBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUnitLeader(id, body.IsLeader), ct)))
            .WithTags("Administration");
        return api;
    }
}

public sealed record ConfirmationsBody(IReadOnlyList<RolesToConfirm>? Users);

public sealed record UnitLeaderBody(bool IsLeader);
