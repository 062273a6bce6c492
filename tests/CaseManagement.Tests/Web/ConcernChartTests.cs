using System.Globalization;
using Bunit;
using CaseManagement.Application.Features.Conversations;
using CaseManagement.Domain.Conversations;
using CaseManagement.Web.Components.Pages.Conversations;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CaseManagement.Tests.Web;

/// <summary>The concern chart: each point where its value says, a text alternative with the same numbers, and markup typed in a note shown as text.</summary>
public sealed class ConcernChartTests : IDisposable
{
    private readonly BunitContext _bunit = new();

    public ConcernChartTests()
    {
        _bunit.Services.AddLocalization();
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        // The browser's culture: Norwegian writes a decimal comma, which SVG would read as nothing.
        CultureInfo.CurrentCulture = new CultureInfo("nb-NO");
        CultureInfo.CurrentUICulture = new CultureInfo("nb-NO");
    }

    public void Dispose() => _bunit.Dispose();

    [Fact]
    public void Each_level_is_drawn_at_its_height_and_the_table_and_description_carry_the_same_numbers()
    {
        ConcernPoint[] points =
        [
            new(Guid.CreateVersion7(), new DateOnly(2026, 10, 21), ConcernLevel.High, [new LifeAreaView(LifeArea.Online, 3, 0, "<script>alert(1)</script>")]),
            new(Guid.CreateVersion7(), new DateOnly(2026, 11, 18), ConcernLevel.Moderate, [new LifeAreaView(LifeArea.Online, 2, 1, null)]),
        ];

        var chart = _bunit.Render<ConcernChart>(p => p.Add(c => c.Points, points));

        var levelChart = chart.Find("svg[aria-labelledby='concern-chart-title concern-chart-desc']");
        var circles = levelChart.QuerySelectorAll("circle").Select(c => double.Parse(c.GetAttribute("cy")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, circles.Count);
        // SVG y grows downwards: "high" (3) sits above "moderate" (2), one grid step apart.
        var step = (160 - 24) / 3.0;
        Assert.Equal(160 - 12 - 3 * step, circles[0], 2);
        Assert.Equal(160 - 12 - 2 * step, circles[1], 2);
        Assert.DoesNotContain(",", string.Concat(chart.FindAll("svg line, svg circle, svg rect").SelectMany(e => new[] { e.GetAttribute("y1"), e.GetAttribute("cy"), e.GetAttribute("y") })), StringComparison.Ordinal);
        Assert.Equal("21.10.2026: 3 høy; 18.11.2026: 2 moderat", chart.Find("#concern-chart-desc").TextContent);
        var rows = chart.FindAll("[data-testid=concern-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("3 / 0", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 / 1", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(chart.FindAll("script"));
    }
}
