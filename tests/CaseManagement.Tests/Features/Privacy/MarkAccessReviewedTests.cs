using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Auditing;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>R6/R25: the privacy officer marks an emergency access as reviewed with a note; it leaves the open queue.</summary>
public sealed class MarkAccessReviewedTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Guid Grant, Guid Person, DateTimeOffset At)> GrantAsync(CaseHarness h, Guid grantee)
    {
        var police = await h.PoliceOfficerAsync();
        var person = await h.RegisterAsync(police, PersonTestData.Adult("Nød", PersonTestData.UniqueWord(), withNumber: false));
        var followUp = (await h.SendAsync(police, new OpenFollowUp(person, ConcernSource.OtherAgency))).Id;
        var at = h.Clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        await h.WithDbAsync(async db =>
        {
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(id, grantee, followUp, "Akutt fare for liv, ansvarlig er ikke å nå.", at));
            await db.SaveChangesAsync(Ct);
        });
        return (id, person, at);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reviewed_emergency_access_leaves_the_queue_with_its_note_stored_encrypted_and_audited(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PolicePrivacyOfficerAsync(h);
        var worker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var (grant, person, at) = await GrantAsync(h, worker);
        var queue = await h.SendAsync(officer, new AccessReviewQueue(at.AddMinutes(-1), at.AddMinutes(1)));
        Assert.Equal(grant, Assert.Single(queue.Items, i => i.Kind == ReviewKind.EmergencyAccess && i.UserId == worker).EmergencyAccessId);
        const string note = "Vurdert: begrunnelsen holder, lederen bekreftet situasjonen.";

        var reviewed = await h.SendAsync(officer, new MarkAccessReviewed(grant, note));

        Assert.Equal(grant, reviewed.EmergencyAccessId);
        queue = await h.SendAsync(officer, new AccessReviewQueue(at.AddMinutes(-1), at.AddMinutes(1)));
        Assert.DoesNotContain(queue.Items, i => i.EmergencyAccessId == grant);
        var stored = await h.WithDbAsync(db => db.EmergencyAccesses.AsNoTracking().SingleAsync(e => e.Id == grant, Ct));
        Assert.Equal((officer, note, h.Clock.GetUtcNow()), (stored.ReviewedByUserId!.Value, stored.ReviewNote, stored.ReviewedAt!.Value));
        var events = await h.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.MessageName == nameof(MarkAccessReviewed)).ToListAsync(Ct));
        var change = Assert.Single(events.SelectMany(e => e.Changes), c => c.EntityId == grant.ToString() && c.Field == "ReviewNote");
        Assert.True(change.IsEncrypted);
        Assert.Equal(person, change.PersonId);
        Assert.Equal(note, AuditTestSupport.Protector().Unprotect(change.NewValue!));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_review_an_empty_note_an_unknown_grant_and_ones_own_grant_are_refused(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PolicePrivacyOfficerAsync(h);
        var worker = await h.CreateUserAsync(Role.CaseWorker, DemoData.Nav);
        var (grant, _, _) = await GrantAsync(h, worker);
        var (own, _, _) = await GrantAsync(h, officer);

        var empty = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new MarkAccessReviewed(grant, "  ")));
        Assert.Contains(empty.Errors, e => e.PropertyName == nameof(MarkAccessReviewed.Note));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new MarkAccessReviewed(Guid.CreateVersion7(), "Ok.")));
        var ownRefused = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(officer, new MarkAccessReviewed(own, "Ok.")));
        Assert.Equal(nameof(MarkAccessReviewed.EmergencyAccessId), ownRefused.Field);
        await h.SendAsync(officer, new MarkAccessReviewed(grant, "Første vurdering."));
        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(officer, new MarkAccessReviewed(grant, "Andre vurdering.")));

        var stored = await h.WithDbAsync(db => db.EmergencyAccesses.AsNoTracking().Where(e => e.Id == grant || e.Id == own).ToListAsync(Ct));
        Assert.Equal("Første vurdering.", stored.Single(e => e.Id == grant).ReviewNote);
        Assert.Null(stored.Single(e => e.Id == own).ReviewedAt);
    }
}
