using CaseManagement.Application.Features.Alerts;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Application.WorkSurfaces;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Mentors;

/// <summary>Mentor sessions on the person timeline: the date and the type only, for grants covering the mentor programme.</summary>
internal sealed class MentorSessionTimeline : ITimelineSource
{
    public async Task<IReadOnlyList<TimelineEvent>> ForPersonAsync(CaseDbContext db, TimelineScope scope, CancellationToken ct)
    {
        var followUps = scope.FollowUpsCovering(RecordKinds.MentorProgramme);
        if (followUps.Count == 0)
        {
            return [];
        }

        var rows = await db.MentorSessions.AsNoTracking()
            .Where(s => followUps.Contains(s.FollowUpId))
            .Select(s => new { s.Id, s.FollowUpId, s.AssignmentId, s.HeldOn, s.Type })
            .ToListAsync(ct);
        return rows.Select(s => new TimelineEvent(
                new DateTimeOffset(s.HeldOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
                TimelineKind.MentorSession,
                RecordKinds.MentorProgramme,
                LocalisedText.Format(Messages.Mentor_TimelineTitle, TypeName(s.Type)),
                s.FollowUpId,
                FormattableString.Invariant($"/mentorprogram/oppdrag/{s.FollowUpId}/{s.AssignmentId}"),
                s.Id))
            .ToList();
    }

    internal static string TypeName(SessionType type) => type switch
    {
        SessionType.Conversation => Messages.Mentor_Type_Conversation,
        SessionType.Activity => Messages.Mentor_Type_Activity,
        SessionType.EscortToService => Messages.Mentor_Type_EscortToService,
    };
}
