using CaseManagement.Web.Resources;

namespace CaseManagement.Web.Api;

/// <summary>Problem titles come from the UI resources so the API speaks the same language as the pages.</summary>
internal static class ProblemTexts
{
    public static string ValidationTitle => Ui.Problem_Validation;
    public static string InvalidJson => Ui.Problem_InvalidJson;
    public static string Required => Ui.Problem_Required;
    public static string BadRequest => Ui.Problem_BadRequest;
    public static string NotFound => Ui.Problem_NotFound;
    public static string Forbidden => Ui.Problem_Forbidden;
    public static string Unauthenticated => Ui.Problem_Unauthenticated;
    public static string Conflict => Ui.Problem_Conflict;
    public static string ConflictDetail => Ui.Problem_ConflictDetail;
    public static string Unexpected => Ui.Problem_Unexpected;
}
