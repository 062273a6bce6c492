using CaseManagement.Domain.Families;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class FamilyGuidanceCourseConfiguration : IEntityTypeConfiguration<FamilyGuidanceCourse>
{
    public void Configure(EntityTypeBuilder<FamilyGuidanceCourse> builder)
    {
        builder.ToTable("FamilyGuidanceCourses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.FamilyLabel).HasMaxLength(FamilyGuidanceCourse.NameMaxLength).IsRequired();
        builder.Property(c => c.SupportNeeds).HasMaxLength(FamilyGuidanceCourse.TextMaxLength);
        builder.Property(c => c.Referrals).HasMaxLength(FamilyGuidanceCourse.TextMaxLength);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(c => c.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(c => c.LinkedFollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Participants).HasField("_participants").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => c.FollowUpId);
    }
}

internal sealed class FamilyParticipantConfiguration : IEntityTypeConfiguration<FamilyParticipant>
{
    public void Configure(EntityTypeBuilder<FamilyParticipant> builder)
    {
        builder.ToTable("FamilyParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(FamilyGuidanceCourse.NameMaxLength).IsRequired();
        builder.Property(p => p.Relation).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class GuidanceSessionConfiguration : IEntityTypeConfiguration<GuidanceSession>
{
    public void Configure(EntityTypeBuilder<GuidanceSession> builder)
    {
        builder.ToTable("GuidanceSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.AttendeeIds).HasMaxLength(2000).IsRequired();
        builder.Property(s => s.Topics).HasMaxLength(GuidanceSession.TextMaxLength).IsRequired();
        builder.Property(s => s.Advice).HasMaxLength(GuidanceSession.TextMaxLength);
        builder.Property(s => s.NextSteps).HasMaxLength(GuidanceSession.TextMaxLength);
        builder.Ignore(s => s.Attendees);
        builder.HasOne<FamilyGuidanceCourse>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(s => s.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CourseId, s.HeldOn });
    }
}

internal sealed class FamilyGroupConfiguration : IEntityTypeConfiguration<FamilyGroup>
{
    public void Configure(EntityTypeBuilder<FamilyGroup> builder)
    {
        builder.ToTable("FamilyGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(FamilyGroup.NameMaxLength).IsRequired();
        builder.HasOne<Unit>().WithMany().HasForeignKey(g => g.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => g.UnitId);
    }
}

internal sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> builder)
    {
        builder.ToTable("GroupSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Topics).HasMaxLength(GroupSession.TextMaxLength).IsRequired();
        builder.Property(s => s.GroupNotes).HasMaxLength(GroupSession.TextMaxLength);
        builder.HasOne<FamilyGroup>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.GroupId, s.HeldOn });
    }
}

internal sealed class GroupAttendanceConfiguration : IEntityTypeConfiguration<GroupAttendance>
{
    public void Configure(EntityTypeBuilder<GroupAttendance> builder)
    {
        builder.ToTable("GroupAttendances");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<GroupSession>().WithMany().HasForeignKey(a => a.GroupSessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FamilyGuidanceCourse>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(a => a.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.GroupSessionId, a.CourseId }).IsUnique();
        builder.HasIndex(a => a.CourseId);
    }
}
