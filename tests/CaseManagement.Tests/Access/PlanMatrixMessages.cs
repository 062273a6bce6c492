using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Groups;
using CaseManagement.Application.Features.Plans;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Plans;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Access;

/// <summary>
/// The matrix factories for individual plans and responsibility groups. The plan or group a message needs is put in
/// place straight in the database, in the state the message needs (a draft, an approved version, minutes sent), so
/// that a row never depends on what an earlier row left behind.
/// </summary>
public static class PlanMatrixMessages
{
    public static IEnumerable<MessageSpec> All =>
    [
        Spec<CreatePlan>(async c =>
        {
            var s = await FreshIfAsync(c, db => db.IndividualPlans.AnyAsync(p => p.PersonId == c.S.PersonId, Ct));
            var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
            return (await c.H.SendAsync(c.UserId, new CreatePlan(
                s.FollowUpId, c.UserId, ConsentGiver.Person, today, "Egne mål", today, today.AddMonths(6), today.AddMonths(2)))).Id != Guid.Empty;
        }),
        Spec<GetPlan>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new GetPlan(p.PlanId))).Id == p.PlanId;
        }),
        Spec<FindPlanAndGroup>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new FindPlanAndGroup(c.S.FollowUpId))).PlanId == p.PlanId;
        }),
        Spec<UpdatePlan>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
            return (await c.H.SendAsync(c.UserId, new UpdatePlan(p.PlanId, p.Version, c.S.LeadId, "Nye mål", today, today.AddMonths(6), today.AddMonths(1)))).Id == p.PlanId;
        }),
        Spec<SavePlanGoal>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new SavePlanGoal(p.PlanId, "Delmål", p.GoalId))).Id != Guid.Empty;
        }),
        Spec<SavePlanMeasure>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
            return (await c.H.SendAsync(c.UserId, new SavePlanMeasure(
                p.PlanId, p.GoalId, "Nytt tiltak", p.CoordinatorParticipantId, "Kari", today, today.AddDays(30)))).Id != Guid.Empty;
        }),
        Spec<AddMeasureNote>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new AddMeasureNote(p.PlanId, p.MeasureId, "Framdrift"))).Id != Guid.Empty;
        }),
        Spec<AddPlanParticipant>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new AddPlanParticipant(p.PlanId, ParticipantKind.Relative, "Mor", "Støtte hjemme"))).Id != Guid.Empty;
        }),
        Spec<WithdrawParticipantConsent>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new WithdrawParticipantConsent(p.PlanId, p.ConsentingParticipantId))).Id == p.PlanId;
        }),
        Spec<ApprovePlanVersion>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new ApprovePlanVersion(p.PlanId, p.Version))).Number > 0;
        }),
        Spec<StartPlanRevision>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Approved);
            return (await c.H.SendAsync(c.UserId, new StartPlanRevision(p.PlanId))).Id == p.PlanId;
        }),
        Spec<RecordPlanEvaluation>(async c =>
        {
            var p = await PlanAsync(c, PlanStatus.Approved);
            var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
            return (await c.H.SendAsync(c.UserId, new RecordPlanEvaluation(p.PlanId, today, "Evaluert", today.AddMonths(3)))).Id != Guid.Empty;
        }),

        Spec<StartGroup>(async c =>
        {
            var s = await FreshIfAsync(c, db => db.ResponsibilityGroups.AnyAsync(g => g.FollowUpId == c.S.FollowUpId, Ct));
            return (await c.H.SendAsync(c.UserId, new StartGroup(s.FollowUpId, c.UserId, true, ConsentGiver.Person, DateOnly.FromDateTime(c.Now.UtcDateTime)))).Id != Guid.Empty;
        }),
        Spec<GetGroup>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new GetGroup(g.GroupId))).Id == g.GroupId;
        }),
        Spec<AddGroupMember>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new AddGroupMember(g.GroupId, ParticipantKind.Relative, "Far", "Pårørende", true, "Referater"))).Id != Guid.Empty;
        }),
        Spec<FindGroupMemberCandidates>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new FindGroupMemberCandidates(g.GroupId))).Count > 0;
        }),
        Spec<EndGroup>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new EndGroup(g.GroupId))).Id == g.GroupId;
        }),
        Spec<ScheduleMeeting>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new ScheduleMeeting(g.GroupId, c.Now.AddDays(14), "Saksliste"))).Id != Guid.Empty;
        }),
        Spec<SaveMinutes>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new SaveMinutes(g.MeetingId, g.MeetingVersion, "Saksliste", "Drøftet", [g.MemberId], [], ["Enighet"]))).MeetingId == g.MeetingId;
        }),
        Spec<SendMinutes>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new SendMinutes(g.MeetingId))).MeetingId == g.MeetingId;
        }),
        Spec<CommentOnMinutes>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.SentForComment);
            return (await c.H.SendAsync(c.UserId, new CommentOnMinutes(g.MeetingId, "Kommentar"))).Id != Guid.Empty;
        }),
        Spec<ApproveMinutes>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.SentForComment);
            return (await c.H.SendAsync(c.UserId, new ApproveMinutes(g.MeetingId))).MeetingId == g.MeetingId;
        }),
        Spec<AddGroupTask>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new AddGroupTask(g.MeetingId, "Oppgave", g.MemberId, DateOnly.FromDateTime(c.Now.UtcDateTime).AddDays(7)))).Id != Guid.Empty;
        }),
        Spec<SetGroupTaskStatus>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new SetGroupTaskStatus(g.TaskId, GroupTaskStatus.Done))).Id == g.TaskId;
        }),

        Spec<WithdrawMemberConsent>(async c =>
        {
            var g = await GroupAsync(c, MinutesStatus.Draft);
            return (await c.H.SendAsync(c.UserId, new WithdrawMemberConsent(g.GroupId, g.MemberId))).Id == g.GroupId;
        }),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageSpec Spec<TMessage>(Func<MatrixCase, Task<bool>> run) => new(typeof(TMessage), AboutFollowUp: true, NeedsClosedFollowUp: false, run);

    /// <summary>A scenario without the plan or group that <paramref name="exists"/> finds: the case's own, or a fresh one in the same relation.</summary>
    private static async Task<Scenario> FreshIfAsync(MatrixCase c, Func<CaseDbContext, Task<bool>> exists)
    {
        if (!await c.H.WithDbAsync(exists))
        {
            return c.S;
        }

        // The users of a relation are the same in every scenario of it, so the acting user stands in the same relation.
        c.Site.Spoil(c.S);
        return await c.Site.ScenarioAsync(c.Layout, c.S.Relation, closed: false);
    }

    private sealed record PlanSetup(Guid PlanId, Guid GoalId, Guid MeasureId, Guid CoordinatorParticipantId, Guid ConsentingParticipantId, string Version);

    /// <summary>The scenario person's plan (under the scenario's follow-up, coordinated by its lead), put in <paramref name="status"/>.</summary>
    private static Task<PlanSetup> PlanAsync(MatrixCase c, PlanStatus status) => c.H.WithDbAsync(async db =>
    {
        var now = c.Now;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var plan = await db.IndividualPlans.SingleOrDefaultAsync(p => p.PersonId == c.S.PersonId, Ct);
        if (plan is null)
        {
            plan = IndividualPlan.Create(
                Guid.CreateVersion7(), c.S.FollowUpId, c.S.PersonId, c.S.LeadId, ConsentGiver.Person, null, today,
                new PlanContent("Egne mål", null, null, null, today, today.AddMonths(6), today.AddMonths(2)), c.S.LeadId, now);
            var coordinator = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Koordinator", c.S.LeadId, null);
            var consenting = new PlanParticipant(Guid.CreateVersion7(), plan.Id, ParticipantKind.Service, "Skolen", c.S.CandidateId, null);
            consenting.RecordConsent("Hele planen", now.AddDays(-1), now.AddDays(90));
            var goal = new PlanGoal(Guid.CreateVersion7(), plan.Id, null, "Hovedmål", 0);
            var measure = new PlanMeasure(Guid.CreateVersion7(), plan.Id, new MeasureContent(
                goal.Id, "Tiltak", null, null, coordinator.Id, "Kari", today, today.AddDays(30), MeasureStatus.Planned, null));
            db.AddRange(plan, coordinator, consenting, goal, measure);
        }
        else
        {
            // A participant whose consent an earlier row withdrew gets it again.
            foreach (var participant in await db.PlanParticipants.Where(p => p.PlanId == plan.Id && p.UserId == c.S.CandidateId).ToListAsync(Ct))
            {
                participant.RecordConsent("Hele planen", now.AddDays(-1), now.AddDays(90));
            }
        }

        if (status == PlanStatus.Draft && plan.Status == PlanStatus.Approved)
        {
            plan.StartRevision();
        }

        await db.SaveChangesAsync(Ct);
        if (status == PlanStatus.Approved && plan.Status == PlanStatus.Draft)
        {
            var snapshot = await PlanSnapshot.TakeAsync(db, plan, Ct);
            db.Add(new PlanVersion(Guid.CreateVersion7(), plan.Id, plan.Approve(), now, c.S.LeadId, snapshot.ToJson()));
            await db.SaveChangesAsync(Ct);
        }

        var ids = await db.PlanParticipants.Where(p => p.PlanId == plan.Id).Select(p => new { p.Id, p.UserId }).ToListAsync(Ct);
        var goalId = await db.PlanGoals.Where(g => g.PlanId == plan.Id && g.ParentGoalId == null).Select(g => g.Id).FirstAsync(Ct);
        var measureId = await db.PlanMeasures.Where(m => m.PlanId == plan.Id).Select(m => m.Id).FirstAsync(Ct);
        return new PlanSetup(
            plan.Id, goalId, measureId, ids.First(p => p.UserId == c.S.LeadId).Id, ids.First(p => p.UserId == c.S.CandidateId).Id,
            ConcurrencyTokens.Read(db.Entry(plan)));
    });

    private sealed record GroupSetup(Guid GroupId, Guid MemberId, Guid MeetingId, string MeetingVersion, Guid TaskId);

    /// <summary>The follow-up's running group with a held meeting whose minutes are in <paramref name="minutes"/>, and a task.</summary>
    private static Task<GroupSetup> GroupAsync(MatrixCase c, MinutesStatus minutes) => c.H.WithDbAsync(async db =>
    {
        var now = c.Now;
        var group = await db.ResponsibilityGroups.SingleOrDefaultAsync(g => g.FollowUpId == c.S.FollowUpId, Ct);
        GroupMember member;
        if (group is null)
        {
            group = new ResponsibilityGroup(Guid.CreateVersion7(), c.S.FollowUpId, c.S.PersonId, c.S.LeadId, ConsentGiver.Person, DateOnly.FromDateTime(now.UtcDateTime), now);
            member = new GroupMember(Guid.CreateVersion7(), group.Id, ParticipantKind.Person, "Personen", null, "Personen selv", "Alt", now.AddDays(-1), null);
            db.AddRange(group, member);
        }
        else
        {
            member = await db.GroupMembers.FirstAsync(m => m.GroupId == group.Id && m.ConsentWithdrawnAt == null, Ct);
        }

        // Each case gets its own meeting in the state it needs.
        var meeting = new GroupMeeting(Guid.CreateVersion7(), group.Id, now.AddHours(-1), "Saksliste");
        meeting.WriteMinutes("Saksliste", "Drøftet", null);
        if (minutes != MinutesStatus.Draft)
        {
            meeting.Send(now.AddMinutes(-30));
        }

        var task = new GroupTask(Guid.CreateVersion7(), group.Id, meeting.Id, "Oppgave", member.Id, DateOnly.FromDateTime(now.UtcDateTime).AddDays(7));
        db.AddRange(meeting, task);
        await db.SaveChangesAsync(Ct);
        return new GroupSetup(group.Id, member.Id, meeting.Id, ConcurrencyTokens.Read(db.Entry(meeting)), task.Id);
    });
}
