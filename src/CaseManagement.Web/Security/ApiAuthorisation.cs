using Microsoft.AspNetCore.Authorization;
using OpenIddict.Abstractions;

namespace CaseManagement.Web.Security;

/// <summary>
/// The one policy of the whole <c>/api/v1</c> group (set on the group in ApiSetup, so a new endpoint cannot forget
/// it): a bearer token of this server, granted the API scope, for the API audience. A token without the audience is
/// refused already by token validation (401, not meant for this resource); one with the audience but without the
/// scope fails here (403). The token's security stamp is checked by <see cref="RejectStaleAccessTokens"/>.
/// </summary>
public static class ApiAuthorisation
{
    public const string PolicyName = "api";

    public static AuthorizationBuilder AddApiPolicy(this AuthorizationBuilder builder, string scheme) =>
        builder.AddPolicy(PolicyName, p => p.AddAuthenticationSchemes(scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context =>
                context.User.HasScope(OpenIdConnectServer.ApiScope) && context.User.HasAudience(OpenIdConnectServer.ApiAudience)));
}
