using System.Text.Json;
using CaseManagement.Application.Common;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// Turns every refusal into RFC 9457 problem details with the field and the reason. Anything unexpected becomes
/// a generic 500 with a correlation id and nothing else: no stack trace, no exception text.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger, IHostEnvironment environment) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler has cleared the endpoint from the context; its feature still knows it.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var problem = ToProblem(exception, httpContext.TraceIdentifier, endpoint);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception.GetType().Name, httpContext.TraceIdentifier);
            if (environment.IsDevelopment())
            {
                // Exception texts can carry input values; only a developer's own machine logs them.
                LogDevelopmentDetail(logger, exception);
            }
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = null });
    }

    public static ProblemDetails ToProblem(Exception exception, string traceId, Endpoint? endpoint = null)
    {
        ProblemDetails problem = exception switch
        {
            ValidationException v => Validation(v.Errors.GroupBy(e => Camel(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            RuleViolationException r => Validation(new Dictionary<string, string[]> { [Camel(r.Field)] = [r.Message] }),
            BadHttpRequestException { InnerException: LocalTimeException time } => Validation(new Dictionary<string, string[]>
            {
                [JsonField(time.Path)] = [ParameterProblems.Message(JsonField(time.Path), time.Reason)],
            }),
            BadHttpRequestException b when ParameterProblems.From(b, endpoint) is { } parameter =>
                Validation(new Dictionary<string, string[]> { [parameter.Name] = [parameter.Message] }),
            BadHttpRequestException { InnerException: JsonException json } when MissingRequired(json) is { } missing =>
                Validation(new Dictionary<string, string[]> { [missing] = [ProblemTexts.Required] }),
            BadHttpRequestException { InnerException: JsonException json } => Validation(new Dictionary<string, string[]>
            {
                [JsonField(json.Path)] = [ProblemTexts.InvalidJson],
            }),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status400BadRequest => Validation(new Dictionary<string, string[]>
            {
                ["body"] = [ProblemTexts.BadRequest],
            }),
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = ProblemTexts.BadRequest },
            NotFoundException => new ProblemDetails { Status = 404, Title = ProblemTexts.NotFound },
            ForbiddenException => new ProblemDetails { Status = 403, Title = ProblemTexts.Forbidden },
            UnauthenticatedException => new ProblemDetails { Status = 401, Title = ProblemTexts.Unauthenticated },
            ConcurrencyConflictException => new ProblemDetails { Status = 409, Title = ProblemTexts.Conflict, Detail = ProblemTexts.ConflictDetail },
            _ => new ProblemDetails { Status = 500, Title = ProblemTexts.Unexpected },
        };
        problem.Extensions["traceId"] = traceId;
        return problem;
    }

    private static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) =>
        new(errors) { Status = 400, Title = ProblemTexts.ValidationTitle };

    /// <summary>System.Text.Json names a missing required property in its own (not the user's) text.</summary>
    private static string? MissingRequired(JsonException json)
    {
        var match = MissingPropertyPattern().Match(json.Message);
        if (!match.Success)
        {
            return null;
        }

        var parent = JsonField(json.Path);
        return parent == "body" ? match.Groups[1].Value : parent + "." + match.Groups[1].Value;
    }

    [System.Text.RegularExpressions.GeneratedRegex("missing required properties including: '([A-Za-z0-9_]+)'")]
    private static partial System.Text.RegularExpressions.Regex MissingPropertyPattern();

    private static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static string Camel(string name) =>
        string.IsNullOrEmpty(name) ? "body" : JsonNamingPolicy.CamelCase.ConvertName(name);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unexpected {ExceptionType} for request {TraceId}")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string traceId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Development detail of the unexpected exception")]
    private static partial void LogDevelopmentDetail(ILogger logger, Exception exception);
}
