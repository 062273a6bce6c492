using CaseManagement.Application.Common;
using FluentValidation;

namespace CaseManagement.Web.Components.Pages.Persons;

/// <summary>
/// Refusals from the server, by field. Keys are the messages' property paths as FluentValidation names them
/// ("NationalIdentityNumber", "Guardians[0].Name"), so each error lands on the input that caused it.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<(string Field, string Message)> All => _errors;

    public void Clear() => _errors.Clear();

    public void Add(string field, string message)
    {
        if (!_errors.Contains((field, message)))
        {
            _errors.Add((field, message));
        }
    }

    public void AddRange(ValidationException exception)
    {
        foreach (var failure in exception.Errors)
        {
            Add(failure.PropertyName ?? "", failure.ErrorMessage);
        }
    }

    public void Add(RuleViolationException exception) => Add(exception.Field, exception.Message);

    public bool Has(string field) => _errors.Exists(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>All messages for one field in one line, or null (MudBlazor shows nothing for null).</summary>
    public string? For(string field)
    {
        var messages = _errors.Where(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase)).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}
