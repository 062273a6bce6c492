using System.Diagnostics;
using System.Diagnostics.Metrics;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Common;

/// <summary>
/// The mediator's traces and metrics (ADR-022): a span per message named by its type, and a duration histogram,
/// both tagged with the message name and an outcome word. Never the payload, the user or an exception's message.
/// </summary>
public static class MessageTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "CaseManagement.Messages";

    public const string MessageTag = "casemanagement.message";
    public const string OutcomeTag = "casemanagement.outcome";
    public const string DurationName = "casemanagement.message.duration";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> Duration = Meter.CreateHistogram(
        DurationName,
        "s",
        "How long a message took through the pipeline, by message and outcome.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>A word from a fixed set: the exception's type decides it, never its text.</summary>
    public static string OutcomeOf(Exception? failure) => failure switch
    {
        null => "ok",
        UnauthenticatedException or ForbiddenException => "refused",
        ValidationException => "invalid",
        NotFoundException => "not-found",
        RuleViolationException => "rule",
        ConcurrencyConflictException => "conflict",
        OperationCanceledException => "cancelled",
        _ => "error",
    };
}

/// <summary>
/// First in the pipeline, so the span and the duration cover everything after it (authorisation, validation, the
/// transaction and the EF commands, which become child spans).
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = MessageTelemetry.Source.StartActivity(MessageName);
        activity?.SetTag(MessageTelemetry.MessageTag, MessageName);
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            var outcome = MessageTelemetry.OutcomeOf(failure);
            if (activity is not null)
            {
                activity.SetTag(MessageTelemetry.OutcomeTag, outcome);
                if (outcome == "error")
                {
                    // The type only: an exception's message may quote a value.
                    activity.SetTag("error.type", failure!.GetType().FullName);
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            MessageTelemetry.Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(MessageTelemetry.MessageTag, MessageName),
                new KeyValuePair<string, object?>(MessageTelemetry.OutcomeTag, outcome));
        }
    }
}
