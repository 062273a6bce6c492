using System.Net;
using CaseManagement.Application.Data;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using static CaseManagement.Tests.Security.SecurityFlows;

namespace CaseManagement.Tests.Security;

/// <summary>R8: length 12–128 exactly, no composition rules, common passwords refused, bounded hashing input.</summary>
public sealed class PasswordTests : IAsyncLifetime
{
    private const string Secret = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
    private readonly CaseWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static string Phrase(int length) =>
        string.Concat(Enumerable.Repeat("Fjorden-ligger-blank-i-morgensol-", 10))[..length];

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public async Task A_long_password_works_exactly_and_only_in_full(int length)
    {
        var password = Phrase(length);
        Assert.Equal(length, password.Length);
        await CreateUserAsync(_factory, "lang", password, Secret);

        using (var truncated = _factory.CreateHttpsClient())
        {
            Assert.False(await ApiSession.LoginAsync(_factory, truncated, "lang", password[..^1], Secret));
        }

        using (var changed = _factory.CreateHttpsClient())
        {
            Assert.False(await ApiSession.LoginAsync(_factory, changed, "lang", password[..^1] + "X", Secret));
        }

        using var exact = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(_factory, exact, "lang", password, Secret));
        Assert.Equal(HttpStatusCode.OK, (await exact.GetAsync("/", Ct)).StatusCode);
    }

    public static TheoryData<string, string> RefusedPasswords => new()
    {
        { new string('x', 40) + Phrase(89), "PasswordTooLong" },
        { "Elleve-tegn", "PasswordTooShort" },
        { "Elleve-tg-😀", "PasswordTooShort" }, // 12 UTF-16 units, 11 characters
        { "password123456", "PasswordTooCommon" },
        { "PassWord123456", "PasswordTooCommon" },
        { "QWERTYUIOPASDFGH", "PasswordTooCommon" },
        { "qwertyuiopasdfgh", "PasswordTooCommon" },
        { "123456789012", "PasswordTooCommon" },
        { "sommer2024sommer", "PasswordTooCommon" },
        { "Mitt-Oppfølging-passord", "PasswordContainsContext" },
        { "hemmelig-nyttnavn-2026", "PasswordContainsContext" },
    };

    [Theory]
    [MemberData(nameof(RefusedPasswords))]
    public async Task Setting_a_password_refuses_the_wrong_ones_with_the_reason(string password, string expectedError)
    {
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "nyttnavn", DisplayName = "Ny", UnitId = DemoData.SandefjordStation };
        var result = await WithUsersAsync(_factory, users => users.CreateAsync(user, password));

        Assert.False(result.Succeeded);
        Assert.Contains(expectedError, result.Errors.Select(e => e.Code));
        Assert.Null(await WithUsersAsync(_factory, users => users.FindByNameAsync("nyttnavn")));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(128)]
    public async Task Any_characters_of_allowed_length_are_accepted_without_composition_rules(int length)
    {
        // Lower case only, spaces, Norwegian letters and an emoji (one code point, two UTF-16 units).
        var password = string.Concat(Enumerable.Repeat("blåbær og 🫐 ", 20)).EnumerateRunes().Take(length).Aggregate("", (s, r) => s + r.ToString());
        Assert.Equal(length, password.EnumerateRunes().Count());
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "fri", DisplayName = "Fri", UnitId = DemoData.SandefjordStation };

        var result = await WithUsersAsync(_factory, users => users.CreateAsync(user, password));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        Assert.True(await WithUsersAsync(_factory, async users => await users.CheckPasswordAsync((await users.FindByNameAsync("fri"))!, password)));
    }

    [Fact]
    public async Task A_129_character_password_is_refused_when_changed_too()
    {
        await CreateUserAsync(_factory, "bytter", Phrase(20), Secret);
        var result = await WithUsersAsync(_factory, async users => await users.ChangePasswordAsync((await users.FindByNameAsync("bytter"))!, Phrase(20), Phrase(129)));

        Assert.False(result.Succeeded);
        Assert.Contains("PasswordTooLong", result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void The_shipped_common_password_list_has_thousands_of_entries_and_ignores_case()
    {
        var list = new CommonPasswords();
        Assert.True(list.Count >= 5000, $"Only {list.Count} entries.");
        Assert.True(list.Contains("Password123456"));
        Assert.True(list.Contains("QwertyUiopAsdfgh"));
        Assert.True(list.Contains("123456789012"));
        Assert.False(list.Contains(DemoData.DemoPassword));
    }

    [Fact]
    public async Task A_login_over_1024_characters_is_refused_before_the_password_is_checked()
    {
        using var client = _factory.CreateHttpsClient();
        var response = await ApiSession.PasswordStepAsync(client, "politi", DemoData.DemoPassword + new string('x', 1024));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"login-error\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Not even counted as a failed attempt: the hasher never saw it.
        Assert.Equal(0, (await UserAsync(_factory, "politi")).AccessFailedCount);
    }
}
