using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Mentors;
using CaseManagement.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class MentorProfileConfiguration : IEntityTypeConfiguration<MentorProfile>
{
    public void Configure(EntityTypeBuilder<MentorProfile> builder)
    {
        builder.ToTable("MentorProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Ignore(p => p.CertificateValidUntil);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.SupervisorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.UserId).IsUnique();
    }
}

internal sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> builder)
    {
        builder.ToTable("MentorAssignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ReferralSource).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.MentorSafetyRisk).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ClosingReason).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.MatchReason).HasMaxLength(MentorAssignment.TextMaxLength).IsRequired();
        builder.Property(a => a.Goals).HasMaxLength(MentorAssignment.TextMaxLength).IsRequired();
        builder.Property(a => a.RiskAssessment).HasMaxLength(MentorAssignment.TextMaxLength).IsRequired();
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(a => a.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.MentorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.SupervisorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PoliceContactUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.FollowUpId);
        builder.HasIndex(a => new { a.MentorUserId, a.ClosedAt });
    }
}

internal sealed class MentorSessionConfiguration : IEntityTypeConfiguration<MentorSession>
{
    public void Configure(EntityTypeBuilder<MentorSession> builder)
    {
        builder.ToTable("MentorSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Arena).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ChangeSinceLast).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Topics).HasMaxLength(MentorSession.TextMaxLength).IsRequired();
        builder.Property(s => s.RiskFactors).HasMaxLength(MentorSession.TextMaxLength);
        builder.Property(s => s.ProtectiveFactors).HasMaxLength(MentorSession.TextMaxLength);
        builder.Property(s => s.NextSteps).HasMaxLength(MentorSession.TextMaxLength);
        builder.Property(s => s.ServicesContacted).HasMaxLength(MentorSession.ShortTextMaxLength);
        builder.HasOne<MentorAssignment>().WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(s => s.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.MentorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.AssignmentId, s.HeldOn });
    }
}

internal sealed class SupervisionNoteConfiguration : IEntityTypeConfiguration<SupervisionNote>
{
    public void Configure(EntityTypeBuilder<SupervisionNote> builder)
    {
        builder.ToTable("SupervisionNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(SupervisionNote.TextMaxLength).IsRequired();
        builder.HasOne<MentorAssignment>().WithMany().HasForeignKey(n => n.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(n => n.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.AssignmentId);
    }
}
