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
            // Local times without an offset are Oslo time; a time that does not exist there, or exists twice, is refused.
            o.SerializerOptions.Converters.Add(new OsloDateTimeOffsetConverter());
            // A field the API does not know is refused, so nobody can try to set owner, agency or team.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        // Malformed bodies throw, so ProblemMapping can answer them with problem details instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            // Every create takes an optional Idempotency-Key (R30); the filter uses the same test (201 Created).
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
                && context.Description.SupportedResponseTypes.Any(r => r.StatusCode == StatusCodes.Status201Created))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = IdempotencyFilter.HeaderName,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = false,
                    Description = "Optional. 1-255 visible ASCII characters (e.g. a UUID), unique per create. A repeat with the same key "
                        + "and the same request within 24 hours gets the first answer again (header Idempotent-Replayed: true) and creates "
                        + "nothing; the same key with another request is refused with 422.",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 255 },
                });
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        // The contract is public; it holds no data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var v1 = app.MapGroup("/api/v1").RequireAuthorization(ApiAuthorisation.PolicyName)
            .AddEndpointFilterFactory(LocalTimeQueryFilter.Create)
            .AddEndpointFilterFactory(IdempotencyFilter.Create);
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
        v1.MapRecertificationApi();
        return app;
    }
}
