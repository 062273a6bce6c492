using CaseManagement.Application.Features.Sharing;
using CaseManagement.Domain.Sharing;
using CaseManagement.Web.Components.Pages.Persons;
using CaseManagement.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CaseManagement.Web.Components.Pages.FollowUps;

public enum DisclosureBasisKind
{
    Consent,
    LegalBasis,
}

/// <summary>What the disclosure form holds while the lead fills it in.</summary>
public sealed class DisclosureFormModel
{
    public Guid? ToUnitId { get; set; }
    public RecordKinds Kinds { get; set; }
    public DisclosureBasisKind? Basis { get; set; }
    public Guid? ConsentId { get; set; }
    public string? LegalBasisCode { get; set; }
    public string Reason { get; set; } = "";
    public string ValidFrom { get; set; } = "";
    public string ValidTo { get; set; } = "";

    public GrantDisclosure? ToCommand(Guid followUpId, FieldErrors errors, IStringLocalizer<Ui> t)
    {
        if (ToUnitId is null)
        {
            errors.Add(nameof(GrantDisclosure.ToUnitId), t["FollowUps_Field_UnitRequired"]);
        }

        switch (Basis)
        {
            case null:
                errors.Add(nameof(Basis), t["Form_ChooseOne"]);
                break;
            case DisclosureBasisKind.Consent when ConsentId is null:
                errors.Add(nameof(GrantDisclosure.ConsentId), t["FollowUps_Disclosure_ConsentRequired"]);
                break;
            case DisclosureBasisKind.LegalBasis when string.IsNullOrEmpty(LegalBasisCode):
                errors.Add(nameof(GrantDisclosure.LegalBasisCode), t["FollowUps_Disclosure_LegalBasisRequired"]);
                break;
        }

        var from = DateField.Required(ValidFrom, nameof(GrantDisclosure.ValidFrom), errors, t);
        var to = DateField.Required(ValidTo, nameof(GrantDisclosure.ValidTo), errors, t);
        if (errors.Any)
        {
            return null;
        }

        var byConsent = Basis == DisclosureBasisKind.Consent;
        return new GrantDisclosure(
            followUpId,
            ToUnitId!.Value,
            Kinds,
            Reason,
            FollowUpFormat.StartOf(from!.Value),
            FollowUpFormat.EndOf(to!.Value),
            byConsent ? ConsentId : null,
            byConsent ? null : LegalBasisCode);
    }
}
