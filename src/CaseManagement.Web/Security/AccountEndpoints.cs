using CaseManagement.Application.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Security;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // POST with antiforgery: a link or an image cannot log someone out.
        app.MapPost("/account/logout", async (HttpContext http, [FromServices] SignInManager<AppUser> signIn, [FromServices] UserManager<AppUser> users) =>
        {
            // A new security stamp makes every cookie issued before this moment worthless on the server (R11).
            var user = await users.GetUserAsync(http.User);
            if (user is not null)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
