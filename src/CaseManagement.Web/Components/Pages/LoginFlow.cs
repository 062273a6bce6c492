namespace CaseManagement.Web.Components.Pages;

/// <summary>
/// The steps of signing in (ADR-007): password (<c>/login</c>) → one-time code (<c>/login/code</c>, or a recovery code
/// at <c>/login/recovery-code</c>) → signed in; a user without an authenticator goes from the code step to
/// enrolment (<c>/login/enrol</c>) instead. The local return address travels along in the query string.
/// </summary>
public static class LoginFlow
{
    public const string PasswordPath = "/login";
    public const string CodePath = "/login/code";
    public const string RecoveryCodePath = "/login/recovery-code";
    public const string EnrolPath = "/login/enrol";

    public static string Step(string path, string? returnUrl)
    {
        var target = Login.SafeReturnUrl(returnUrl);
        return target == "/" ? path : $"{path}?returnUrl={Uri.EscapeDataString(target)}";
    }
}
