using CaseManagement.Application.Access;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Groups;

/// <summary>
/// Starts the follow-up's responsibility group (0..1) with the person's consent and a convenor from the team.
/// The person and the convenor become the first members.
/// </summary>
[Requires(Capability.WorkOnPlansAndGroups)]
public sealed record StartGroup(Guid FollowUpId, Guid ConvenorUserId, bool ConsentGiven, ConsentGiver ConsentGivenBy, DateOnly ConsentGivenOn)
    : ICommand<GroupStarted>, IUniqueRule
{
    public RuleViolationException Duplicate() => new(nameof(FollowUpId), Messages.Group_OnePerFollowUp);
}

public sealed record GroupStarted(Guid Id);

internal sealed class StartGroupValidator : AbstractValidator<StartGroup>
{
    public StartGroupValidator()
    {
        RuleFor(x => x.FollowUpId).NotEmpty();
        RuleFor(x => x.ConvenorUserId).NotEmpty().WithMessage(_ => Messages.Group_ConvenorRequired);
        RuleFor(x => x.ConsentGiven).Equal(true).WithMessage(_ => Messages.Group_ConsentRequired);
        RuleFor(x => x.ConsentGivenBy).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
    }
}

internal sealed class StartGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<StartGroup, GroupStarted>
{
    public async ValueTask<GroupStarted> Handle(StartGroup command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.RequireAsync(
            db, user, command.FollowUpId, RecordKinds.ResponsibilityGroup, now, cancellationToken, write: true, messageName: nameof(StartGroup));
        var followUp = await db.FollowUps.AsNoTracking().Include(f => f.Team).SingleAsync(f => f.Id == grant.FollowUpId, cancellationToken);
        if (followUp.Status == FollowUpStatus.Closed)
        {
            throw new RuleViolationException(nameof(command.FollowUpId), Messages.FollowUp_Closed);
        }

        if (await db.ResponsibilityGroups.AnyAsync(g => g.FollowUpId == followUp.Id, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.FollowUpId), Messages.Group_OnePerFollowUp);
        }

        if (!followUp.HasMember(command.ConvenorUserId))
        {
            throw new RuleViolationException(nameof(command.ConvenorUserId), Messages.Group_ConvenorNotOnTeam);
        }

        var group = new ResponsibilityGroup(Guid.CreateVersion7(), followUp.Id, followUp.PersonId, command.ConvenorUserId, command.ConsentGivenBy, command.ConsentGivenOn, now);
        db.ResponsibilityGroups.Add(group);
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == followUp.PersonId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(cancellationToken);
        var convenor = await db.Users.AsNoTracking().Where(u => u.Id == command.ConvenorUserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        db.GroupMembers.Add(new GroupMember(
            Guid.CreateVersion7(), group.Id, ParticipantKind.Person, person, null, Messages.Group_PersonFunction, Messages.Group_PersonFunction, now, null));
        db.GroupMembers.Add(new GroupMember(
            Guid.CreateVersion7(), group.Id, ParticipantKind.Service, convenor, command.ConvenorUserId, Messages.Group_ConvenorFunction, Messages.Group_ConvenorFunction, now, null));
        return new GroupStarted(group.Id);
    }
}
