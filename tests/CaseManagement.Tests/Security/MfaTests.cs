using System.Net;
using CaseManagement.Infrastructure;
using CaseManagement.Tests.Support;
using CaseManagement.Web.Security;
using static CaseManagement.Tests.Security.SecurityFlows;

namespace CaseManagement.Tests.Security;

/// <summary>R7: a second factor for every account, TOTP only, each code once, within ±1 step.</summary>
public sealed class MfaTests : IAsyncLifetime
{
    private readonly CaseWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static string Secret(string userName) => DemoData.TotpSecrets[userName];

    private DateTimeOffset Now => _factory.Clock.GetUtcNow();

    [Fact]
    public async Task A_right_password_alone_gives_no_session_for_pages_the_api_or_tokens()
    {
        using var client = _factory.CreateHttpsClient();
        var passwordStep = await ApiSession.PasswordStepAsync(client, "politi", DemoData.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, passwordStep.StatusCode);
        Assert.Equal(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(passwordStep));
        var cookies = SetCookies(passwordStep).ToList();
        Assert.Contains(cookies, c => c.StartsWith(SecurityServices.CookieName + "-2fa=", StringComparison.Ordinal));
        Assert.DoesNotContain(cookies, c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));

        Assert.True(IsRedirectToLogin(await client.GetAsync("/", Ct)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/persons", Ct)).StatusCode);
        var (_, challenge) = ApiSession.NewPkce();
        var authorize = await ApiSession.AuthorizeAsync(client, OpenIdConnectClients.DevelopmentClientId, OpenIdConnectClients.DevelopmentRedirectUri, challenge);
        Assert.Null(ApiSession.CodeFrom(authorize));
        Assert.True(IsRedirectToLogin(authorize));
    }

    [Fact]
    public async Task The_code_step_without_the_password_step_sends_back_to_the_password()
    {
        using var client = _factory.CreateHttpsClient();
        Assert.True(IsRedirectToLogin(await client.GetAsync(ApiSession.LoginFlowPaths.Code, Ct)));
        Assert.True(IsRedirectToLogin(await client.GetAsync(ApiSession.LoginFlowPaths.Enrol, Ct)));
        Assert.True(IsRedirectToLogin(await client.GetAsync(ApiSession.LoginFlowPaths.RecoveryCode, Ct)));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_an_alert_and_no_session()
    {
        using var client = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(client, "politi", DemoData.DemoPassword);
        var right = Totp.CodeAt(Secret("politi"), Now);
        var wrong = right == "123456" ? "654321" : "123456";

        var response = await ApiSession.CodeStepAsync(client, wrong);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));
        Assert.True(IsRedirectToLogin(await client.GetAsync("/", Ct)));
        Assert.Equal(1, (await UserAsync(_factory, "politi")).AccessFailedCount);
    }

    [Fact]
    public async Task A_code_that_was_used_once_is_refused_the_second_time()
    {
        var code = Totp.CodeAt(Secret("politi"), Now);
        using (var first = _factory.CreateHttpsClient())
        {
            await ApiSession.PasswordStepAsync(first, "politi", DemoData.DemoPassword);
            Assert.True(ApiSession.IsSignedInRedirect(await ApiSession.CodeStepAsync(first, code)));
        }

        using var second = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(second, "politi", DemoData.DemoPassword);
        var replay = await ApiSession.CodeStepAsync(second, code);
        var previousStep = await ApiSession.CodeStepAsync(second, Totp.CodeAt(Secret("politi"), Now.AddSeconds(-Totp.StepSeconds)));

        Assert.False(ApiSession.IsSignedInRedirect(replay));
        Assert.False(ApiSession.IsSignedInRedirect(previousStep));
        Assert.True(IsRedirectToLogin(await second.GetAsync("/", Ct)));
        // The next step's code is still good: the refusal was about reuse, not about the user.
        Assert.True(ApiSession.IsSignedInRedirect(await ApiSession.CodeStepAsync(second, Totp.CodeAt(Secret("politi"), Now.AddSeconds(Totp.StepSeconds)))));
    }

    [Fact]
    public async Task Codes_two_steps_away_are_refused_and_one_step_away_accepted()
    {
        using var client = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(client, "politi", DemoData.DemoPassword);

        var tooOld = await ApiSession.CodeStepAsync(client, Totp.CodeAt(Secret("politi"), Now.AddSeconds(-2 * Totp.StepSeconds)));
        var tooNew = await ApiSession.CodeStepAsync(client, Totp.CodeAt(Secret("politi"), Now.AddSeconds(2 * Totp.StepSeconds)));
        Assert.False(ApiSession.IsSignedInRedirect(tooOld));
        Assert.False(ApiSession.IsSignedInRedirect(tooNew));

        var nextStep = await ApiSession.CodeStepAsync(client, Totp.CodeAt(Secret("politi"), Now.AddSeconds(Totp.StepSeconds)));
        Assert.True(ApiSession.IsSignedInRedirect(nextStep));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_new_user_enrols_with_a_qr_code_confirms_a_code_and_sees_ten_recovery_codes_once()
    {
        await CreateUserAsync(_factory, "nina", "Fjordbris-over-Vestfold-7");
        using var client = _factory.CreateHttpsClient();
        var passwordStep = await ApiSession.PasswordStepAsync(client, "nina", "Fjordbris-over-Vestfold-7");
        Assert.Equal(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(passwordStep));
        var codePage = await client.GetAsync(ApiSession.LoginFlowPaths.Code, Ct);
        Assert.Equal(ApiSession.LoginFlowPaths.Enrol, ApiSession.PathOf(codePage));

        var page = await GetEnrolmentPageAsync(client);
        var image = System.Text.RegularExpressions.Regex.Match(page.Html, "<img[^>]*src=\"data:image/png;base64,([^\"]+)\"[^>]*alt=\"[^\"]+\"");
        Assert.True(image.Success, "No QR code image with alt text.");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(WebUtility.HtmlDecode(image.Groups[1].Value))[..4]);
        Assert.Matches("<code id=\"manual-key\"[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", page.Html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Html, "<h1[ >]"));
        // Nothing is stored before the code is confirmed.
        Assert.Null(await WithUsersAsync(_factory, async users => await users.GetAuthenticatorKeyAsync(await users.FindByNameAsync("nina") ?? throw new InvalidOperationException())));

        var wrong = await PostEnrolmentAsync(client, page, Totp.CodeAt(page.Key, Now.AddSeconds(-5 * Totp.StepSeconds)));
        Assert.Contains("role=\"alert\"", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(IsRedirectToLogin(await client.GetAsync("/", Ct)));

        var confirmed = await PostEnrolmentAsync(client, page, Totp.CodeAt(page.Key, Now));
        var html = await confirmed.Content.ReadAsStringAsync(Ct);
        var codes = RecoveryCodes(html);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains(SetCookies(confirmed), c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        // Stored: the key, and the codes only as hashes.
        var user = await UserAsync(_factory, "nina");
        Assert.Equal(page.Key, await WithUsersAsync(_factory, users => users.GetAuthenticatorKeyAsync(user)));
        var stored = await WithUsersAsync(_factory, users => users.GetAuthenticationTokenAsync(user, AppUserManager.InternalLoginProvider, AppUserManager.RecoveryCodesTokenName));
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.All(codes, c => Assert.DoesNotContain(c, stored, StringComparison.OrdinalIgnoreCase));
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase));

        // The confirming code cannot be used again to sign in.
        using var again = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(again, "nina", "Fjordbris-over-Vestfold-7");
        Assert.False(ApiSession.IsSignedInRedirect(await ApiSession.CodeStepAsync(again, Totp.CodeAt(page.Key, Now))));

        // And the enrolment page is closed to an enrolled user: it sends to the code step.
        Assert.Equal(ApiSession.LoginFlowPaths.Code, ApiSession.PathOf(await again.GetAsync(ApiSession.LoginFlowPaths.Enrol, Ct)));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        await CreateUserAsync(_factory, "nina", "Fjordbris-over-Vestfold-7");
        using var enrolling = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(enrolling, "nina", "Fjordbris-over-Vestfold-7");
        var page = await GetEnrolmentPageAsync(enrolling);
        var codes = RecoveryCodes(await (await PostEnrolmentAsync(enrolling, page, Totp.CodeAt(page.Key, Now))).Content.ReadAsStringAsync(Ct));
        Assert.Equal(10, codes.Count);

        using var first = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(first, "nina", "Fjordbris-over-Vestfold-7");
        Assert.True(ApiSession.IsSignedInRedirect(await ApiSession.RecoveryStepAsync(first, codes[3].ToLowerInvariant())));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/", Ct)).StatusCode);

        using var second = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(second, "nina", "Fjordbris-over-Vestfold-7");
        var reused = await ApiSession.RecoveryStepAsync(second, codes[3]);
        Assert.False(ApiSession.IsSignedInRedirect(reused));
        Assert.Contains("role=\"alert\"", await reused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(IsRedirectToLogin(await second.GetAsync("/", Ct)));
        Assert.Equal(9, await WithUsersAsync(_factory, async users => await users.CountRecoveryCodesAsync(await users.FindByNameAsync("nina") ?? throw new InvalidOperationException())));

        Assert.True(ApiSession.IsSignedInRedirect(await ApiSession.RecoveryStepAsync(second, codes[4])));
    }

    [Fact]
    public async Task An_enrolment_state_from_another_account_or_a_forged_one_is_refused()
    {
        await CreateUserAsync(_factory, "nina", "Fjordbris-over-Vestfold-7");
        await CreateUserAsync(_factory, "ola", "Sjoeluft-og-tang-ved-Larvik-42");
        using var nina = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(nina, "nina", "Fjordbris-over-Vestfold-7");
        var ninasPage = await GetEnrolmentPageAsync(nina);

        using var ola = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(ola, "ola", "Sjoeluft-og-tang-ved-Larvik-42");
        var olasPage = await GetEnrolmentPageAsync(ola);

        var foreign = await PostEnrolmentAsync(ola, olasPage with { State = ninasPage.State }, Totp.CodeAt(ninasPage.Key, Now));
        var forged = await PostEnrolmentAsync(ola, olasPage with { State = "CfDJ8" + new string('A', 200) }, Totp.CodeAt(olasPage.Key, Now));

        Assert.Contains("role=\"alert\"", await foreign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(IsRedirectToLogin(await ola.GetAsync("/", Ct)));
        Assert.Null(await WithUsersAsync(_factory, async users => await users.GetAuthenticatorKeyAsync(await users.FindByNameAsync("ola") ?? throw new InvalidOperationException())));
    }

    [Fact]
    public async Task An_enrolment_state_older_than_its_lifetime_is_refused()
    {
        await CreateUserAsync(_factory, "nina", "Fjordbris-over-Vestfold-7");
        using var client = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(client, "nina", "Fjordbris-over-Vestfold-7");
        var page = await GetEnrolmentPageAsync(client);

        _factory.Clock.Advance(MfaEnrolment.Lifetime);
        var late = await PostEnrolmentAsync(client, page, Totp.CodeAt(page.Key, Now));

        Assert.DoesNotContain(SetCookies(late), c => c.StartsWith(SecurityServices.CookieName + "=", StringComparison.Ordinal));
        Assert.Empty(RecoveryCodes(await late.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task An_administrator_can_require_re_enrolment_which_ends_the_users_sessions()
    {
        using var session = _factory.CreateHttpsClient();
        Assert.True(await ApiSession.LoginAsync(session, "politi"));
        var politi = await UserAsync(_factory, "politi");
        var admin = await UserAsync(_factory, "admin");
        var koordinator = await UserAsync(_factory, "koordinator");

        // Through the API and the pipeline: administrators only, never themselves, own agency only.
        using var coordinatorApi = await ApiSession.BearerForAsync(_factory, "koordinator");
        using var adminApi = await ApiSession.BearerForAsync(_factory, "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinatorApi.PostAsync($"/api/v1/admin/users/{politi.Id}/require-reenrolment", null, Ct)).StatusCode);
        // Oneself: refused on the field (400 naming userId), as for every command on one's own account.
        var self = await adminApi.PostAsync($"/api/v1/admin/users/{admin.Id}/require-reenrolment", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("\"userId\"", await self.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Own agency only: the police administrator cannot touch a municipal account.
        Assert.Equal(HttpStatusCode.NotFound, (await adminApi.PostAsync($"/api/v1/admin/users/{koordinator.Id}/require-reenrolment", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await adminApi.PostAsync($"/api/v1/admin/users/{politi.Id}/require-reenrolment", null, Ct)).StatusCode);

        Assert.True(IsRedirectToLogin(await session.GetAsync("/", Ct)));
        Assert.Null(await WithUsersAsync(_factory, async users => await users.GetAuthenticatorKeyAsync(await users.FindByNameAsync("politi") ?? throw new InvalidOperationException())));
        using var next = _factory.CreateHttpsClient();
        await ApiSession.PasswordStepAsync(next, "politi", DemoData.DemoPassword);
        Assert.Equal(ApiSession.LoginFlowPaths.Enrol, ApiSession.PathOf(await next.GetAsync(ApiSession.LoginFlowPaths.Code, Ct)));
        // The old authenticator no longer works: a code from it, posted straight to the code step, signs nobody in.
        var token = ApiSession.AntiforgeryToken(await next.GetStringAsync(ApiSession.LoginFlowPaths.Password, Ct));
        var oldCode = await next.PostFormAsync(ApiSession.LoginFlowPaths.Code, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "totp",
            ["Input.Code"] = Totp.CodeAt(Secret("politi"), Now.AddSeconds(Totp.StepSeconds)),
        }, Ct);
        Assert.False(ApiSession.IsSignedInRedirect(oldCode));
        Assert.True(IsRedirectToLogin(await next.GetAsync("/", Ct)));
    }

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Codes_match_the_rfc_6238_test_vectors(long unixSeconds, string expected)
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", last six of the eight digits.
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        Assert.Equal(expected, Totp.CodeAt(key, time));
        Assert.Equal(Totp.StepAt(time), Totp.MatchStep(key, expected[..3] + " " + expected[3..], time, 0));
        Assert.Null(Totp.MatchStep(key, expected, time, Totp.StepAt(time)));
        Assert.Null(Totp.MatchStep(key, "١٢٣٤٥٦", time, 0));
    }

    [Fact]
    public void The_readme_lists_exactly_the_demo_totp_secrets_the_app_seeds()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseManagement.sln")))
        {
            directory = directory.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
        foreach (var (userName, secret) in DemoData.TotpSecrets)
        {
            Assert.Matches($@"\| `{userName}` \|[^\n]*\| `{secret}` \|", readme);
        }

        Assert.Equal(DemoData.Users.Length, DemoData.TotpSecrets.Count);
    }
}
