using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.FollowUps;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Domain.FollowUps;
using CaseManagement.Tests.Access;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Auditing;

/// <summary>R21: no personal data in the application log. R23: hostile input cannot forge or split a log record.</summary>
public sealed class LogHygieneTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_main_flows_log_no_identity_number_name_contact_detail_or_note(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var outsider = await h.MunicipalCaseWorkerAsync();
        var given = UniqueWord();
        var family = UniqueWord();
        var nin = TestIdentityNumbers.Unique(AdultBirthDate);
        var newNin = TestIdentityNumbers.Unique(AdultBirthDate);
        var note = "Avklart med skolen " + UniqueWord();
        const string phone = "+47 412 34 567";
        const string address = "Hemmeligveien 17";
        var before = h.Logs.Lines.Count;

        var id = (await h.SendAsync(officer, new RegisterPerson(given, family, AdultBirthDate, nin, Phone: phone))).Id;
        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(officer, new RegisterPerson(given, family, AdultBirthDate, nin)));
        var byNumber = await h.SendAsync(officer, new FindPersons(NationalIdentityNumber: nin));
        Assert.Equal(id, Assert.Single(byNumber.Items).Id);
        var byName = await h.SendAsync(officer, new FindPersons(Name: family));
        Assert.Equal(id, Assert.Single(byName.Items).Id);
        var view = await h.SendAsync(officer, new GetPerson(id));
        await h.SendAsync(officer, view.AsCorrection() with { Address = address, NationalIdentityNumber = newNin });
        Assert.Equal(newNin, (await h.SendAsync(officer, new GetPerson(id))).NationalIdentityNumber);
        await Assert.ThrowsAsync<NotFoundException>(async () => await h.SendAsync(outsider, new GetPerson(id)));
        var followUpId = (await h.SendAsync(officer, new OpenFollowUp(id, ConcernSource.School))).Id;
        var followUp = await h.SendAsync(officer, new GetFollowUp(followUpId));
        await h.SendAsync(officer, new CloseFollowUp(followUpId, followUp.Version, CloseReason.NoFurtherConcern, note));

        var lines = h.Logs.Lines.Skip(before).ToList();
        // The flows were logged (so the check below looks at real output), by message name and user id only.
        Assert.Contains(lines, l => l.Contains($"RegisterPerson handled for user {officer}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("CloseFollowUp handled", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"GetPerson refused or failed for user {outsider}: NotFoundException", StringComparison.Ordinal));
        foreach (var secret in (string[])[nin, newNin, given, family, note, phone, address, "Avklart med skolen"])
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_name_with_line_breaks_or_terminal_escapes_is_refused_and_logged_as_one_line(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await h.PoliceOfficerAsync();
        var before = h.Logs.Lines.Count;
        const string forged = "Information CaseManagement: RegisterPerson handled for user 00000000-0000-0000-0000-000000000000";

        foreach (var name in (string[])["Ola\r\n" + forged, "Ola\n" + forged, "Ola\u001b[2J\u001b[31m", "Ola\u0085" + forged])
        {
            await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(officer, new RegisterPerson(name, UniqueWord(), AdultBirthDate)));
        }

        var lines = h.Logs.Lines.Skip(before).ToList();
        var refused = lines.Where(l => l.Contains("RegisterPerson refused or failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, refused.Count);
        Assert.All(refused, l =>
        {
            Assert.EndsWith($"RegisterPerson refused or failed for user {officer}: ValidationException", l, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', l);
            Assert.DoesNotContain('\n', l);
        });
        Assert.DoesNotContain(lines, l => l.Contains('\u001b', StringComparison.Ordinal) || l.Contains('\u0085', StringComparison.Ordinal) || l.Contains("00000000-0000-0000-0000-000000000000", StringComparison.Ordinal));
    }
}
