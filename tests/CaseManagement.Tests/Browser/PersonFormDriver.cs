using Microsoft.Playwright;

namespace CaseManagement.Tests.Browser;

/// <summary>Fills the person form the way a user does: finding every field by its visible label.</summary>
public static class PersonFormDriver
{
    public sealed record GuardianEntry(string Name, string Relation, string? Phone = null);

    public static async Task FillAsync(IPage page, string givenName, string familyName, string? dateOfBirth, string? nin = null, params GuardianEntry[] guardians)
    {
        await Field(page, "Fornavn").FillAsync(givenName);
        await Field(page, "Etternavn").FillAsync(familyName);
        if (dateOfBirth is not null)
        {
            await Field(page, "Fødselsdato").FillAsync(dateOfBirth);
        }

        if (nin is not null)
        {
            await Field(page, "Fødselsnummer eller D-nummer (valgfritt)").FillAsync(nin);
        }

        for (var i = 0; i < guardians.Length; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Legg til foresatt" }).ClickAsync();
            var group = page.GetByRole(AriaRole.Group, new() { Name = $"Foresatt {i + 1}", Exact = true });
            await group.GetByLabel("Navn", new() { Exact = true }).FillAsync(guardians[i].Name);
            await group.GetByLabel("Relasjon", new() { Exact = true }).ClickAsync();
            await page.Locator(".mud-popover-open").GetByText(guardians[i].Relation, new() { Exact = true }).ClickAsync();
            await Assertions.Expect(group.GetByLabel("Relasjon", new() { Exact = true })).ToHaveValueAsync(guardians[i].Relation);
            if (guardians[i].Phone is { } phone)
            {
                await group.GetByLabel("Telefon (valgfritt)", new() { Exact = true }).FillAsync(phone);
            }
        }
    }

    public static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    public static Task SubmitAsync(IPage page, string buttonText = "Registrer") =>
        page.GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).ClickAsync();
}
