using CaseManagement.Infrastructure;
using Microsoft.Playwright;

namespace CaseManagement.Tests.Browser;

/// <summary>
/// How a browser test gets a signed-in page. Logging in lives only here: when login gains a second factor (TOTP),
/// this is the one method to change.
/// </summary>
public static class BrowserSession
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A fresh browser context (own cookies) in Norwegian, pointed at the server.</summary>
    public static async Task<IBrowserContext> NewContextAsync(BrowserFixture browser, BrowserServer server)
    {
        var context = await (await browser.GetBrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address,
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    /// <summary>Logs in through the login page as a demo user and waits until the app's circuit is up.</summary>
    public static async Task LoginAsync(IPage page, string userName, string password = DemoData.DemoPassword)
    {
        var server = BrowserServer.Current ?? throw new InvalidOperationException("No browser server is running.");
        // The shared server's fake clock barely moves, and a dozen tests sign in "politi": without this the later ones
        // meet the limit of 10 sign-ins per user per 15 minutes (the throttle has its own tests).
        await server.ResetLoginThrottleAsync(userName);
        await page.GotoAsync("/login");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        // Second factor: every account has one; the demo users' TOTP secrets are published in DemoData.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login/code");
        await page.Locator("#code").FillAsync(await server.NextCodeAsync(userName));
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Goes to a page of the app the way a user does once signed in: by an in-app link, in the running circuit.
    /// </summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        if (!await page.Locator("[data-circuit=ready]").IsVisibleAsync())
        {
            await page.GotoAsync("/");
            await WaitForCircuitAsync(page);
        }

        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>Loads an address directly (typed, bookmarked, reloaded) and waits until the page is interactive.</summary>
    public static async Task LoadAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// A prerendered button can be clicked before the circuit attaches, and the click is lost: the layout marks its
    /// container once it renders interactively.
    /// </summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-circuit=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
