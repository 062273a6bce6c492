using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Security;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // POST with antiforgery (R13): a link, an image or another site's form cannot log someone out. The endpoint
        // binds no form, so the token is checked here explicitly; without it the answer is 400 and nothing changes.
        app.MapPost("/account/logout", async (HttpContext http, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<AppUser> signIn, [FromServices] UserManager<AppUser> users) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            // A new security stamp makes every cookie and token issued before this moment worthless on the server
            // (R11); the stored refresh tokens are revoked as well.
            var user = await users.GetUserAsync(http.User);
            if (user is not null)
            {
                await users.UpdateSecurityStampAsync(user);
                await OpenIdConnectServer.RevokeTokensAsync(http.RequestServices, user.Id, http.RequestAborted);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
