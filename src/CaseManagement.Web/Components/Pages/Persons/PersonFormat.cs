using System.Globalization;
using CaseManagement.Domain.Persons;

namespace CaseManagement.Web.Components.Pages.Persons;

/// <summary>How person data is shown and typed on the pages: Norwegian dates, masked identity numbers, relation texts.</summary>
public static class PersonFormat
{
    public const string DateFormat = "dd.MM.yyyy";

    // Norwegian order only: 05.06.2010 is always 5 June. ISO is accepted because some browsers paste it.
    private static readonly string[] DateInputFormats = ["d.M.yyyy", "dd.MM.yyyy", "yyyy-MM-dd"];

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A moment as Norwegian wall-clock time, whatever time zone the server runs in.</summary>
    public static string Timestamp(DateTimeOffset moment) => Application.Common.OsloTime.FormatDateTime(moment);

    /// <summary>An empty field is no date (null, valid); anything else must be a real date in a known format.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The first six digits (the date part) and five stars: the individual number is never shown by default.</summary>
    public static string MaskedNin(string nin) => NationalIdentityNumber.Mask(nin);

    public static string FullName(string givenName, string familyName) => givenName + " " + familyName;

    /// <summary>Family name first, as the list is sorted.</summary>
    public static string ListName(string givenName, string familyName) => familyName + ", " + givenName;

    /// <summary>The resource key of a relation's label; a new relation without a label fails the build (CS8509).</summary>
    public static string RelationKey(GuardianRelation relation) => relation switch
    {
        GuardianRelation.Mother => "Relation_Mother",
        GuardianRelation.Father => "Relation_Father",
        GuardianRelation.OtherParent => "Relation_OtherParent",
        GuardianRelation.AppointedGuardian => "Relation_AppointedGuardian",
        GuardianRelation.ChildWelfareService => "Relation_ChildWelfareService",
        GuardianRelation.Other => "Relation_Other",
    };
}
