using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Groups;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class IndividualPlanConfiguration : IEntityTypeConfiguration<IndividualPlan>
{
    public void Configure(EntityTypeBuilder<IndividualPlan> builder)
    {
        builder.ToTable("IndividualPlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.ConsentGivenBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.RepresentativeName).HasMaxLength(IndividualPlan.NameMaxLength);
        builder.Property(p => p.PersonGoals).HasMaxLength(IndividualPlan.TextMaxLength).IsRequired();
        builder.Property(p => p.Resources).HasMaxLength(IndividualPlan.TextMaxLength);
        builder.Property(p => p.Needs).HasMaxLength(IndividualPlan.TextMaxLength);
        builder.Property(p => p.Cooperation).HasMaxLength(IndividualPlan.TextMaxLength);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(p => p.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.CoordinatorUserId).OnDelete(DeleteBehavior.Restrict);
        // One plan per person across all services: the database refuses the loser of two simultaneous attempts.
        builder.HasIndex(p => p.PersonId).IsUnique();
        builder.HasIndex(p => p.FollowUpId);
        builder.HasIndex(p => p.CoordinatorUserId);
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        builder.ToTable("PlanGoals");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Text).HasMaxLength(IndividualPlan.TextMaxLength).IsRequired();
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(g => g.ParentGoalId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanMeasureConfiguration : IEntityTypeConfiguration<PlanMeasure>
{
    public void Configure(EntityTypeBuilder<PlanMeasure> builder)
    {
        builder.ToTable("PlanMeasures");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Description).HasMaxLength(IndividualPlan.TextMaxLength).IsRequired();
        builder.Property(m => m.Scope).HasMaxLength(IndividualPlan.NameMaxLength);
        builder.Property(m => m.HowCarriedOut).HasMaxLength(IndividualPlan.TextMaxLength);
        builder.Property(m => m.ResponsiblePerson).HasMaxLength(IndividualPlan.NameMaxLength).IsRequired();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PlanParticipant>().WithMany().HasForeignKey(m => m.ResponsibleParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GroupAgreement>().WithMany().HasForeignKey(m => m.FromAgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeasureNoteConfiguration : IEntityTypeConfiguration<MeasureNote>
{
    public void Configure(EntityTypeBuilder<MeasureNote> builder)
    {
        builder.ToTable("MeasureNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(IndividualPlan.TextMaxLength).IsRequired();
        builder.HasOne<PlanMeasure>().WithMany().HasForeignKey(n => n.MeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.WrittenByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanParticipantConfiguration : IEntityTypeConfiguration<PlanParticipant>
{
    public void Configure(EntityTypeBuilder<PlanParticipant> builder)
    {
        builder.ToTable("PlanParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(IndividualPlan.NameMaxLength).IsRequired();
        builder.Property(p => p.Contribution).HasMaxLength(IndividualPlan.TextMaxLength);
        builder.Property(p => p.ConsentScope).HasMaxLength(IndividualPlan.NameMaxLength * 2);
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("PlanVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Snapshot).IsRequired();
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.ApprovedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
    }
}

internal sealed class PlanEvaluationConfiguration : IEntityTypeConfiguration<PlanEvaluation>
{
    public void Configure(EntityTypeBuilder<PlanEvaluation> builder)
    {
        builder.ToTable("PlanEvaluations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Summary).HasMaxLength(PlanEvaluation.SummaryMaxLength).IsRequired();
        builder.HasOne<IndividualPlan>().WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResponsibilityGroupConfiguration : IEntityTypeConfiguration<ResponsibilityGroup>
{
    public void Configure(EntityTypeBuilder<ResponsibilityGroup> builder)
    {
        builder.ToTable("ResponsibilityGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.ConsentGivenBy).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(g => g.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.ConvenorUserId).OnDelete(DeleteBehavior.Restrict);
        // 0..1 per follow-up.
        builder.HasIndex(g => g.FollowUpId).IsUnique();
        builder.Ignore(g => g.IsActive);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Name).HasMaxLength(IndividualPlan.NameMaxLength).IsRequired();
        builder.Property(m => m.Function).HasMaxLength(IndividualPlan.NameMaxLength).IsRequired();
        builder.Property(m => m.ConsentScope).HasMaxLength(IndividualPlan.NameMaxLength * 2).IsRequired();
        builder.HasOne<ResponsibilityGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class GroupMeetingConfiguration : IEntityTypeConfiguration<GroupMeeting>
{
    public void Configure(EntityTypeBuilder<GroupMeeting> builder)
    {
        builder.ToTable("GroupMeetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Agenda).HasMaxLength(ResponsibilityGroup.TextMaxLength).IsRequired();
        builder.Property(m => m.Discussion).HasMaxLength(ResponsibilityGroup.TextMaxLength * 2);
        builder.Property(m => m.MinutesStatus).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ResponsibilityGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingAttendanceConfiguration : IEntityTypeConfiguration<MeetingAttendance>
{
    public void Configure(EntityTypeBuilder<MeetingAttendance> builder)
    {
        builder.ToTable("MeetingAttendances");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<GroupMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeetingId, a.MemberId }).IsUnique();
    }
}

internal sealed class GroupAgreementConfiguration : IEntityTypeConfiguration<GroupAgreement>
{
    public void Configure(EntityTypeBuilder<GroupAgreement> builder)
    {
        builder.ToTable("GroupAgreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(ResponsibilityGroup.TextMaxLength).IsRequired();
        builder.HasOne<ResponsibilityGroup>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GroupMeeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupTaskConfiguration : IEntityTypeConfiguration<GroupTask>
{
    public void Configure(EntityTypeBuilder<GroupTask> builder)
    {
        builder.ToTable("GroupTasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Text).HasMaxLength(ResponsibilityGroup.TextMaxLength).IsRequired();
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ResponsibilityGroup>().WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GroupMeeting>().WithMany().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<GroupMember>().WithMany().HasForeignKey(t => t.OwnerMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MinutesCommentConfiguration : IEntityTypeConfiguration<MinutesComment>
{
    public void Configure(EntityTypeBuilder<MinutesComment> builder)
    {
        builder.ToTable("MinutesComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(ResponsibilityGroup.TextMaxLength).IsRequired();
        builder.HasOne<GroupMeeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
