using CaseManagement.Application.Common;
using CaseManagement.Application.Features.Persons;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CaseManagement.Web.Api;

/// <summary>
/// /api/v1/persons: the same commands and queries as the pages, through the same pipeline. The national identity
/// number is only ever taken in a body (search is a POST), never in a URL.
/// </summary>
public static class PersonsApi
{
    public static RouteGroupBuilder MapPersonsApi(this RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Persons");

        persons.MapGet("/", async ([FromQuery] string? name, [FromQuery] int? page, [FromQuery] int? pageSize, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new FindPersons(name, null, page ?? 1, pageSize ?? 20), ct)))
            .WithName("ListPersons");

        persons.MapPost("/search", async ([FromBody] PersonSearch body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new FindPersons(body.Name, body.NationalIdentityNumber, body.Page ?? 1, body.PageSize ?? 20), ct)))
            .WithName("SearchPersons");

        persons.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var person = await mediator.Send(new GetPerson(id), ct);
                http.Response.Headers.ETag = $"\"{person.Version}\"";
                return TypedResults.Ok(person);
            })
            .WithName("GetPerson");

        persons.MapPost("/", async ([FromBody] RegisterPerson command, IMediator mediator, CancellationToken ct) =>
            {
                var registered = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/persons/{registered.Id}", registered);
            })
            .WithName("RegisterPerson");

        persons.MapPut("/{id:guid}", async (Guid id, [FromBody] PersonCorrection body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(body.ToCommand(id), ct)))
            .WithName("CorrectPersonDetails");

        return api;
    }
}

/// <summary>Search body: the identity number stays out of URLs and access logs.</summary>
public sealed record PersonSearch(string? Name = null, string? NationalIdentityNumber = null, int? Page = null, int? PageSize = null);

/// <summary>The correction body; the id comes from the route, so a body cannot redirect the edit elsewhere.</summary>
public sealed record PersonCorrection(
    string Version,
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth = null,
    string? NationalIdentityNumber = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? PreferredLanguage = null,
    bool NeedsInterpreter = false,
    IReadOnlyList<GuardianInput>? Guardians = null)
{
    public CorrectPersonDetails ToCommand(Guid id) => new(
        id, Version, GivenName, FamilyName, DateOfBirth, NationalIdentityNumber, Phone, Email, Address, PreferredLanguage, NeedsInterpreter, Guardians);
}
