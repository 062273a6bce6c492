using CaseManagement.Web.Security;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace CaseManagement.Web.Api;

public static class ApiSetup
{
    public static IServiceCollection AddCaseApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // A field the API does not know is refused, so nobody can try to set owner, agency or team.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        // Malformed bodies throw, so ProblemMapping can answer them with problem details instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1");
        return services;
    }

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        // The contract is public; it holds no data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(ApiAuthorisation.PolicyName);
        v1.MapPersonsApi();
        v1.MapFollowUpsApi();
        v1.MapConversationsApi();
        v1.MapAdministrationApi();
        v1.MapPrivacyApi();
        v1.MapAlertsApi();
        v1.MapMentorsApi();
        v1.MapFamiliesApi();
        v1.MapWorkSurfacesApi();
        v1.MapPlansApi();
        return app;
    }
}
