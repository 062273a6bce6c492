using CaseManagement.Application.Features.Administration;
using CaseManagement.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>/api/v1/admin and /api/v1/units: users, roles and the organisation. No case content.</summary>
public static class AdministrationApi
{
    public static RouteGroupBuilder MapAdministrationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListUnits(), ct)))
            .WithTags("Reference data");

        var admin = api.MapGroup("/admin").WithTags("Administration");
        // The answer carries the one-time activation token (ADR-026); a repeat with the same Idempotency-Key does not.
        admin.MapPost("/users", async ([FromBody] CreateUserBody body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new CreateUser(body.UserName, body.DisplayName, body.UnitId, body.Roles, body.Email), ct);
            return TypedResults.Created($"/api/v1/admin/users/{created.Id}", created);
        });
        admin.MapPost("/users/{id:guid}/invitation", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResendInvitation(id), ct)));
        admin.MapDelete("/users/{id:guid}/invitation", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RevokeInvitation(id), ct)));
        admin.MapGet("/users", async ([FromQuery] string? search, [FromQuery] int? page, [FromQuery] int? pageSize, [FromQuery] Guid? unitId, [FromQuery] Role? role,
                IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListUsers(search, page ?? 1, pageSize ?? 50, unitId, role), ct)));
        // A new activation link in place of the password: the answer carries the one-time token, as for an invitation.
        admin.MapPost("/users/{id:guid}/password-reset", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResetPasswordByLink(id), ct)));
        admin.MapPut("/users/{id:guid}/disabled", async (Guid id, [FromBody] DisabledBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserDisabled(id, body.Disabled), ct)));
        admin.MapPut("/users/{id:guid}/roles", async (Guid id, [FromBody] RolesBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserRoles(id, body.Roles), ct)));
        // The identity number travels in the body, never in the URL.
        admin.MapPut("/users/{id:guid}/personal-details", async (Guid id, [FromBody] PersonalDetailsBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserPersonalDetails(id, body.NationalIdentityNumber, body.FamilyName, body.HomeAddress), ct)));
        // The identity at an external provider that signs in as this user (ADR-016); the provider is its scheme name.
        admin.MapPut("/users/{id:guid}/external-identities/{provider}", async (Guid id, string provider, [FromBody] ExternalIdentityBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new LinkExternalIdentity(id, provider, body.Subject ?? ""), ct)));
        admin.MapDelete("/users/{id:guid}/external-identities/{provider}", async (Guid id, string provider, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UnlinkExternalIdentity(id, provider), ct)));
        // Actions without a body: the administrator's way back in for a locked-out user or one who lost their authenticator.
        admin.MapPost("/users/{id:guid}/unlock", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UnlockUser(id), ct)));
        admin.MapPost("/users/{id:guid}/require-reenrolment", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RequireReEnrolment(id), ct)));
        admin.MapClientsApi();
        admin.MapReferenceData();
        return api;
    }
}

public sealed record ExternalIdentityBody(string? Subject);

/// <summary>Units of the administrator's own agency (ADR-027) and the shared catalogue of legal bases (ADR-028).</summary>
public static class ReferenceDataApi
{
    public static RouteGroupBuilder MapReferenceData(this RouteGroupBuilder admin)
    {
        admin.MapGet("/units", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListAdministeredUnits(), ct)));
        admin.MapPost("/units", async ([FromBody] UnitBody body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new CreateUnit(body.Name, body.Kind), ct);
            return TypedResults.Created($"/api/v1/admin/units/{created.Id}", created);
        });
        admin.MapPut("/units/{id:guid}", async (Guid id, [FromBody] UnitBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RenameUnit(id, body.Name, body.Kind), ct)));
        admin.MapPost("/units/{id:guid}/move-users", async (Guid id, [FromBody] MoveUsersBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MoveUnitUsers(id, body.ToUnitId ?? Guid.Empty), ct)));
        admin.MapPost("/units/{id:guid}/deactivate", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DeactivateUnit(id), ct)));

        admin.MapGet("/legal-bases", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListLegalBasisCatalogue(), ct)));
        admin.MapPost("/legal-bases", async ([FromBody] LegalBasisBody body, IMediator mediator, CancellationToken ct) =>
        {
            var added = await mediator.Send(new AddLegalBasis(body.Code, body.Title, body.Law, body.Section, body.Summary, body.ValidFrom, body.ValidTo), ct);
            return TypedResults.Created($"/api/v1/admin/legal-bases/{added.Id}", added);
        });
        admin.MapPost("/legal-bases/{id:guid}/retire", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RetireLegalBasis(id), ct)));
        return admin;
    }
}

public sealed record UnitBody(string? Name, CaseManagement.Domain.Organisation.UnitKind? Kind);

public sealed record MoveUsersBody(Guid? ToUnitId);

public sealed record LegalBasisBody(string? Code, string? Title, string? Law, string? Section, string? Summary, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record CreateUserBody(string? UserName, string? DisplayName, Guid UnitId, IReadOnlyList<Role>? Roles, string? Email);

public sealed record DisabledBody(bool Disabled);

public sealed record RolesBody(IReadOnlyList<Role> Roles);

public sealed record PersonalDetailsBody(string? NationalIdentityNumber = null, string? FamilyName = null, string? HomeAddress = null);

/// <summary>
/// /api/v1/admin/clients: integration clients of the administrator's own agency (ADR-029). A register or rotate answer
/// carries the secret once; a repeat with the same Idempotency-Key does not.
/// </summary>
public static class ClientsApi
{
    public static RouteGroupBuilder MapClientsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/clients", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListClients(), ct)));
        admin.MapGet("/clients/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetClient(id), ct)));
        admin.MapPost("/clients/confidential", async ([FromBody] ConfidentialClientBody body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new RegisterConfidentialClient(body.ClientId, body.DisplayName, body.UnitId, body.Capabilities), ct);
            return TypedResults.Created($"/api/v1/admin/clients/{created.Id}", created);
        });
        admin.MapPost("/clients/public", async ([FromBody] PublicClientBody body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new RegisterPublicClient(body.ClientId, body.DisplayName, body.RedirectUris), ct);
            return TypedResults.Created($"/api/v1/admin/clients/{created.Id}", created);
        });
        admin.MapPost("/clients/{id:guid}/secret", async (Guid id, [FromBody] RotateSecretBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RotateClientSecret(id, body.OverlapHours), ct)));
        admin.MapPut("/clients/{id:guid}/disabled", async (Guid id, [FromBody] DisabledBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetClientDisabled(id, body.Disabled), ct)));
        return admin;
    }
}

public sealed record ConfidentialClientBody(string? ClientId, string? DisplayName, Guid UnitId, IReadOnlyList<Capability>? Capabilities);

public sealed record PublicClientBody(string? ClientId, string? DisplayName, IReadOnlyList<string>? RedirectUris);

public sealed record RotateSecretBody(int OverlapHours);
