using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CaseManagement.Web.Resources;

namespace CaseManagement.Web.Api;

/// <summary>
/// Names the query or route parameter a request could not bind, with a reason by the parameter's type
/// ("pageSize: må være et heltall"). ASP.NET Core only says so in its own English exception text, so the name is
/// read from that text and the type from the endpoint's handler. The value itself is never echoed.
/// </summary>
internal static partial class ParameterProblems
{
    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[A-Za-z_][A-Za-z0-9_]*)\" from \"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[A-Za-z_][A-Za-z0-9_]*)\" was not provided from (?<source>.+)\\.$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RequiredMissing();

    /// <summary>The parameter and the message, or null when the exception is not about a query or route parameter.</summary>
    public static (string Name, string Message)? From(BadHttpRequestException exception, Endpoint? endpoint)
    {
        var failed = BindingFailed().Match(exception.Message);
        if (failed.Success)
        {
            var name = failed.Groups["name"].Value;
            return (name, Message(name, Reason(ParameterType(endpoint, name))));
        }

        var missing = RequiredMissing().Match(exception.Message);
        if (missing.Success && !missing.Groups["source"].Value.Contains("body", StringComparison.Ordinal))
        {
            var name = missing.Groups["name"].Value;
            return (name, Message(name, Ui.Problem_Parameter_Required));
        }

        return null;
    }

    /// <summary>"field: reason", so the message names the field also where the client shows only the text.</summary>
    public static string Message(string name, string reason) => name + ": " + reason;

    private static Type? ParameterType(Endpoint? endpoint, string name) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))?.ParameterType;

    private static string Reason(Type? type)
    {
        if (type is null)
        {
            return Ui.Problem_Parameter_Invalid;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        if (type.IsEnum)
        {
            return string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(Ui.Problem_Parameter_Enum), string.Join(", ", Enum.GetNames(type)));
        }

        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => Ui.Problem_Parameter_Integer,
            _ when type == typeof(DateOnly) => Ui.Problem_Parameter_Date,
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => Ui.Problem_Parameter_DateTime,
            _ when type == typeof(Guid) => Ui.Problem_Parameter_Guid,
            _ when type == typeof(bool) => Ui.Problem_Parameter_Boolean,
            _ => Ui.Problem_Parameter_Invalid,
        };
    }
}
