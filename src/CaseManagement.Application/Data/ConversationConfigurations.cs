using CaseManagement.Domain.Conversations;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ConcernSource).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Track).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ConcernLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Conclusion).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.ConcernDescription).HasMaxLength(Conversation.TextMaxLength).IsRequired();
        foreach (var text in new[]
                 {
                     nameof(Conversation.AssessmentNote), nameof(Conversation.PreparationNotes), nameof(Conversation.ConsequencesInformation),
                     nameof(Conversation.PersonAccount), nameof(Conversation.GuardiansAccount), nameof(Conversation.ConclusionNote),
                 })
        {
            builder.Property(text).HasMaxLength(Conversation.TextMaxLength);
        }

        builder.Property(c => c.SuspicionNote).HasMaxLength(Conversation.ShortTextMaxLength);
        builder.Property(c => c.GuardiansOmittedReason).HasMaxLength(Conversation.ShortTextMaxLength);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(c => c.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.PreviousConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.RegisteredByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Participants).HasField("_participants").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Assessments).WithOne().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Assessments).HasField("_assessments").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => new { c.FollowUpId, c.Date });
    }
}

internal sealed class ConversationParticipantConfiguration : IEntityTypeConfiguration<ConversationParticipant>
{
    public void Configure(EntityTypeBuilder<ConversationParticipant> builder)
    {
        builder.ToTable("ConversationParticipants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(ConversationParticipant.NameMaxLength).IsRequired();
        builder.Property(p => p.Capacity).HasConversion<string>().HasMaxLength(30);
    }
}

internal sealed class LifeAreaAssessmentConfiguration : IEntityTypeConfiguration<LifeAreaAssessment>
{
    public void Configure(EntityTypeBuilder<LifeAreaAssessment> builder)
    {
        builder.ToTable("LifeAreaAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Area).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Note).HasMaxLength(Conversation.ShortTextMaxLength);
        builder.HasIndex(a => new { a.ConversationId, a.Area }).IsUnique();
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("Agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(Agreement.TextMaxLength).IsRequired();
        builder.Property(a => a.ResponsibleName).HasMaxLength(Agreement.NameMaxLength);
        builder.Property(a => a.Responsible).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(a => a.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Reviews).WithOne().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Reviews).HasField("_reviews").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(a => new { a.FollowUpId, a.ReviewOn });
    }
}

internal sealed class AgreementReviewConfiguration : IEntityTypeConfiguration<AgreementReview>
{
    public void Configure(EntityTypeBuilder<AgreementReview> builder)
    {
        builder.ToTable("AgreementReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(AgreementReview.NoteMaxLength).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ReviewedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("Referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasMaxLength(Referral.NoteMaxLength);
        builder.Property(r => r.DecisionNote).HasMaxLength(Referral.NoteMaxLength);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(r => r.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consent>().WithMany().HasForeignKey(r => r.ConsentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegalBasis>().WithMany().HasForeignKey(r => r.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Disclosure>().WithMany().HasForeignKey(r => r.DisclosureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ToUnitId, r.Status });
        builder.HasIndex(r => r.FollowUpId);
    }
}
