using MudBlazor;

namespace CaseManagement.Web.Components.Layout;

/// <summary>Colours chosen for at least 4.5:1 contrast on text (WCAG 2.1 AA).</summary>
public static class Theme
{
    public static readonly MudTheme Default = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a4d7c",
            Secondary = "#5b3a87",
            AppbarBackground = "#1a4d7c",
            Error = "#b00020",
            Success = "#2e6b30",
            Warning = "#8a5300",
            Info = "#1f5f99",
        },
    };
}
