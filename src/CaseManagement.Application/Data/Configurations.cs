using CaseManagement.Application.Protection;
using CaseManagement.Domain.Organisation;
using CaseManagement.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CaseManagement.Application.Data;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("Persons");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.GivenName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.FamilyName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(p => p.SearchName).HasMaxLength((Person.NameMaxLength * 2) + 1).IsRequired();
        // Stored encrypted ([Sensitive], ADR-010): 11 digits before encryption; found through its blind index.
        builder.Property(p => p.NationalIdentityNumber).HasMaxLength(11);
        builder.Property<string?>(PersonBlindIndex.Property).HasMaxLength(BlindIndex.Length).IsUnicode(false);
        builder.Property(p => p.Phone).HasMaxLength(Person.PhoneMaxLength);
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
        builder.Property(p => p.Address).HasMaxLength(Person.AddressMaxLength);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(Person.LanguageMaxLength);
        builder.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(nameof(Person.AgencyId), PersonBlindIndex.Property).IsUnique();
        builder.HasIndex(p => new { p.AgencyId, p.SearchName });
        builder.HasMany(p => p.Guardians).WithOne().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Guardians).HasField("_guardians").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GuardianConfiguration : IEntityTypeConfiguration<Guardian>
{
    public void Configure(EntityTypeBuilder<Guardian> builder)
    {
        builder.ToTable("Guardians");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(Person.NameMaxLength * 2).IsRequired();
        builder.Property(g => g.Relation).HasConversion<string>().HasMaxLength(40);
        builder.Property(g => g.Phone).HasMaxLength(Person.PhoneMaxLength);
        builder.Property(g => g.Email).HasMaxLength(Person.EmailMaxLength);
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("Units");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Name).HasMaxLength(Unit.NameMaxLength).IsRequired();
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Ignore(u => u.IsActive);
        builder.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.NationalIdentityNumber).HasMaxLength(11);
        builder.Property<string?>(PersonBlindIndex.Property).HasMaxLength(BlindIndex.Length).IsUnicode(false);
        builder.HasIndex(PersonBlindIndex.Property);
        builder.Property(u => u.FamilyName).HasMaxLength(Person.NameMaxLength);
        builder.Property(u => u.HomeAddress).HasMaxLength(Person.AddressMaxLength);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
