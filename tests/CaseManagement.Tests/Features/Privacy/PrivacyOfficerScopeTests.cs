using CaseManagement.Application.Auditing;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Features.Conversations;
using CaseManagement.Tests.Support.Databases;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>
/// ADR-018 (issue 13, finding 2): each privacy officer oversees their own agency, the data controller, in every unit
/// of it, and nothing of the other agency; within it they see who, when, why and which field, never the case content.
/// Real subjects: a police person with a concluded police conversation, made through the commands.
/// </summary>
public sealed class PrivacyOfficerScopeTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Free text written by <see cref="ConversationTestData.ConcludedConversationAsync"/>: case content.</summary>
    private static readonly string[] ConversationTexts = ["Bekymring fra skolen.", "Sier han bare er nysgjerrig.", "Henvises til mentor.", "Mye tid på lukkede forum.", "Ola Nordmann"];

    /// <summary>A police person with a concluded conversation, a night-time read of them, and a municipal user's emergency access.</summary>
    private static async Task<(OpenCase Case, Guid Grant)> PoliceSubjectAsync(CaseHarness h)
    {
        var police = await h.PoliceOfficerAsync();
        var policeCase = await h.OpenCaseAsync(police);
        await h.ConcludedConversationAsync(police, policeCase.FollowUpId);
        // 00:00 in Oslo: outside working hours, so the review queue flags it.
        await h.AddEntriesAsync(PrivacyTestData.Entry(police, AccessTestData.PoliceUnit, DemoData.PoliceDistrict, policeCase.PersonId, h.Clock.GetUtcNow().AddHours(-10)));
        var grantee = await h.MunicipalCaseWorkerAsync();
        var grant = Guid.CreateVersion7();
        await h.WithDbAsync(async db =>
        {
            db.EmergencyAccesses.Add(EmergencyAccess.Grant(grant, grantee, policeCase.FollowUpId, AccessTestData.EmergencyReason, h.Clock.GetUtcNow()));
            return await db.SaveChangesAsync(Ct);
        });
        return (policeCase, grant);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_municipal_privacy_officer_finds_nothing_of_a_police_person(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var start = h.Clock.GetUtcNow().AddHours(-12);
        var (policeCase, grant) = await PoliceSubjectAsync(h);
        var officer = await h.PrivacyOfficerAsync();

        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new ChangeHistoryForPerson(policeCase.PersonId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new AccessReportForPerson(policeCase.PersonId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new SearchAudit(PersonId: policeCase.PersonId)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new SearchAudit(UserId: policeCase.Lead)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(officer, new MarkAccessReviewed(grant, "Vurdert av feil ombud.")));

        // Neither listed nor counted: the police officer's events, the night-time read, the emergency access.
        var events = await h.SendAsync(officer, new SearchAudit(From: start, PageSize: 100));
        Assert.DoesNotContain(events.Items, e => e.UserId == policeCase.Lead);
        Assert.True(events.TotalCount <= 100, "The period holds one page.");
        var queue = await h.SendAsync(officer, new AccessReviewQueue(start, h.Clock.GetUtcNow().AddMinutes(1), PageSize: 100));
        Assert.DoesNotContain(queue.Items, i => i.PersonId == policeCase.PersonId || i.EmergencyAccessId == grant || i.UserId == policeCase.Lead);
        Assert.Equal(queue.Items.Count, queue.TotalCount);
        Assert.Null(await h.WithDbAsync(db => Task.FromResult(db.EmergencyAccesses.Single(e => e.Id == grant).ReviewedAt)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_police_privacy_officer_of_another_unit_sees_who_when_and_which_field_but_no_case_content(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var start = h.Clock.GetUtcNow().AddHours(-12);
        var (policeCase, grant) = await PoliceSubjectAsync(h);
        // Another unit of the same agency: the agency is the data controller, not the unit.
        var officer = await h.CreateUserAsync(Role.PrivacyOfficer, AccessTestData.OtherPoliceUnit);

        var history = await h.SendAsync(officer, new ChangeHistoryForPerson(policeCase.PersonId, PageSize: 100));
        Assert.True(history.TotalCount <= 100, "One page holds the history.");
        Assert.Contains(history.Items, c => c.EntityType == "Conversation" && c.UserId == policeCase.Lead);
        Assert.Contains(history.Items, c => c.MessageName == "SaveConversationRecord" && c.Field != "");
        var values = history.Items.SelectMany(c => new[] { c.OldValue, c.NewValue }).OfType<string>().ToList();
        foreach (var text in ConversationTexts)
        {
            Assert.DoesNotContain(values, v => v.Contains(text, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(history.Items, c => c.WasEncrypted && (c.OldValue ?? c.NewValue) is not null);
        Assert.DoesNotContain(policeCase.FamilyName, values);
        Assert.DoesNotContain(policeCase.NationalIdentityNumber, values);

        var events = await h.SendAsync(officer, new SearchAudit(PersonId: policeCase.PersonId));
        Assert.Contains(events.Items, e => e.MessageName == "SaveConversationConclusion");
        Assert.Contains(events.Items, e => e.MessageName == "RegisterConversation");
        // The police district's own officer sees its own users' reads (the police decides on withholding outside the report).
        var report = await h.SendAsync(officer, new AccessReportForPerson(policeCase.PersonId));
        Assert.Contains(report.Items, r => r.Purpose == AccessPurpose.NormalWork);
        var queue = await h.SendAsync(officer, new AccessReviewQueue(start, h.Clock.GetUtcNow().AddMinutes(1), PageSize: 100));
        Assert.Contains(queue.Items, i => i.EmergencyAccessId == grant);
        Assert.Contains(queue.Items, i => i.Kind == ReviewKind.OutsideWorkingHours && i.PersonId == policeCase.PersonId);
        Assert.Equal(grant, (await h.SendAsync(officer, new MarkAccessReviewed(grant, "Vurdert og i orden."))).EmergencyAccessId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_municipal_privacy_officer_oversees_persons_of_their_own_unit_and_of_another_municipal_unit(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PrivacyOfficerAsync();
        var ownUnit = await h.OpenCaseAsync(await h.CreateUserAsync(Role.PreventionCoordinator, DemoData.Slt));
        var otherUnit = await h.OpenCaseAsync(await h.MunicipalCaseWorkerAsync(AccessTestData.OtherMunicipalUnit));

        foreach (var (subject, unit) in new[] { (ownUnit, DemoData.Slt), (otherUnit, AccessTestData.OtherMunicipalUnit) })
        {
            await h.AddEntriesAsync(PrivacyTestData.Entry(subject.Lead, unit, DemoData.Municipality, subject.PersonId, h.Clock.GetUtcNow()));
            var history = await h.SendAsync(officer, new ChangeHistoryForPerson(subject.PersonId));
            Assert.Contains(history.Items, c => c.EntityType == "Person" && c.Field == "FamilyName" && c.UserId == subject.Lead);
            // Who, when and which field; the name and the number are personal data the oversight does not need.
            Assert.DoesNotContain(history.Items, c => c.NewValue == subject.FamilyName || c.NewValue == subject.NationalIdentityNumber);
            Assert.Contains(history.Items, c => c.EntityType == "FollowUp" && c.Field == "Status" && c.NewValue is not null);
            Assert.Contains((await h.SendAsync(officer, new SearchAudit(PersonId: subject.PersonId))).Items, e => e.MessageName == "OpenFollowUp");
            Assert.Contains((await h.SendAsync(officer, new SearchAudit(UserId: subject.Lead))).Items, e => e.MessageName == "RegisterPerson");
            Assert.Contains((await h.SendAsync(officer, new AccessReportForPerson(subject.PersonId))).Items, r => r.Section == "Person" && r.UnitName != "");
        }
    }
}
