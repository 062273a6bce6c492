using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Sharing;

/// <summary>The lead ends a disclosure before its period runs out. The unit loses access on its next operation.</summary>
[Requires(Capability.ManageDisclosures)]
public sealed record EndDisclosure(Guid FollowUpId, Guid DisclosureId) : ICommand<DisclosureEnded>;

public sealed record DisclosureEnded(Guid Id);

internal sealed class EndDisclosureValidator : AbstractValidator<EndDisclosure>
{
    public EndDisclosureValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.DisclosureId).NotEmpty();
    }
}

internal sealed class EndDisclosureHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<EndDisclosure, DisclosureEnded>
{
    public async ValueTask<DisclosureEnded> Handle(EndDisclosure command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        // Ending a disclosure only ever narrows access, so it is allowed on a closed follow-up too.
        await AccessDecision.RequireAsync(db, user, command.FollowUpId, RecordKinds.FollowUp, now, cancellationToken, write: true, lead: true, messageName: nameof(EndDisclosure));
        var disclosure = await db.Disclosures.SingleOrDefaultAsync(d => d.Id == command.DisclosureId && d.FollowUpId == command.FollowUpId, cancellationToken)
            ?? throw new NotFoundException("Disclosure");
        disclosure.End(now);
        return new DisclosureEnded(disclosure.Id);
    }
}
