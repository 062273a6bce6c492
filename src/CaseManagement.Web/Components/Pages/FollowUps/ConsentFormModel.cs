using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Sharing;
using CaseManagement.Web.Components.Pages.Persons;
using CaseManagement.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Components.Pages.FollowUps;

/// <summary>What the consent form holds while the user fills it in. Dates stay text until sent.</summary>
public sealed class ConsentFormModel
{
    /// <summary>Most consents are given by the person; the choice is in plain view.</summary>
    public ConsentGiver? GivenBy { get; set; } = ConsentGiver.Person;

    public string GiverName { get; set; } = "";
    public Guid? ToUnitId { get; set; }
    public RecordKinds Kinds { get; set; }
    public string Purpose { get; set; } = "";

    /// <summary>Consent or refusal: never preselected, a wrong default would record the opposite of the answer.</summary>
    public bool? Refused { get; set; }

    public ConsentMethod? Method { get; set; }
    public string ValidFrom { get; set; } = "";
    public string ValidTo { get; set; } = "";

    /// <summary>
    /// The message, or null with the reasons in <paramref name="errors"/> when the input cannot even be put into one
    /// (a choice not made, a date that is not a date). Everything else is left to the server's validators.
    /// </summary>
    public RecordConsent? ToCommand(Guid followUpId, FieldErrors errors, IStringLocalizer<Ui> t)
    {
        if (GivenBy is null)
        {
            errors.Add(nameof(RecordConsent.GivenBy), t["Form_ChooseOne"]);
        }

        if (ToUnitId is null)
        {
            errors.Add(nameof(RecordConsent.ToUnitId), t["FollowUps_Field_UnitRequired"]);
        }

        if (Refused is null)
        {
            errors.Add(nameof(RecordConsent.Refused), t["Form_ChooseOne"]);
        }

        if (Method is null)
        {
            errors.Add(nameof(RecordConsent.Method), t["Form_ChooseOne"]);
        }

        var from = DateField.Required(ValidFrom, nameof(RecordConsent.ValidFrom), errors, t);
        var to = DateField.Optional(ValidTo, nameof(RecordConsent.ValidTo), errors, t);
        if (errors.Any)
        {
            return null;
        }

        return new RecordConsent(
            followUpId,
            GivenBy!.Value,
            ToUnitId!.Value,
            Kinds,
            Purpose,
            Method!.Value,
            FollowUpFormat.StartOf(from!.Value),
            to is { } last ? FollowUpFormat.EndOf(last) : null,
            string.IsNullOrWhiteSpace(GiverName) ? null : GiverName,
            Refused!.Value);
    }
}

/// <summary>Dates typed as text on the follow-up forms (dd.mm.åååå, as on the person pages).</summary>
public static class DateField
{
    public static DateOnly? Required(string text, string field, FieldErrors errors, IStringLocalizer<Ui> t)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, t["Form_DateRequired"]);
            return null;
        }

        return Optional(text, field, errors, t);
    }

    public static DateOnly? Optional(string text, string field, FieldErrors errors, IStringLocalizer<Ui> t)
    {
        if (!PersonFormat.TryParseDate(text, out var date))
        {
            errors.Add(field, t["Persons_Form_DateFormat"]);
            return null;
        }

        return date;
    }
}
