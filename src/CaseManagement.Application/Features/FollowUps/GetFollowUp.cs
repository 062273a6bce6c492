using CaseManagement.Application.Access;
using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.FollowUps;

/// <summary>One follow-up as the user may see it: the person, status, team, and on what ground the user sees it.</summary>
[Requires(Capability.ReadFollowUps)]
public sealed record GetFollowUp(Guid FollowUpId) : IQuery<FollowUpView>;

public sealed record TeamMemberView(Guid UserId, string DisplayName, string UnitName, TeamRole Role);

public sealed record ConsentView(
    Guid Id, ConsentGiver GivenBy, string? GiverName, Guid ToUnitId, string ToUnitName, RecordKinds RecordKinds, string Purpose,
    bool Refused, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset? WithdrawnAt, bool IsActive);

public sealed record DisclosureView(
    Guid Id, Guid ToUnitId, string ToUnitName, RecordKinds RecordKinds, Guid? ConsentId, string? LegalBasisCode, string Reason,
    DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset? EndedAt, bool IsActive);

public sealed record FollowUpView(
    Guid Id,
    Guid PersonId,
    string PersonName,
    DateOnly PersonDateOfBirth,
    string AgencyName,
    FollowUpStatus Status,
    ConcernSource ConcernSource,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    CloseReason? CloseReason,
    AccessBasis AccessBasis,
    RecordKinds VisibleKinds,
    bool CanWrite,
    bool IsLead,
    IReadOnlyList<TeamMemberView> Team,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<DisclosureView> Disclosures,
    string Version);

internal sealed class GetFollowUpValidator : AbstractValidator<GetFollowUp>
{
    public GetFollowUpValidator() => RuleFor(x => x.FollowUpId).NotEmpty();
}

internal sealed class GetFollowUpHandler(CaseDbContext db, CurrentUser currentUser, TimeProvider clock, AccessLogger accessLog)
    : IQueryHandler<GetFollowUp, FollowUpView>
{
    public async ValueTask<FollowUpView> Handle(GetFollowUp query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required;
        var now = clock.GetUtcNow();
        var grant = await AccessDecision.RequireAsync(db, user, query.FollowUpId, RecordKinds.FollowUp, now, cancellationToken);
        await accessLog.RecordAsync(new AccessRecord(grant.PersonId, grant.FollowUpId, "FollowUp", AccessDecision.PurposeOf(grant.Basis)), cancellationToken);

        // Tracked only to read its version; the team comes from the join below, with names and units.
        var followUp = await db.FollowUps.SingleAsync(f => f.Id == grant.FollowUpId, cancellationToken);
        var version = ConcurrencyTokens.Read(db.Entry(followUp));
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == followUp.PersonId)
            .Select(p => new { Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth }).SingleAsync(cancellationToken);
        var agencyName = await db.Agencies.Where(a => a.Id == followUp.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);

        var team = await (
                from m in db.TeamMembers.AsNoTracking()
                join u in db.Users on m.UserId equals u.Id
                join unit in db.Units on u.UnitId equals unit.Id
                where m.FollowUpId == followUp.Id
                orderby m.AddedAt
                select new TeamMemberView(u.Id, u.DisplayName, unit.Name, m.Role))
            .ToListAsync(cancellationToken);

        // Consents and disclosures are the owning team's business; a disclosed or emergency reader sees neither.
        var consents = new List<ConsentView>();
        var disclosures = new List<DisclosureView>();
        if (grant.Basis == AccessBasis.TeamMember)
        {
            var consentRows = await (
                    from c in db.Consents.AsNoTracking()
                    join unit in db.Units on c.ToUnitId equals unit.Id
                    where c.FollowUpId == followUp.Id
                    orderby c.RecordedAt
                    select new { c, UnitName = unit.Name })
                .ToListAsync(cancellationToken);
            consents = consentRows.Select(r => new ConsentView(
                r.c.Id, r.c.GivenBy, r.c.GiverName, r.c.ToUnitId, r.UnitName, r.c.RecordKinds, r.c.Purpose, r.c.Refused,
                r.c.ValidFrom, r.c.ValidTo, r.c.WithdrawnAt, r.c.IsActiveAt(now))).ToList();

            var disclosureRows = await (
                    from d in db.Disclosures.AsNoTracking()
                    join unit in db.Units on d.ToUnitId equals unit.Id
                    join basis in db.LegalBases on d.LegalBasisId equals basis.Id into bases
                    from basis in bases.DefaultIfEmpty()
                    where d.FollowUpId == followUp.Id
                    orderby d.GrantedAt
                    select new { d, UnitName = unit.Name, BasisCode = basis == null ? null : basis.Code })
                .ToListAsync(cancellationToken);
            var activeConsents = consents.Where(c => c.IsActive).Select(c => c.Id).ToHashSet();
            disclosures = disclosureRows.Select(r => new DisclosureView(
                r.d.Id, r.d.ToUnitId, r.UnitName, r.d.RecordKinds, r.d.ConsentId, r.BasisCode, r.d.Reason, r.d.ValidFrom, r.d.ValidTo, r.d.EndedAt,
                r.d.EndedAt is null && r.d.ValidFrom <= now && r.d.ValidTo > now && (r.d.ConsentId is null || activeConsents.Contains(r.d.ConsentId.Value)))).ToList();
        }

        return new FollowUpView(
            followUp.Id, followUp.PersonId, person.Name, person.DateOfBirth, agencyName, followUp.Status, followUp.ConcernSource,
            followUp.OpenedAt, followUp.ClosedAt, followUp.CloseReason, grant.Basis, grant.Kinds, grant.CanWrite, grant.IsLead,
            team, consents, disclosures, version);
    }
}
