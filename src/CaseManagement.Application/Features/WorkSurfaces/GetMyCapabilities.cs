using CaseManagement.Application.Common;
using CaseManagement.Domain.Access;
using Mediator;

namespace CaseManagement.Application.Features.WorkSurfaces;

/// <summary>
/// What the signed-in user's roles allow, for the navigation: the menu shows only what the user can use. It decides
/// nothing: every message is still checked by the pipeline. Needs only what every role has (the organisation).
/// </summary>
[Requires(Capability.ReadOrganisation)]
public sealed record GetMyCapabilities : IQuery<MyCapabilities>;

public sealed record MyCapabilities(string DisplayName, IReadOnlySet<Role> Roles, IReadOnlySet<Capability> Capabilities)
{
    public bool Can(Capability capability) => Capabilities.Contains(capability);
}

internal sealed class GetMyCapabilitiesHandler(CurrentUser currentUser) : IQueryHandler<GetMyCapabilities, MyCapabilities>
{
    public ValueTask<MyCapabilities> Handle(GetMyCapabilities query, CancellationToken cancellationToken)
    {
        // The pipeline has just read the user's roles from the database; nothing more to read.
        var user = currentUser.Required;
        return ValueTask.FromResult(new MyCapabilities(user.DisplayName, user.Roles, user.Capabilities));
    }
}
