using CaseManagement.Application.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>/api/v1/alerts: the caller's own alerts. Another user's alert answers 404.</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");

        alerts.MapGet("/", async ([FromQuery] bool? unhandledOnly, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListMyAlerts(unhandledOnly ?? false, page ?? 1, pageSize ?? 50), ct)));

        alerts.MapGet("/unhandled-count", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CountMyUnhandledAlerts(), ct)));

        alerts.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MarkAlertRead(id), ct)));

        alerts.MapPost("/{id:guid}/handle", async (Guid id, [FromBody] HandleAlertBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new HandleAlert(id, body.Note), ct)));
        return api;
    }
}

public sealed record HandleAlertBody(string Note);
