using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class AccessReviewConfiguration : IEntityTypeConfiguration<AccessReview>
{
    public void Configure(EntityTypeBuilder<AccessReview> builder)
    {
        builder.ToTable("AccessReviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Roles).HasMaxLength(AccessReview.RolesLength).IsRequired();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        // The sweep and the pages read each user's latest entry.
        builder.HasIndex(r => new { r.UserId, r.At });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitLeaderConfiguration : IEntityTypeConfiguration<UnitLeader>
{
    public void Configure(EntityTypeBuilder<UnitLeader> builder)
    {
        builder.ToTable("UnitLeaders");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => new { l.UnitId, l.UserId }).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
