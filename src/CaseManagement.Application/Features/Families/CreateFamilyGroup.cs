using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Families;
using FluentValidation;
using Mediator;

namespace CaseManagement.Application.Features.Families;

/// <summary>A parent or network group, run by the user's unit. Its name is group-level: never a family's name.</summary>
[Requires(Capability.GuideFamilies)]
public sealed record CreateFamilyGroup(string Name) : ICommand<FamilyGroupCreated>;

public sealed record FamilyGroupCreated(Guid Id);

internal sealed class CreateFamilyGroupValidator : AbstractValidator<CreateFamilyGroup>
{
    public CreateFamilyGroupValidator() => RuleFor(x => x.Name).NotEmpty().SingleLine(FamilyGroup.NameMaxLength);
}

internal sealed class CreateFamilyGroupHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock) : ICommandHandler<CreateFamilyGroup, FamilyGroupCreated>
{
    public ValueTask<FamilyGroupCreated> Handle(CreateFamilyGroup command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var group = FamilyGroup.Create(Guid.CreateVersion7(), user.UnitId, TextRules.Clean(command.Name)!, user.UserId, clock.GetUtcNow());
        db.FamilyGroups.Add(group);
        return ValueTask.FromResult(new FamilyGroupCreated(group.Id));
    }
}
