using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Conversations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>
/// Reviews an agreement: kept, not kept, cancelled, or still active with the next review date; a note each time.
/// </summary>
[Requires(Capability.HoldConversations)]
public sealed record ReviewAgreement(
    Guid AgreementId,
    string Version,
    AgreementStatus Status,
    string Note,
    DateOnly? NextReviewOn = null) : ICommand<AgreementReviewed>;

public sealed record AgreementReviewed(Guid Id);

internal sealed class ReviewAgreementValidator : AbstractValidator<ReviewAgreement>
{
    public ReviewAgreementValidator()
    {
        RuleFor(x => x.AgreementId).NotEmpty();
        RuleFor(x => x.Version).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Status).IsInEnum().WithMessage(_ => Messages.Value_NotInList);
        RuleFor(x => x.Note).NotEmpty().MaximumLength(AgreementReview.NoteMaxLength);
        RuleFor(x => x.NextReviewOn).NotNull().When(x => x.Status == AgreementStatus.Active).WithMessage(_ => Messages.Conv_ReviewDateRequired);
        RuleFor(x => x.NextReviewOn).Null().When(x => x.Status != AgreementStatus.Active).WithMessage(_ => Messages.Conv_NextReviewOnlyActive);
    }
}

internal sealed class ReviewAgreementHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ReviewAgreement, AgreementReviewed>
{
    public async ValueTask<AgreementReviewed> Handle(ReviewAgreement command, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var conversationId = await db.Agreements.Where(a => a.Id == command.AgreementId).Select(a => (Guid?)a.ConversationId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Agreement");
        await ConversationWrites.LoadAsync(db, user, conversationId, nameof(ReviewAgreement), now, cancellationToken);
        var agreement = await db.Agreements.Include(a => a.Reviews).SingleAsync(a => a.Id == command.AgreementId, cancellationToken);
        ConcurrencyTokens.ExpectVersion(db.Entry(agreement), command.Version, "Agreement");
        if (agreement.Status != AgreementStatus.Active)
        {
            throw new RuleViolationException(nameof(command.Status), Messages.Conv_AgreementNotActive);
        }

        var today = OsloTime.DateOf(now);
        if (command.NextReviewOn is { } next && next <= today)
        {
            throw new RuleViolationException(nameof(command.NextReviewOn), Messages.Conv_ReviewDateInPast);
        }

        var review = agreement.Review(Guid.CreateVersion7(), command.Status, TextRules.Clean(command.Note)!, command.NextReviewOn, today, user.UserId, now);
        // Added explicitly: a review is a new row even though it hangs under a loaded agreement.
        db.AgreementReviews.Add(review);
        return new AgreementReviewed(review.Id);
    }
}
