using System.Net;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using static CaseManagement.Tests.Security.SecurityFlows;

namespace CaseManagement.Tests.Security;

/// <summary>R9: throttled, never locked out for good, and no way to tell which user names exist.</summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private const string Password = "Fjordbris-over-Vestfold-7";
    private const string Secret = "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA";
    private readonly CaseWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Fifty_failures_are_throttled_and_after_the_window_the_real_user_gets_in()
    {
        using var attacker = _factory.CreateHttpsClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 50; i++)
        {
            var response = await ApiSession.PasswordStepAsync(attacker, "politi", $"Gjetning-nummer-{i:00}");
            statuses.Add(response.StatusCode);
            throttled ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // Each failure answered with the login page until the per-user-name window is full; then only 429s.
        Assert.All(statuses.Take(LoginThrottle.PerUserLimit), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(LoginThrottle.PerUserLimit), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.NotNull(throttled);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("role=\"alert\"", await throttled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The real user, right now: throttled too (and locked out after ten failures).
        using var victim = _factory.CreateHttpsClient();
        Assert.False(await ApiSession.LoginAsync(victim, "politi"));
        Assert.True(await WithUsersAsync(_factory, async users => await users.IsLockedOutAsync((await users.FindByNameAsync("politi"))!)));

        // Nothing is permanent: once the window and the lockout have passed, the password and code work.
        _factory.Clock.Advance(LoginThrottle.UserWindow + TimeSpan.FromMinutes(1));
        Assert.True(await ApiSession.LoginAsync(victim, "politi"));
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_unlock_lets_the_victim_in_at_once()
    {
        using var attacker = _factory.CreateHttpsClient();
        for (var i = 0; i < LoginThrottle.PerUserLimit + 1; i++)
        {
            await ApiSession.PasswordStepAsync(attacker, "politi", $"Gjetning-nummer-{i:00}");
        }

        using var victim = _factory.CreateHttpsClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ApiSession.PasswordStepAsync(victim, "politi", DemoData.DemoPassword)).StatusCode);

        var politi = await UserAsync(_factory, "politi");
        using var adminApi = await ApiSession.BearerForAsync(_factory, "admin");
        Assert.Equal(HttpStatusCode.OK, (await adminApi.PostAsync($"/api/v1/admin/users/{politi.Id}/unlock", null, Ct)).StatusCode);

        Assert.True(await ApiSession.LoginAsync(victim, "politi"));
    }

    [Fact]
    public async Task Wrong_second_factor_codes_are_throttled_per_account()
    {
        using var client = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(client, "politi", DemoData.DemoPassword);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.PerUserLimit + 2; i++)
        {
            statuses.Add((await ApiSession.CodeStepAsync(client, $"{i:000000}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.Redirect, statuses);
    }

    [Fact]
    public async Task Many_user_names_from_one_address_are_throttled_per_client()
    {
        using var client = _factory.CreateHttpsClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LoginThrottle.PerClientLimit + 1; i++)
        {
            statuses.Add((await ApiSession.PasswordStepAsync(client, $"bruker{i}", "Gjetning-nummer-1")).StatusCode);
        }

        Assert.All(statuses.Take(LoginThrottle.PerClientLimit), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Throttling_answers_the_same_for_an_existing_and_an_unknown_user_name()
    {
        using var client = _factory.CreateHttpsClient();
        HttpResponseMessage? existing = null, unknown = null;
        for (var i = 0; i <= LoginThrottle.PerUserLimit; i++)
        {
            existing = await ApiSession.PasswordStepAsync(client, "politi", $"Gjetning-nummer-{i:00}");
            unknown = await ApiSession.PasswordStepAsync(client, "finnesikke", $"Gjetning-nummer-{i:00}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, existing!.StatusCode);
        Assert.Equal(existing.StatusCode, unknown!.StatusCode);
        Assert.Equal(await existing.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_unknown_and_an_existing_user_name_get_the_same_status_and_body()
    {
        using var client = _factory.CreateHttpsClient();
        var beforeTheUserExists = await ApiSession.PasswordStepAsync(client, "nina", Password + "x");
        await CreateUserAsync(_factory, "nina", Password, Secret);
        var wrongPassword = await ApiSession.PasswordStepAsync(client, "nina", Password + "x");

        await AssertSameAsync(beforeTheUserExists, wrongPassword);
    }

    [Fact]
    public async Task A_wrong_password_a_locked_and_a_disabled_account_get_the_same_status_and_body()
    {
        await CreateUserAsync(_factory, "nina", Password, Secret);
        using var client = _factory.CreateHttpsClient();
        var wrongPassword = await ApiSession.PasswordStepAsync(client, "nina", Password + "x");

        await WithUsersAsync(_factory, async users => await users.SetLockoutEndDateAsync((await users.FindByNameAsync("nina"))!, _factory.Clock.GetUtcNow().AddMinutes(10)));
        var lockedRightPassword = await ApiSession.PasswordStepAsync(client, "nina", Password);
        var lockedWrongPassword = await ApiSession.PasswordStepAsync(client, "nina", Password + "x");

        await WithUsersAsync(_factory, async users =>
        {
            var nina = (await users.FindByNameAsync("nina"))!;
            await users.SetLockoutEndDateAsync(nina, null);
            nina.IsDisabled = true;
            return await users.UpdateAsync(nina);
        });
        var disabledRightPassword = await ApiSession.PasswordStepAsync(client, "nina", Password);

        await AssertSameAsync(wrongPassword, lockedRightPassword);
        await AssertSameAsync(wrongPassword, lockedWrongPassword);
        await AssertSameAsync(wrongPassword, disabledRightPassword);
    }

    private static async Task AssertSameAsync(HttpResponseMessage expected, HttpResponseMessage actual)
    {
        Assert.Equal(HttpStatusCode.OK, expected.StatusCode);
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        var expectedBody = await expected.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"login-error\"", expectedBody, StringComparison.Ordinal);
        Assert.Equal(WithoutAntiforgery(expectedBody), WithoutAntiforgery(await actual.Content.ReadAsStringAsync(Ct)));
        Assert.DoesNotContain(SetCookies(actual), c => c.StartsWith(SecurityServices.CookieName + "-2fa=", StringComparison.Ordinal));
    }
}
