using CaseManagement.Domain.Access;
using CaseManagement.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class IntegrationClientConfiguration : IEntityTypeConfiguration<IntegrationClient>
{
    public void Configure(EntityTypeBuilder<IntegrationClient> builder)
    {
        builder.ToTable("IntegrationClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ClientId).HasMaxLength(IntegrationClient.ClientIdMaxLength).IsRequired();
        builder.Property(c => c.DisplayName).HasMaxLength(IntegrationClient.DisplayNameMaxLength).IsRequired();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Capabilities).HasMaxLength(1000);
        builder.Property(c => c.RedirectUris).HasMaxLength(6000);
        builder.Ignore(c => c.NamedCapabilities);
        builder.Ignore(c => c.RedirectUriList);
        // The token endpoint and every API request look a client up by its client id.
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasIndex(c => c.ServiceAccountUserId).IsUnique();
        builder.HasIndex(c => c.AgencyId);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ServiceAccountUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
