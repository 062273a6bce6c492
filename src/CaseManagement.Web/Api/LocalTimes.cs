using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManagement.Application.Common;
using CaseManagement.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// The API's one rule for times: a time with an offset or Z is kept as given; a local time without one is Oslo
/// wall-clock time. A local time that never happens in Oslo (spring forward) or happens twice (autumn) is refused,
/// because a record of when something happened must be what the sender meant, not a guess.
/// </summary>
public static class LocalTimes
{
    /// <summary>The instant of a parsed time; <paramref name="problem"/> is the reason when it is refused.</summary>
    public static bool TryResolve(DateTime parsed, DateTimeOffset? withOffset, out DateTimeOffset value, out string? problem)
    {
        problem = null;
        if (parsed.Kind != DateTimeKind.Unspecified && withOffset is { } given)
        {
            value = given;
            return true;
        }

        var ok = OsloTime.TryFromOslo(DateOnly.FromDateTime(parsed), TimeOnly.FromDateTime(parsed), out value, out var issue);
        problem = issue switch
        {
            OsloTimeIssue.SkippedBySpringForward => Ui.Problem_Time_Skipped,
            OsloTimeIssue.Ambiguous => Ui.Problem_Time_Ambiguous,
            _ => null,
        };
        return ok && problem is null;
    }
}

/// <summary>A local time refused by <see cref="LocalTimes"/>; the problem mapping names the JSON field.</summary>
public sealed class LocalTimeException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}

/// <summary>DateTimeOffset in every JSON body of the API (and DateTimeOffset? through System.Text.Json's nullable wrapper).</summary>
public sealed class OsloDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // System.Text.Json's own ISO 8601 parsing; Kind says whether the text carried an offset (Unspecified: none).
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var parsed) || !reader.TryGetDateTimeOffset(out var withOffset))
        {
            throw new JsonException();
        }

        return LocalTimes.TryResolve(parsed, withOffset, out var value, out var problem) ? value : throw new LocalTimeException(problem!);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// The same rule for DateTimeOffset query parameters: the framework's binder took a local time as the server's
/// zone; this filter reads the raw text again and replaces the argument, or refuses it naming the parameter.
/// </summary>
public static class LocalTimeQueryFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var times = context.MethodInfo.GetParameters()
            .Select((p, i) => (p, i))
            .Where(x => (Nullable.GetUnderlyingType(x.p.ParameterType) ?? x.p.ParameterType) == typeof(DateTimeOffset)
                && x.p.GetCustomAttribute<FromQueryAttribute>() is not null)
            .Select(x => (Name: x.p.GetCustomAttribute<FromQueryAttribute>()!.Name ?? x.p.Name!, Index: x.i))
            .ToArray();
        if (times.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            foreach (var (name, index) in times)
            {
                var raw = invocation.HttpContext.Request.Query[name].ToString();
                if (raw.Length == 0 || invocation.Arguments[index] is not DateTimeOffset bound)
                {
                    continue;
                }

                // RoundtripKind keeps "no offset" visible as DateTimeKind.Unspecified.
                if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
                {
                    continue;
                }

                if (!LocalTimes.TryResolve(parsed, bound, out var value, out var problem))
                {
                    throw new RuleViolationException(name, ParameterProblems.Message(name, problem!));
                }

                invocation.Arguments[index] = value;
            }

            return next(invocation);
        };
    }
}
