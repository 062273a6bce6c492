using System.Globalization;

namespace CaseManagement.Web.Components.Pages.Plans;

/// <summary>The plan and group pages' addresses: record ids only.</summary>
public static class PlanRoutes
{
    public const string DetailsTemplate = "/planer/{Id:guid}";
    public const string PrintTemplate = "/planer/{Id:guid}/utskrift";
    public const string GroupTemplate = "/ansvarsgrupper/{Id:guid}";
    public const string Participation = "/deltakelse";

    public static string Details(Guid id) => string.Create(CultureInfo.InvariantCulture, $"/planer/{id}");

    public static string Print(Guid id) => string.Create(CultureInfo.InvariantCulture, $"/planer/{id}/utskrift");

    public static string Group(Guid id) => string.Create(CultureInfo.InvariantCulture, $"/ansvarsgrupper/{id}");
}

/// <summary>Resource keys for the plan and group enums, so every word on screen comes from Ui.resx.</summary>
public static class PlanTexts
{
    public static string Key<TEnum>(TEnum value)
        where TEnum : struct, Enum => "PlanEnum_" + typeof(TEnum).Name + "_" + value;
}
