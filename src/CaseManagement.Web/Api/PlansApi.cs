using CaseManagement.Application.Features.Groups;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1 for individual plans and responsibility groups: the same use cases as the pages. Ids of the plan, group,
/// meeting and their parts come from the route only, so a body can never point a change at another record.
/// </summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapPost("/follow-ups/{id:guid}/plan", async (Guid id, [FromBody] CreatePlanBody b, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new CreatePlan(
                id, b.CoordinatorUserId, b.ConsentGivenBy, b.ConsentGivenOn, b.PersonGoals, b.PeriodFrom, b.PeriodTo, b.NextRevisionOn,
                b.Resources, b.Needs, b.Cooperation, b.RepresentativeName), ct);
            return TypedResults.Created($"/api/v1/plans/{created.Id}", created);
        }).WithTags("Individual plans");

        api.MapGet("/follow-ups/{id:guid}/plan-and-group", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new FindPlanAndGroup(id), ct))).WithTags("Individual plans");

        api.MapPost("/follow-ups/{id:guid}/group", async (Guid id, [FromBody] StartGroupBody b, IMediator mediator, CancellationToken ct) =>
        {
            var started = await mediator.Send(new StartGroup(id, b.ConvenorUserId, b.ConsentGiven, b.ConsentGivenBy, b.ConsentGivenOn), ct);
            return TypedResults.Created($"/api/v1/groups/{started.Id}", started);
        }).WithTags("Responsibility groups");

        api.MapGet("/participation", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MyPlansAndGroups(), ct))).WithTags("Individual plans");

        var plans = api.MapGroup("/plans").WithTags("Individual plans");
        plans.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        {
            var view = await mediator.Send(new GetPlan(id), ct);
            http.Response.Headers.ETag = $"\"{view.Version}\"";
            return TypedResults.Ok(view);
        });
        plans.MapPut("/{id:guid}", async (Guid id, [FromBody] UpdatePlanBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdatePlan(
                id, b.Version, b.CoordinatorUserId, b.PersonGoals, b.PeriodFrom, b.PeriodTo, b.NextRevisionOn, b.Resources, b.Needs, b.Cooperation), ct)));
        plans.MapPost("/{id:guid}/goals", async (Guid id, [FromBody] GoalBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SavePlanGoal(id, b.Text, b.ParentGoalId), ct)));
        plans.MapPut("/{id:guid}/goals/{goalId:guid}", async (Guid id, Guid goalId, [FromBody] GoalBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SavePlanGoal(id, b.Text, null, goalId), ct)));
        plans.MapPost("/{id:guid}/measures", async (Guid id, [FromBody] MeasureBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(b.ToCommand(id, null), ct)));
        plans.MapPut("/{id:guid}/measures/{measureId:guid}", async (Guid id, Guid measureId, [FromBody] MeasureBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(b.ToCommand(id, measureId), ct)));
        plans.MapPost("/{id:guid}/measures/{measureId:guid}/notes", async (Guid id, Guid measureId, [FromBody] TextBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AddMeasureNote(id, measureId, b.Text), ct)));
        plans.MapPost("/{id:guid}/participants", async (Guid id, [FromBody] ParticipantBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AddPlanParticipant(id, b.Kind, b.Name, b.Contribution, b.UserId, b.ConsentScope, b.ConsentValidTo), ct)));
        plans.MapPost("/{id:guid}/participants/{participantId:guid}/withdraw-consent", async (Guid id, Guid participantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new WithdrawParticipantConsent(id, participantId), ct)));
        plans.MapPost("/{id:guid}/approve", async (Guid id, [FromBody] VersionBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ApprovePlanVersion(id, b.Version), ct)));
        plans.MapPost("/{id:guid}/revisions", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new StartPlanRevision(id), ct)));
        plans.MapPost("/{id:guid}/evaluations", async (Guid id, [FromBody] EvaluationBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RecordPlanEvaluation(id, b.HeldOn, b.Summary, b.NextRevisionOn), ct)));

        var groups = api.MapGroup("/groups").WithTags("Responsibility groups");
        groups.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetGroup(id), ct)));
        groups.MapPost("/{id:guid}/members", async (Guid id, [FromBody] MemberBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AddGroupMember(id, b.Kind, b.Name, b.Function, b.ConsentGiven, b.ConsentScope, b.ConsentValidTo, b.UserId), ct)));
        groups.MapPost("/{id:guid}/members/{memberId:guid}/withdraw-consent", async (Guid id, Guid memberId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new WithdrawMemberConsent(id, memberId), ct)));
        groups.MapPost("/{id:guid}/end", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new EndGroup(id), ct)));
        groups.MapPost("/{id:guid}/meetings", async (Guid id, [FromBody] MeetingBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ScheduleMeeting(id, b.At, b.Agenda), ct)));

        var meetings = api.MapGroup("/meetings").WithTags("Responsibility groups");
        meetings.MapPut("/{id:guid}/minutes", async (Guid id, [FromBody] MinutesBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SaveMinutes(id, b.Version, b.Agenda, b.Discussion, b.Present, b.Absent, b.Agreements, b.NextMeetingAt), ct)));
        meetings.MapPost("/{id:guid}/send", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new SendMinutes(id), ct)));
        meetings.MapPost("/{id:guid}/comments", async (Guid id, [FromBody] TextBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CommentOnMinutes(id, b.Text), ct)));
        meetings.MapPost("/{id:guid}/approve", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ApproveMinutes(id), ct)));
        meetings.MapPost("/{id:guid}/tasks", async (Guid id, [FromBody] TaskBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AddGroupTask(id, b.Text, b.OwnerMemberId, b.DueOn), ct)));
        api.MapPut("/group-tasks/{id:guid}/status", async (Guid id, [FromBody] TaskStatusBody b, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetGroupTaskStatus(id, b.Status), ct))).WithTags("Responsibility groups");
        return api;
    }
}

public sealed record CreatePlanBody(
    Guid CoordinatorUserId, ConsentGiver ConsentGivenBy, DateOnly ConsentGivenOn, string PersonGoals, DateOnly PeriodFrom, DateOnly PeriodTo,
    DateOnly NextRevisionOn, string? Resources = null, string? Needs = null, string? Cooperation = null, string? RepresentativeName = null);

public sealed record UpdatePlanBody(
    string Version, Guid CoordinatorUserId, string PersonGoals, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly NextRevisionOn,
    string? Resources = null, string? Needs = null, string? Cooperation = null);

public sealed record GoalBody(string Text, Guid? ParentGoalId = null);

public sealed record MeasureBody(
    Guid GoalId, string Description, Guid ResponsibleParticipantId, string ResponsiblePerson, DateOnly StartOn, DateOnly EndOn,
    MeasureStatus Status = MeasureStatus.Planned, string? Scope = null, string? HowCarriedOut = null, Guid? FromAgreementId = null)
{
    public SavePlanMeasure ToCommand(Guid planId, Guid? measureId) =>
        new(planId, GoalId, Description, ResponsibleParticipantId, ResponsiblePerson, StartOn, EndOn, Status, Scope, HowCarriedOut, FromAgreementId, measureId);
}

public sealed record TextBody(string Text);

public sealed record VersionBody(string Version);

public sealed record ParticipantBody(
    ParticipantKind Kind, string Name, string? Contribution = null, Guid? UserId = null, string? ConsentScope = null, DateTimeOffset? ConsentValidTo = null);

public sealed record EvaluationBody(DateOnly HeldOn, string Summary, DateOnly NextRevisionOn);

public sealed record StartGroupBody(Guid ConvenorUserId, bool ConsentGiven, ConsentGiver ConsentGivenBy, DateOnly ConsentGivenOn);

public sealed record MemberBody(
    ParticipantKind Kind, string Name, string Function, bool ConsentGiven, string ConsentScope, DateTimeOffset? ConsentValidTo = null, Guid? UserId = null);

public sealed record MeetingBody(DateTimeOffset At, string Agenda);

public sealed record MinutesBody(
    string Version, string Agenda, string? Discussion, IReadOnlyList<Guid> Present, IReadOnlyList<Guid> Absent, IReadOnlyList<string> Agreements,
    DateTimeOffset? NextMeetingAt = null);

public sealed record TaskBody(string Text, Guid OwnerMemberId, DateOnly DueOn);

public sealed record TaskStatusBody(GroupTaskStatus Status);
