using CaseManagement.Application.Common;
using CaseManagement.Web.Components.Pages.Persons;
using CaseManagement.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Components.Pages.FollowUps;

public enum CommandOutcome
{
    Done,

    /// <summary>Validation or a rule refused the input: the reasons are in the form's <see cref="FieldErrors"/>.</summary>
    Refused,

    /// <summary>The record is gone, or the user can no longer reach it: the page reloads what it shows.</summary>
    NotFound,
    Forbidden,
    Unauthenticated,

    /// <summary>Someone else changed the record since it was read. Nothing was written.</summary>
    Conflict,
}

/// <summary>
/// Sends one command from a form and turns every refusal the pipeline can give into an outcome the page shows:
/// field refusals land on their fields, the rest become one message. Unexpected errors are not caught here.
/// </summary>
public static class CommandRunner
{
    public static async Task<CommandOutcome> RunAsync(Func<Task> send, FieldErrors errors)
    {
        errors.Clear();
        try
        {
            await send();
            return CommandOutcome.Done;
        }
        catch (FluentValidation.ValidationException ex)
        {
            errors.AddRange(ex);
            return CommandOutcome.Refused;
        }
        catch (RuleViolationException ex)
        {
            errors.Add(ex);
            return CommandOutcome.Refused;
        }
        catch (NotFoundException)
        {
            return CommandOutcome.NotFound;
        }
        catch (ForbiddenException)
        {
            return CommandOutcome.Forbidden;
        }
        catch (UnauthenticatedException)
        {
            return CommandOutcome.Unauthenticated;
        }
        catch (ConcurrencyConflictException)
        {
            return CommandOutcome.Conflict;
        }
    }

    /// <summary>The message for an outcome that is not about one field; null when there is none.</summary>
    public static string? Problem(CommandOutcome outcome, IStringLocalizer<Ui> t) => outcome switch
    {
        CommandOutcome.Done => (string?)null,
        CommandOutcome.Refused => null,
        CommandOutcome.NotFound => t["FollowUps_Action_NotFound"],
        CommandOutcome.Forbidden => t["FollowUps_Action_Forbidden"],
        CommandOutcome.Unauthenticated => t["FollowUps_Action_Unauthenticated"],
        CommandOutcome.Conflict => t["FollowUps_Action_Conflict"],
    };
}
