using System.Text.Json;

namespace OpenData.Api.Tests.Browser;

/// <summary>axe-core (npm, installed into tools/ by ./test.sh) on the home page: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly Lazy<string> Axe = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "tools", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new InvalidOperationException("axe-core is not installed: run `npm install --prefix tools` (./test.sh does)");
    });

    [Theory]
    [InlineData("fr", 1280, false)]
    [InlineData("en", 1280, true)]
    [InlineData("fr", 360, true)]
    public async Task The_home_page_has_no_serious_accessibility_violation(string lang, int width, bool withResults)
    {
        await using var home = await fixture.OpenAsync(width);
        var page = home.Page;
        await page.GotoAsync($"{fixture.Origin}/?lang={lang}");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        if (withResults)
        {
            await page.ClickAsync("#search button");
            await page.WaitForSelectorAsync("#results li");
            foreach (var details in await page.Locator("details").AllAsync()) await details.Locator("summary").ClickAsync(); // the tables too
        }

        await page.EvaluateAsync(Axe.Value); // evaluated, not injected: the page's policy allows no inline script
        var result = await page.EvaluateAsync<JsonElement>("axe.run(document, { resultTypes: ['violations'] })");
        var serious = result.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — " +
                string.Join("; ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("html").GetString())))
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        home.AssertClean();
    }
}
