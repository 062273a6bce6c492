using Bunit;
using CaseManagement.Web.Components.Pages.Persons;

namespace CaseManagement.Tests.Web;

/// <summary>
/// Drafts survive: the person form's input is kept encrypted in the browser's local storage (without the identity
/// number) and put back when the page is opened again, as after a lost circuit.
/// </summary>
public sealed class DraftKeeperTests
{
    [Fact]
    public async Task Typed_input_is_kept_encrypted_without_the_identity_number_and_restored_on_a_new_page()
    {
        await using var context = await PersonPagesContext.CreateAsync();
        var js = context.Bunit.JSInterop;
        string? stored = null;
        js.SetupVoid("localStorage.setItem", i => { stored = (string)i.Arguments[1]!; return true; }).SetVoidResult();
        js.Setup<string?>("localStorage.getItem", _ => stored is null).SetResult(null);

        var first = context.Bunit.Render<PersonRegisterPage>();
        first.Find("#person-givenName").Change("Utkastina");
        first.Find("#person-familyName").Change("Lagresen");
        first.Find("#person-nin").Change("01010012356");

        // The keeper writes on its own every two seconds (no render to wait for): poll.
        for (var i = 0; i < 50 && stored is null; i++)
        {
            await Task.Delay(200, Xunit.TestContext.Current.CancellationToken);
        }

        Assert.NotNull(stored);
        // One more tick, so the last write has all three fields typed above.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Xunit.TestContext.Current.CancellationToken);
        var ciphertext = stored!;
        Assert.DoesNotContain("Utkastina", ciphertext, StringComparison.Ordinal);
        Assert.DoesNotContain("01010012356", ciphertext, StringComparison.Ordinal);
        Assert.StartsWith("draft:person-register", (string)js.Invocations["localStorage.setItem"][^1].Arguments[0]!, StringComparison.Ordinal);

        js.Setup<string?>("localStorage.getItem", _ => true).SetResult(ciphertext);
        var second = context.Bunit.Render<PersonRegisterPage>();

        second.WaitForAssertion(() => Assert.NotNull(second.Find("[data-testid=draft-restored]")), TimeSpan.FromSeconds(10));
        Assert.Equal("Utkastina", second.Find("#person-givenName").GetAttribute("value"));
        Assert.Equal("Lagresen", second.Find("#person-familyName").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(second.Find("#person-nin").GetAttribute("value")));
    }
}
