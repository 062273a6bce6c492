using CaseManagement.Domain.Access;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using CaseManagement.Domain.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.ConcernSource).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.RetentionClass).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.CloseReason).HasConversion<string>().HasMaxLength(40);
        builder.Property(f => f.CloseNote).HasMaxLength(FollowUp.CloseNoteMaxLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.OpenedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Team).WithOne().HasForeignKey(m => m.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Team).HasField("_team").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(f => new { f.PersonId, f.AgencyId });
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.ToTable("TeamMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.FollowUpId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("Consents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.GivenBy).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.GiverName).HasMaxLength(Consent.NameMaxLength);
        builder.Property(c => c.Purpose).HasMaxLength(Consent.PurposeMaxLength).IsRequired();
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(c => c.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(c => c.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.FollowUpId);
    }
}

internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> builder)
    {
        builder.ToTable("Disclosures");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Reason).HasMaxLength(Disclosure.ReasonMaxLength).IsRequired();
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(d => d.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(d => d.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consent>().WithMany().HasForeignKey(d => d.ConsentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LegalBasis>().WithMany().HasForeignKey(d => d.LegalBasisId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ToUnitId, d.FollowUpId });
    }
}

internal sealed class LegalBasisConfiguration : IEntityTypeConfiguration<LegalBasis>
{
    public void Configure(EntityTypeBuilder<LegalBasis> builder)
    {
        builder.ToTable("LegalBases");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Code).HasMaxLength(50).IsRequired();
        builder.Property(b => b.Title).HasMaxLength(300).IsRequired();
        builder.Property(b => b.Reference).HasMaxLength(300).IsRequired();
        builder.HasIndex(b => b.Code).IsUnique();
        // The catalogue is reference data shipped with the migrations; retiring a basis is a data change.
        builder.HasData(LegalBases.Catalogue);
    }
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<EmergencyAccess> builder)
    {
        builder.ToTable("EmergencyAccesses");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasMaxLength(EmergencyAccess.ReasonMaxLength).IsRequired();
        builder.Property(e => e.ReviewNote).HasMaxLength(EmergencyAccess.ReviewNoteMaxLength);
        builder.Ignore(e => e.IsReviewed);
        builder.HasOne<FollowUp>().WithMany().HasForeignKey(e => e.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.UserId, e.FollowUpId });
    }
}

/// <summary>The legal bases for disclosure without consent shipped with the product (DOMAIN.md, "Sharing").</summary>
public static class LegalBases
{
    public static readonly Guid PublicAdministrationAct13b7 = Guid.Parse("0193b000-0000-7000-8000-000000000001");
    public static readonly Guid DutyToAvertCrime = Guid.Parse("0193b000-0000-7000-8000-000000000002");
    public static readonly Guid PoliceRegisterAct23 = Guid.Parse("0193b000-0000-7000-8000-000000000003");
    public static readonly Guid PoliceRegisterAct24 = Guid.Parse("0193b000-0000-7000-8000-000000000004");
    public static readonly Guid ChildWelfareReport = Guid.Parse("0193b000-0000-7000-8000-000000000005");

    public static readonly LegalBasis[] Catalogue =
    [
        new(PublicAdministrationAct13b7, "fvl-13b-7", "Forebygge vesentlig fare for liv eller helse / lovbrudd (samarbeid)", "forvaltningsloven § 13 b første ledd nr. 7"),
        new(DutyToAvertCrime, "strl-196", "Avvergingsplikt", "straffeloven § 196"),
        new(PoliceRegisterAct23, "prl-23", "Utlevering fra politiet for å forebygge lovbrudd", "politiregisterloven § 23"),
        new(PoliceRegisterAct24, "prl-24", "Utlevering fra politiet til ivaretakelse av tjenestemottakers interesser", "politiregisterloven § 24"),
        new(ChildWelfareReport, "bvl-13-2", "Opplysningsplikt til barnevernet", "barnevernsloven § 13-2"),
    ];
}

internal sealed class UserInvitationConfiguration : IEntityTypeConfiguration<UserInvitation>
{
    public void Configure(EntityTypeBuilder<UserInvitation> builder)
    {
        builder.ToTable("UserInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TokenHash).HasMaxLength(UserInvitation.TokenHashLength).IsRequired();
        // The activation page finds the invitation by the hash of the token in the link.
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
