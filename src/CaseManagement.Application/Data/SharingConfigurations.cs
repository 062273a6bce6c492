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
        builder.Property(b => b.Code).HasMaxLength(LegalBasis.CodeMaxLength).IsRequired();
        builder.Property(b => b.Title).HasMaxLength(LegalBasis.TitleMaxLength).IsRequired();
        builder.Property(b => b.Reference).HasMaxLength(LegalBasis.LawMaxLength + LegalBasis.SectionMaxLength + 1).IsRequired();
        builder.Property(b => b.Law).HasMaxLength(LegalBasis.LawMaxLength).IsRequired();
        builder.Property(b => b.Section).HasMaxLength(LegalBasis.SectionMaxLength).IsRequired();
        builder.Property(b => b.Summary).HasMaxLength(LegalBasis.SummaryMaxLength).IsRequired();
        builder.HasIndex(b => b.Code).IsUnique();
        // The catalogue shipped with the migrations (ADR-028); administrators add and retire bases as data.
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

/// <summary>
/// The legal bases for disclosure without consent shipped with the product (DOMAIN.md, "Sharing"; ADR-028 says which
/// citations were checked against the law's text). ValidFrom is the catalogue's start, not the law's date in force.
/// </summary>
public static class LegalBases
{
    public static readonly Guid PublicAdministrationAct13b7 = Guid.Parse("0193b000-0000-7000-8000-000000000001");
    public static readonly Guid DutyToAvertCrime = Guid.Parse("0193b000-0000-7000-8000-000000000002");
    public static readonly Guid PoliceRegisterAct23 = Guid.Parse("0193b000-0000-7000-8000-000000000003");
    public static readonly Guid PoliceRegisterAct24 = Guid.Parse("0193b000-0000-7000-8000-000000000004");
    public static readonly Guid ChildWelfareReport = Guid.Parse("0193b000-0000-7000-8000-000000000005");
    public static readonly Guid HealthPersonnelAct31 = Guid.Parse("0193b000-0000-7000-8000-000000000006");
    public static readonly Guid HealthPersonnelAct32 = Guid.Parse("0193b000-0000-7000-8000-000000000007");
    public static readonly Guid HealthPersonnelAct33 = Guid.Parse("0193b000-0000-7000-8000-000000000008");
    public static readonly Guid SocialServicesAct45 = Guid.Parse("0193b000-0000-7000-8000-000000000009");

    public static readonly DateOnly CatalogueStart = new(2024, 1, 1);

    public static readonly LegalBasis[] Catalogue =
    [
        new(PublicAdministrationAct13b7, "fvl-13b-7", "Forebygge vesentlig fare for liv eller helse / lovbrudd (samarbeid)", "forvaltningsloven", "§ 13 b første ledd nr. 7",
            "Et forvaltningsorgan kan dele taushetsbelagte opplysninger med et annet forvaltningsorgan når det er nødvendig for å utføre oppgavene. Del bare det som trengs.", CatalogueStart),
        new(DutyToAvertCrime, "strl-196", "Avvergingsplikt", "straffeloven", "§ 196",
            "Alle har plikt til å prøve å avverge visse alvorlige straffbare handlinger, for eksempel ved å varsle politiet. Plikten går foran taushetsplikten.", CatalogueStart),
        new(PoliceRegisterAct23, "prl-23", "Utlevering fra politiet for å forebygge lovbrudd", "politiregisterloven", "§ 23",
            "Hva politiets taushetsplikt omfatter. Unntakene som åpner for å gi opplysninger videre, står i paragrafene etter.", CatalogueStart),
        new(PoliceRegisterAct24, "prl-24", "Utlevering fra politiet til ivaretakelse av tjenestemottakers interesser", "politiregisterloven", "§ 24",
            "Politiets taushetsplikt er ikke til hinder for å gi opplysninger når det ikke er behov for beskyttelse, for eksempel når den opplysningene gjelder, samtykker.", CatalogueStart),
        new(ChildWelfareReport, "bvl-13-2", "Opplysningsplikt til barnevernet", "barnevernsloven", "§ 13-2",
            "Offentlige myndigheter skal av eget tiltak melde fra til barnevernstjenesten ved alvorlig bekymring for et barn, uten hinder av taushetsplikt.", CatalogueStart),
        new(HealthPersonnelAct31, "hpl-31", "Opplysninger til nødetater", "helsepersonelloven", "§ 31",
            "Helsepersonell skal varsle politi og brannvesen når det er nødvendig for å avverge alvorlig skade på person eller eiendom.", CatalogueStart),
        new(HealthPersonnelAct32, "hpl-32", "Opplysninger til sosialtjenesten", "helsepersonelloven", "§ 32",
            "Helsepersonell skal være oppmerksom på om pasienten trenger hjelp fra sosialtjenesten, og ta kontakt med den når pasienten har sagt ja.", CatalogueStart),
        new(HealthPersonnelAct33, "hpl-33", "Opplysningsplikt til barnevernet", "helsepersonelloven", "§ 33",
            "Helsepersonell skal melde fra til barnevernstjenesten ved alvorlig omsorgssvikt eller alvorlige atferdsvansker hos et barn, og gi opplysninger etter pålegg.", CatalogueStart),
        new(SocialServicesAct45, "sotjl-45", "Opplysningsplikt til barnevernstjenesten", "sosialtjenesteloven", "§ 45",
            "Ansatte i NAV-kontorets sosiale tjenester skal melde fra til barnevernstjenesten ved alvorlig bekymring for et barn, uten hinder av taushetsplikt.", CatalogueStart),
    ];

    /// <summary>
    /// The id of the basis a NEW disclosure (or referral) is made on: an unknown code and a retired basis, or one
    /// outside its validity, are refused on the field, each saying why.
    /// </summary>
    public static async Task<Guid> ForNewDisclosureAsync(CaseDbContext db, string code, DateTimeOffset now, string field, CancellationToken cancellationToken)
    {
        var basis = await db.LegalBases.AsNoTracking().SingleOrDefaultAsync(b => b.Code == code, cancellationToken)
            ?? throw new Common.RuleViolationException(field, Resources.Messages.Disclosure_LegalBasisNotFound);
        return basis.IsUsableOn(Common.OsloTime.DateOf(now)) ? basis.Id : throw new Common.RuleViolationException(field, Resources.Messages.Disclosure_LegalBasisNotUsable);
    }

    /// <summary>The bases a NEW disclosure may be made on, on the given day (Europe/Oslo).</summary>
    public static IQueryable<LegalBasis> UsableOn(this IQueryable<LegalBasis> bases, DateOnly day) =>
        bases.Where(b => b.RetiredAt == null && b.ValidFrom <= day && (b.ValidTo == null || b.ValidTo >= day));
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
