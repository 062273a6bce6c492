using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Groups;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Features.Plans;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Features.Groups;

/// <summary>A responsibility group: consent first, meetings with minutes through draft → sent → approved, tasks, and ending it.</summary>
public sealed class GroupWorkflowTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record GroupCase(PlanCase Plan, Guid GroupId, Guid Outsider, Guid OutsiderMember, Guid PersonMember, Guid MeetingId);

    private static async Task<GroupCase> GroupCaseAsync(CaseHarness h)
    {
        var p = await h.PlanCaseAsync();
        var group = await h.SendAsync(p.Lead, new StartGroup(p.Case.FollowUpId, p.Lead, true, ConsentGiver.Person, h.Today));
        var outsider = await h.OutsideCaseWorkerAsync();
        var member = await h.SendAsync(p.Lead, new AddGroupMember(
            group.Id, ParticipantKind.Service, "Barnevernet", "Kontaktperson", true, "Referater og oppgaver", h.Clock.GetUtcNow().AddDays(180), outsider));
        var view = await h.SendAsync(p.Lead, new GetGroup(group.Id));
        var personMember = view.Members.Single(m => m.Kind == ParticipantKind.Person).Id;
        var meeting = await h.SendAsync(p.Lead, new ScheduleMeeting(group.Id, h.Clock.GetUtcNow().AddHours(-2), "1. Skole\n2. Fritid"));
        return new GroupCase(p, group.Id, outsider, member.Id, personMember, meeting.Id);
    }

    private static async Task<string> MeetingVersionAsync(CaseHarness h, GroupCase g) =>
        (await h.SendAsync(g.Plan.Lead, new GetGroup(g.GroupId))).Meetings.Single(m => m.Id == g.MeetingId).Version;

    private static async Task WriteMinutesAsync(CaseHarness h, GroupCase g, params string[] agreements) =>
        await h.SendAsync(g.Plan.Lead, new SaveMinutes(
            g.MeetingId, await MeetingVersionAsync(h, g), "1. Skole\n2. Fritid", "Skolen melder bedre oppmøte.", [g.PersonMember, g.OutsiderMember], [],
            agreements, h.Clock.GetUtcNow().AddDays(30)));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Minutes_go_from_draft_to_comment_to_approved_and_are_then_read_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        await WriteMinutesAsync(h, g, "Skolen gir leksehjelp to dager i uka.");
        await h.SendAsync(g.Plan.Lead, new AddGroupTask(g.MeetingId, "Søke om leksehjelp", g.OutsiderMember, h.Today.AddDays(7)));

        // The member sees neither the unfinished minutes nor can comment on a draft.
        var memberView = await h.SendAsync(g.Outsider, new GetGroup(g.GroupId));
        Assert.Null(memberView.Meetings.Single().Discussion);
        var notSent = await Assert.ThrowsAsync<RuleViolationException>(() => h.SendAsync(g.Outsider, new CommentOnMinutes(g.MeetingId, "Enig.")).AsTask());
        Assert.Equal(Messages.Group_MinutesNotSent, notSent.Message);

        await h.SendAsync(g.Plan.Lead, new SendMinutes(g.MeetingId));
        var sent = await Assert.ThrowsAsync<RuleViolationException>(() => WriteMinutesAsync(h, g, "Endret"));
        Assert.Equal(Messages.Group_MinutesSentReadOnly, sent.Message);
        await h.SendAsync(g.Outsider, new CommentOnMinutes(g.MeetingId, "Enig, men fristen bør være to uker."));
        await h.SendAsync(g.Plan.Lead, new ApproveMinutes(g.MeetingId));

        var version = await MeetingVersionAsync(h, g);
        var refused = new Func<Task>[]
        {
            () => h.SendAsync(g.Plan.Lead, new SaveMinutes(g.MeetingId, version, "Ny", "Ny tekst", [], [], [])).AsTask(),
            () => h.SendAsync(g.Outsider, new CommentOnMinutes(g.MeetingId, "For sent")).AsTask(),
            () => h.SendAsync(g.Plan.Lead, new AddGroupTask(g.MeetingId, "Ny oppgave", g.OutsiderMember, h.Today)).AsTask(),
            () => h.SendAsync(g.Plan.Lead, new ApproveMinutes(g.MeetingId)).AsTask(),
        };
        foreach (var attempt in refused)
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(attempt);
            Assert.Equal(Messages.Group_MinutesApprovedReadOnly, ex.Message);
        }

        var meeting = (await h.SendAsync(g.Outsider, new GetGroup(g.GroupId))).Meetings.Single();
        Assert.Equal(MinutesStatus.Approved, meeting.MinutesStatus);
        Assert.Equal("Skolen melder bedre oppmøte.", meeting.Discussion);
        Assert.Equal("Skolen gir leksehjelp to dager i uka.", Assert.Single(meeting.Agreements).Text);
        Assert.Equal([g.PersonMember, g.OutsiderMember], meeting.Present.Order());
        Assert.Single(meeting.Comments);
        Assert.Equal(version, meeting.Version);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_without_consent_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        var before = await h.CountAsync<GroupMember>();

        var ex = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(g.Plan.Lead, new AddGroupMember(
            g.GroupId, ParticipantKind.Relative, "Mor", "Pårørende", false, "Referater")).AsTask());

        Assert.Equal(Messages.Group_MemberNeedsConsent, Assert.Single(ex.Errors).ErrorMessage);
        Assert.Equal(before, await h.CountAsync<GroupMember>());
        var noConsent = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(g.Plan.Lead, new StartGroup(Guid.CreateVersion7(), g.Plan.Lead, false, ConsentGiver.Person, h.Today)).AsTask());
        Assert.Equal(Messages.Group_ConsentRequired, Assert.Single(noConsent.Errors).ErrorMessage);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ending_the_group_ends_the_members_access_at_once(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        Assert.Equal(g.OutsiderMember, (await h.SendAsync(g.Outsider, new GetGroup(g.GroupId))).MyMemberId);

        await h.SendAsync(g.Plan.Lead, new EndGroup(g.GroupId));

        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(g.Outsider, new GetGroup(g.GroupId)).AsTask());
        Assert.Empty(await h.SendAsync(g.Outsider, new MyPlansAndGroups()));
        // The team still reads the record; nothing more is written to it.
        var view = await h.SendAsync(g.Plan.Lead, new GetGroup(g.GroupId));
        Assert.NotNull(view.EndedAt);
        Assert.False(view.CanConvene);
        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => h.SendAsync(g.Plan.Lead, new ScheduleMeeting(g.GroupId, h.Clock.GetUtcNow(), "Nytt møte")).AsTask());
        Assert.Equal(Messages.Group_Ended, ex.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdrawing_a_members_consent_stops_their_access_at_once(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        await h.SendAsync(g.Outsider, new GetGroup(g.GroupId));

        await h.SendAsync(g.Plan.Lead, new WithdrawMemberConsent(g.GroupId, g.OutsiderMember));

        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(g.Outsider, new GetGroup(g.GroupId)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => h.SendAsync(g.Outsider, new CommentOnMinutes(g.MeetingId, "Etterpå")).AsTask());
        var member = (await h.SendAsync(g.Plan.Lead, new GetGroup(g.GroupId))).Members.Single(m => m.Id == g.OutsiderMember);
        Assert.False(member.ConsentActive);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_member_changes_their_own_tasks_only(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        var own = await h.SendAsync(g.Plan.Lead, new AddGroupTask(g.MeetingId, "Ringe skolen", g.OutsiderMember, h.Today.AddDays(3)));
        var persons = await h.SendAsync(g.Plan.Lead, new AddGroupTask(g.MeetingId, "Søke jobb", g.PersonMember, h.Today.AddDays(3)));

        await h.SendAsync(g.Outsider, new SetGroupTaskStatus(own.Id, GroupTaskStatus.Done));
        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => h.SendAsync(g.Outsider, new SetGroupTaskStatus(persons.Id, GroupTaskStatus.Done)).AsTask());

        Assert.Equal(Messages.Group_NotYourTask, ex.Message);
        var tasks = (await h.SendAsync(g.Plan.Lead, new GetGroup(g.GroupId))).Meetings.Single().Tasks.ToDictionary(t => t.Id);
        Assert.Equal(GroupTaskStatus.Done, tasks[own.Id].Status);
        Assert.Equal(GroupTaskStatus.Open, tasks[persons.Id].Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.SendAsync(g.Outsider, new ScheduleMeeting(g.GroupId, h.Clock.GetUtcNow(), "Eget møte")).AsTask());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_plan_measure_can_come_from_an_agreement_which_then_stays(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        await WriteMinutesAsync(h, g, "NAV skaffer praksisplass.");
        var plan = await h.SendAsync(g.Plan.Lead, new GetPlan(g.Plan.PlanId));
        var agreement = Assert.Single(plan.Agreements);
        var goal = await h.GoalAsync(g.Plan, "Jobb");

        var measure = await h.MeasureAsync(g.Plan.Lead, PlanTestData.Measure(g.Plan, goal, agreement.Text, g.Plan.CoordinatorParticipantId, h.Today)
            with { FromAgreementId = agreement.Id });

        Assert.Equal(agreement.Id, (await h.SendAsync(g.Plan.Lead, new GetPlan(g.Plan.PlanId))).Measures.Single(m => m.Id == measure).FromAgreementId);
        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => WriteMinutesAsync(h, g, "Noe annet"));
        Assert.Equal(Messages.Group_AgreementInPlan, ex.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Due_items_name_minutes_to_send_and_comment_tasks_revisions_and_expiring_consents(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var g = await GroupCaseAsync(h);
        var expiring = await h.OutsideCaseWorkerAsync();
        await h.ParticipantAsync(g.Plan, expiring, consent: true, validFor: TimeSpan.FromDays(10));
        await WriteMinutesAsync(h, g);

        var lead = await DueAsync(h, g.Plan.Lead);
        Assert.Contains(lead, i => i.Kind == DueKind.MinutesToSend && i.SourceId == g.MeetingId);
        Assert.Contains(lead, i => i.Kind == DueKind.ConsentExpiring && i.Link == $"/planer/{g.Plan.PlanId}");
        Assert.DoesNotContain(lead, i => i.Kind == DueKind.PlanRevision); // three months away

        await h.SendAsync(g.Plan.Lead, new AddGroupTask(g.MeetingId, "Ringe skolen", g.OutsiderMember, h.Today.AddDays(2)));
        await h.SendAsync(g.Plan.Lead, new SendMinutes(g.MeetingId));
        var member = await DueAsync(h, g.Outsider);
        Assert.Contains(member, i => i.Kind == DueKind.MinutesToComment && i.Link == $"/ansvarsgrupper/{g.GroupId}");
        Assert.Contains(member, i => i.Kind == DueKind.GroupTask && i.DueDate == h.Today.AddDays(2) && i.Severity == DueSeverity.Upcoming);

        await h.SendAsync(g.Outsider, new CommentOnMinutes(g.MeetingId, "Ok"));
        h.Clock.Advance(TimeSpan.FromDays(100));
        Assert.Contains(await DueAsync(h, g.Plan.Lead), i => i.Kind == DueKind.PlanRevision && i.Severity == DueSeverity.Overdue);
        var later = await DueAsync(h, g.Outsider);
        Assert.DoesNotContain(later, i => i.Kind == DueKind.MinutesToComment);
        // The member's consent ran out after 180 days? Not yet: the overdue task is still theirs.
        Assert.Contains(later, i => i.Kind == DueKind.GroupTask && i.Severity == DueSeverity.Overdue);
    }

    private static async Task<IReadOnlyList<DueItem>> DueAsync(CaseHarness h, Guid userId)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseDbContext>();
        var user = await UserContextLoader.LoadAsync(db, userId, Ct) ?? throw new InvalidOperationException("No such user.");
        var sources = scope.ServiceProvider.GetServices<IDueItemSource>();
        var items = new List<DueItem>();
        var now = h.Clock.GetUtcNow();
        foreach (var source in sources)
        {
            items.AddRange(await source.ForUserAsync(db, user, now, DateOnly.FromDateTime(now.UtcDateTime), Ct));
        }

        return items;
    }
}
