using CaseManagement.Domain.Organisation;

namespace CaseManagement.Web.Components.Pages.Administration;

/// <summary>The resource key of a unit kind's name (Ui.resx: UnitKind_*).</summary>
public static class UnitKindTexts
{
    public static string Key(UnitKind kind) => "UnitKind_" + kind;
}
