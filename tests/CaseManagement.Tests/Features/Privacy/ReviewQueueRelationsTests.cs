using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Features.Administration;
using CaseManagement.Application.Features.Persons;
using CaseManagement.Application.Features.Privacy;
using CaseManagement.Domain.Access;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Domain;
using CaseManagement.Tests.Features.Persons;
using CaseManagement.Tests.Support.Databases;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using static CaseManagement.Tests.Features.Persons.PersonTestData;

namespace CaseManagement.Tests.Features.Privacy;

/// <summary>
/// R25: self-, relative- and colleague look-ups land in the review queue (ADR-011), matched on the users' own
/// details that an administrator recorded: identity numbers through their blind index, family name and address.
/// </summary>
public sealed class ReviewQueueRelationsTests(HarnessFixture fixture) : IClassFixture<HarnessFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reading_oneself_a_relative_and_a_colleague_is_flagged_a_stranger_is_not(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var officer = await PrivacyTestData.PrivacyOfficerAsync(h);
        var admin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var reader = await h.CaseWorkerAsync();
        var colleague = await h.CaseWorkerAsync();
        var family = UniqueWord();
        var ownNumber = TestIdentityNumbers.Unique(AdultBirthDate);
        var colleagueNumber = TestIdentityNumbers.Unique(AdultBirthDate);
        await h.SendAsync(admin, new SetUserPersonalDetails(reader, ownNumber, family, "Storgata 5, 3210 Sandefjord"));
        await h.SendAsync(admin, new SetUserPersonalDetails(colleague, colleagueNumber, null, null));

        var registrar = await h.CaseWorkerAsync();
        var self = await h.RegisterAsync(registrar, new RegisterPerson("Meg", UniqueWord(), AdultBirthDate, ownNumber));
        var relative = await h.RegisterAsync(registrar, new RegisterPerson("Søster", family.ToUpperInvariant(), AdultBirthDate, Address: " storgata  5,  3210 sandefjord"));
        var colleagueEntry = await h.RegisterAsync(registrar, new RegisterPerson("Kollega", UniqueWord(), AdultBirthDate, colleagueNumber));
        var namesake = await h.RegisterAsync(registrar, new RegisterPerson("Navne", family, AdultBirthDate, Address: "Kirkegata 1"));
        var from = h.Clock.GetUtcNow();
        foreach (var person in (Guid[])[self, relative, colleagueEntry, namesake, self])
        {
            await h.SendAsync(reader, new GetPerson(person));
        }

        var queue = await h.SendAsync(officer, new AccessReviewQueue(from.AddMinutes(-1), from.AddMinutes(5)));

        var flagged = queue.Items.Where(i => i.UserId == reader && i.Kind is ReviewKind.SelfLookUp or ReviewKind.Relative or ReviewKind.Colleague)
            .Select(i => (i.Kind, i.PersonId!.Value)).ToList();
        Assert.Equal(
            [(ReviewKind.SelfLookUp, self), (ReviewKind.Relative, relative), (ReviewKind.Colleague, colleagueEntry)],
            flagged.OrderBy(f => f.Kind).ToList());
        // The registrar has no details recorded: reading the same persons flags nothing for them but the colleague.
        Assert.DoesNotContain(queue.Items, i => i.UserId == registrar && i.Kind is ReviewKind.SelfLookUp or ReviewKind.Relative);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_users_details_are_stored_encrypted_and_an_administrator_cannot_record_their_own(DatabaseProvider provider)
    {
        var h = await fixture.HarnessAsync(provider);
        var admin = await h.CreateUserAsync(Role.Administrator, DemoData.MunicipalAdministration);
        var user = await h.CaseWorkerAsync();
        var number = TestIdentityNumbers.Unique(AdultBirthDate);

        await Assert.ThrowsAsync<RuleViolationException>(async () => await h.SendAsync(admin, new SetUserPersonalDetails(admin, number, "Selv", null)));
        var invalid = await Assert.ThrowsAsync<ValidationException>(async () => await h.SendAsync(admin, new SetUserPersonalDetails(user, "12345678901", null, null)));
        Assert.Contains(invalid.Errors, e => e.PropertyName == nameof(SetUserPersonalDetails.NationalIdentityNumber) && !e.ErrorMessage.Contains("12345678901", StringComparison.Ordinal));
        await h.SendAsync(admin, new SetUserPersonalDetails(user, number[..6] + " " + number[6..], "Hansen", "Gata 1"));

        var stored = await h.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user, Ct));
        Assert.Equal((number, "Hansen", "Gata 1"), (stored.NationalIdentityNumber, stored.FamilyName, stored.HomeAddress));
        await using var raw = await CaseManagement.Tests.Auditing.AuditTestSupport.OpenRawAsync(h);
        await using var command = raw.CreateCommand();
        command.CommandText = """SELECT "NationalIdentityNumber" || '|' || "HomeAddress" FROM "AspNetUsers" WHERE "Id" = @id""";
        var p = command.CreateParameter();
        p.ParameterName = "id";
        p.Value = provider == DatabaseProvider.Sqlite ? user.ToString().ToUpperInvariant() : user;
        command.Parameters.Add(p);
        var rawValue = (string)(await command.ExecuteScalarAsync(Ct))!;
        Assert.DoesNotContain(number, rawValue, StringComparison.Ordinal);
        Assert.DoesNotContain("Gata 1", rawValue, StringComparison.Ordinal);
    }
}
