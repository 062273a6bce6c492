using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace CaseManagement.Web.Components.Drafts;

/// <summary>What is kept of a form: the typed values and when they were kept.</summary>
public sealed record DraftEnvelope<TDraft>(DateTimeOffset SavedAt, TDraft Value);

/// <summary>
/// Unsaved form input kept in the browser's local storage, encrypted with the server's data-protection keys under a
/// purpose bound to the signed-in user: the browser (and any script in it) holds only ciphertext, and another user
/// signing in on the same browser cannot read it. Drafts never hold a national identity number (the draft types leave
/// it out) and expire after <see cref="MaxAge"/>.
/// </summary>
public sealed class DraftStore(ProtectedLocalStorage storage, AuthenticationStateProvider authentication, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public async Task SaveAsync<TDraft>(string key, TDraft value)
    {
        if (await PurposeAsync() is { } purpose)
        {
            await storage.SetAsync(purpose, StorageKey(key), new DraftEnvelope<TDraft>(clock.GetUtcNow(), value));
        }
    }

    /// <summary>The kept draft, or null (none, another user's, unreadable, or too old: then it is removed).</summary>
    public async Task<DraftEnvelope<TDraft>?> LoadAsync<TDraft>(string key)
    {
        if (await PurposeAsync() is not { } purpose)
        {
            return null;
        }

        try
        {
            var result = await storage.GetAsync<DraftEnvelope<TDraft>>(purpose, StorageKey(key));
            if (result is { Success: true, Value: { } envelope } && clock.GetUtcNow() - envelope.SavedAt <= MaxAge)
            {
                return envelope;
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Written under another user's purpose or with keys since rotated away: not ours to read.
        }

        await ClearAsync(key);
        return null;
    }

    public Task ClearAsync(string key) => storage.DeleteAsync(StorageKey(key)).AsTask();

    private static string StorageKey(string key) => "draft:" + key;

    private async Task<string?> PurposeAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        return id is null ? null : "CaseManagement.Drafts.v1:" + id;
    }
}
