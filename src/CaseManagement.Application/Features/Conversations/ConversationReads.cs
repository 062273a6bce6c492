using System.Linq.Expressions;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Conversations;

/// <summary>Read shapes shared by the conversation and the follow-up overview. Callers have decided access.</summary>
internal static class ConversationReads
{
    public static async Task<List<AgreementView>> AgreementsAsync(CaseDbContext db, Expression<Func<Agreement, bool>> filter, CancellationToken ct)
    {
        var rows = await db.Agreements.Include(a => a.Reviews).Where(filter)
            .Join(db.Conversations, a => a.ConversationId, c => c.Id, (a, c) => new { a, c.Date })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.a.ReviewOn).ThenBy(r => r.a.CreatedAt)
            .Select(r => new AgreementView(
                r.a.Id, r.a.ConversationId, r.Date, r.a.Text, r.a.Responsible, r.a.ResponsibleName, r.a.ReviewOn, r.a.Status,
                r.a.Reviews.OrderBy(v => v.ReviewedAt).Select(v => new AgreementReviewView(v.ReviewedOn, v.Status, v.Note)).ToList(),
                ConcurrencyTokens.Read(db.Entry(r.a))))
            .ToList();
    }
}
