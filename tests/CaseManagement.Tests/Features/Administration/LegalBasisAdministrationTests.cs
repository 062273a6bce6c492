using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Sharing;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Tests.Features.Administration;

/// <summary>The shared catalogue of legal bases (ADR-028): add, retire, validity, and what that means for disclosures.</summary>
public sealed class LegalBasisAdministrationTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retired_basis_is_refused_for_new_disclosures_while_the_disclosure_made_on_it_keeps_showing_it(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var municipalAdmin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var code = "test-" + Unique();
        var added = await h.SendAsync(municipalAdmin, new AddLegalBasis(code, "Prøvegrunnlag", "forvaltningsloven", "§ 13 b første ledd nr. 5", "Til prøving.", h.Today.AddDays(-1)));
        var lead = await h.PoliceOfficerAsync();
        Assert.Contains(await h.SendAsync(lead, new ListLegalBases()), b => b.Code == code && b.Reference == "forvaltningsloven § 13 b første ledd nr. 5");

        var open = await h.OpenCaseAsync(lead);
        var now = h.Clock.GetUtcNow();
        var made = await h.SendAsync(lead, new GrantDisclosure(open.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Samarbeid", now, now.AddDays(30), null, code));

        // Retired by the police administrator: the catalogue is shared, either agency's administrator may.
        var policeAdmin = await h.AdministratorAsync();
        await h.SendAsync(policeAdmin, new RetireLegalBasis(added.Id));

        Assert.DoesNotContain(await h.SendAsync(lead, new ListLegalBases()), b => b.Code == code);
        var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
            await h.SendAsync(lead, new GrantDisclosure(open.FollowUpId, AccessTestData.OtherMunicipalUnit, RecordKinds.FollowUp, "Samarbeid", now, now.AddDays(30), null, code)));
        Assert.Equal(("LegalBasisCode", Messages.Disclosure_LegalBasisNotUsable), (refused.Field, refused.Message));
        var shown = Assert.Single((await h.SendAsync(lead, new GetFollowUp(open.FollowUpId))).Disclosures, d => d.Id == made.Id);
        Assert.Equal((code, true), (shown.LegalBasisCode, shown.IsActive));

        var entry = Assert.Single(await h.SendAsync(policeAdmin, new ListLegalBasisCatalogue()), b => b.Id == added.Id);
        Assert.Equal((false, 1), (entry.UsableToday, entry.Disclosures));
        Assert.NotNull(entry.RetiredAt);
        var audit = await h.WithDbAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.UserId == policeAdmin && e.MessageName == nameof(RetireLegalBasis)).ToListAsync(Ct))
            .SelectMany(e => e.Changes).ToList());
        Assert.Contains(audit, c => c is { EntityType: "LegalBasis", Field: "RetiredAt" } && c.EntityId == added.Id.ToString() && c.OldValue == null);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_basis_outside_its_validity_is_refused_before_it_starts_and_after_it_ends(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var future = "framtid-" + Unique();
        var ended = "utlopt-" + Unique();
        await h.SendAsync(admin, new AddLegalBasis(future, "Ny lov", "forvaltningsloven", "§ 1", "Gjelder fra neste måned.", h.Today.AddDays(30)));
        await h.SendAsync(admin, new AddLegalBasis(ended, "Gammel lov", "forvaltningsloven", "§ 2", "Gjaldt til i går.", h.Today.AddDays(-30), h.Today.AddDays(-2)));
        var lead = await h.PoliceOfficerAsync();
        var codes = (await h.SendAsync(lead, new ListLegalBases())).Select(b => b.Code).ToList();
        Assert.DoesNotContain(future, codes);
        Assert.DoesNotContain(ended, codes);

        var open = await h.OpenCaseAsync(lead);
        var now = h.Clock.GetUtcNow();
        foreach (var code in new[] { future, ended })
        {
            var refused = await Assert.ThrowsAsync<RuleViolationException>(async () =>
                await h.SendAsync(lead, new GrantDisclosure(open.FollowUpId, AccessTestData.MunicipalUnit, RecordKinds.FollowUp, "Samarbeid", now, now.AddDays(30), null, code)));
            Assert.Equal("LegalBasisCode", refused.Field);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_on_its_field(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.AdministratorAsync();
        var today = h.Today;
        async Task<string> FieldOf(AddLegalBasis command) =>
            Assert.Single((await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, command))).Errors).PropertyName;

        Assert.Equal("Code", await FieldOf(new AddLegalBasis("", "T", "lov", "§ 1", "S", today)));
        Assert.Equal("Code", await FieldOf(new AddLegalBasis("Stor-Bokstav", "T", "lov", "§ 1", "S", today)));
        Assert.Equal("Code", await FieldOf(new AddLegalBasis(new string('a', 51), "T", "lov", "§ 1", "S", today)));
        Assert.Equal("Title", await FieldOf(new AddLegalBasis("ok-" + Unique(), " ", "lov", "§ 1", "S", today)));
        Assert.Equal("Title", await FieldOf(new AddLegalBasis("ok-" + Unique(), new string('t', 301), "lov", "§ 1", "S", today)));
        Assert.Equal("Law", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "", "§ 1", "S", today)));
        Assert.Equal("Section", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "lov", "13 b", "S", today)));
        Assert.Equal("Summary", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "lov", "§ 1", "", today)));
        Assert.Equal("Summary", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "lov", "§ 1", new string('s', 2001), today)));
        Assert.Equal("ValidFrom", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "lov", "§ 1", "S", null)));
        Assert.Equal("ValidTo", await FieldOf(new AddLegalBasis("ok-" + Unique(), "T", "lov", "§ 1", "S", today, today.AddDays(-1))));

        var taken = await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new AddLegalBasis("fvl-13b-7", "T", "lov", "§ 1", "S", today)));
        Assert.Equal("Code", taken.Field);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(admin, new RetireLegalBasis(Guid.CreateVersion7())));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_shipped_catalogue_has_the_checked_bases_each_cited_as_law_and_section(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var bases = await h.WithDbAsync(db => db.LegalBases.AsNoTracking().ToListAsync(Ct));
        foreach (var (code, reference) in new[]
                 {
                     ("hpl-31", "helsepersonelloven § 31"), ("hpl-32", "helsepersonelloven § 32"), ("hpl-33", "helsepersonelloven § 33"),
                     ("sotjl-45", "sosialtjenesteloven § 45"), ("strl-196", "straffeloven § 196"), ("bvl-13-2", "barnevernsloven § 13-2"),
                     ("fvl-13b-7", "forvaltningsloven § 13 b første ledd nr. 7"), ("prl-23", "politiregisterloven § 23"), ("prl-24", "politiregisterloven § 24"),
                 })
        {
            var basis = Assert.Single(bases, b => b.Code == code);
            Assert.Equal(reference, basis.Reference);
            Assert.Equal(reference, basis.Law + " " + basis.Section);
            Assert.False(string.IsNullOrWhiteSpace(basis.Summary));
            Assert.True(basis.IsUsableOn(h.Today), code);
        }

        Assert.Equal(LegalBases.Catalogue.Length, bases.Count(b => LegalBases.Catalogue.Any(c => c.Id == b.Id)));
    }

    private static string Unique() => Guid.CreateVersion7().ToString("N")[^10..];
}
