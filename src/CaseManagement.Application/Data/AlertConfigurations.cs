using CaseManagement.Domain.Alerts;
using CaseManagement.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.SubjectLabel).HasMaxLength(Alert.LabelMaxLength).IsRequired();
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(a => a.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.RaisedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Recipients).WithOne().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Recipients).HasField("_recipients").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(a => a.SourceId);
    }
}

internal sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> builder)
    {
        builder.ToTable("AlertRecipients");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.HandlingNote).HasMaxLength(AlertRecipient.NoteMaxLength);
        builder.Ignore(r => r.IsHandled);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.UserId, r.HandledAt });
        builder.HasIndex(r => new { r.AlertId, r.UserId }).IsUnique();
    }
}
