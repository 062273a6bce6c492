using Microsoft.AspNetCore.Authorization;

namespace CaseManagement.Web.Security;

public static class ApiAuthorisation
{
    public const string PolicyName = "api";

    public static AuthorizationBuilder AddApiPolicy(this AuthorizationBuilder builder, string scheme) =>
        builder.AddPolicy(PolicyName, p => p.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser());
}
