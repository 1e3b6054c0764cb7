using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OpenData.Api.Tests.Browser;

/// <summary>The home page in a real browser, against the API serving a generated dataset.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(BrowserFixture fixture)
{
    private async Task<WatchedPage> HomeAsync(string lang = "fr", int width = 1280)
    {
        var watched = await fixture.OpenAsync(width);
        await watched.Page.GotoAsync($"{fixture.Origin}/?lang={lang}");
        await watched.Page.WaitForSelectorAsync("body[data-ready=true]");
        return watched;
    }

    [Fact]
    public async Task A_request_leaving_this_host_is_recorded_and_fails_at_once()
    {
        await using var home = await HomeAsync();
        var refused = await Assert.ThrowsAsync<PlaywrightException>(() => home.Page.GotoAsync("http://example.org/tracker"));
        Assert.Contains("ERR_PROXY_CONNECTION_FAILED", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["http://example.org/tracker"], home.Outside);
        Assert.Throws<Xunit.Sdk.TrueException>(home.AssertClean);
    }

    [Fact]
    public async Task The_figures_are_the_datasets_and_say_it_is_generated_in_french_and_in_english()
    {
        var dataset = await TestKit.GetJsonAsync(fixture.Client, "/v1/dataset");
        foreach (var (lang, heading) in new[] { ("fr", "Les questions des sénateurs au Gouvernement, en API ouverte"), ("en", "Senators' questions to the French government, as an open API") })
        {
            await using var home = await HomeAsync(lang);
            var page = home.Page;
            Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
            Assert.Equal(heading, await page.TextContentAsync("h1"));
            Assert.Equal(dataset.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-figure=version]", "data-value"));
            foreach (var figure in new[] { "questions", "answers", "senators", "ministries", "themes" })
                Assert.Equal(dataset.GetProperty("rowCounts").GetProperty(figure).GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    await page.GetAttributeAsync($"[data-figure={figure}]", "data-value"));
            Assert.True(dataset.GetProperty("generated").GetBoolean());
            Assert.True(await page.IsVisibleAsync("#generated"));
            Assert.Equal(lang == "fr" ? "Aucune : données générées" : "None: generated data", await page.TextContentAsync("#licence"));
            Assert.Equal(dataset.GetProperty("importedAt").GetString(), await page.GetAttributeAsync("#imported time", "datetime"));
            // A link to each bulk file of this version.
            Assert.Equal(dataset.GetProperty("downloads").EnumerateArray().Select(d => d.GetProperty("url").GetString()),
                await page.EvalOnSelectorAllAsync<string[]>("#downloads a", "links => links.map(a => a.getAttribute('href'))"));
            Assert.True(await page.IsVisibleAsync("#downloads"));
            home.AssertClean();
        }
    }

    [Fact]
    public async Task Both_charts_draw_the_statistics_and_their_tables_give_every_figure()
    {
        var stats = (await TestKit.GetJsonAsync(fixture.Client, "/v1/stats/ministries?current=true")).GetProperty("data").EnumerateArray().ToList();
        var timeline = (await TestKit.GetJsonAsync(fixture.Client, "/v1/stats/timeline?interval=month")).GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(stats);
        Assert.NotEmpty(timeline);
        await using var home = await HomeAsync();
        var page = home.Page;

        // The delays counting the questions still waiting (timeToAnswer, Kaplan-Meier), n beside each ministry.
        static int? Median(JsonElement s) => s.GetProperty("timeToAnswer").GetProperty("median") is { ValueKind: JsonValueKind.Number } m ? m.GetInt32() : null;
        static long N(JsonElement s) => s.GetProperty("timeToAnswer").GetProperty("n").GetInt64();
        var bars = page.Locator("#delays-chart svg g.bar");
        Assert.Equal(stats.Count, await bars.CountAsync());
        Assert.Equal(stats.Count(s => Median(s) is not null), await page.Locator("#delays-chart svg g.bar rect[fill='#1d3f72']").CountAsync());
        Assert.Equal(stats.Select(N).Order(), (await bars.EvaluateAllAsync<long[]>("bars => bars.map(b => Number(b.dataset.n))")).Order());
        Assert.Contains($"n = ", await bars.First.TextContentAsync());
        Assert.Equal(stats.Count, await page.Locator("#delays-table tbody tr").CountAsync());
        // Slowest first: a ministry that never answers half its questions, then by median.
        var slowest = stats.OrderBy(s => Median(s) is null ? 0 : 1).ThenByDescending(s => Median(s) ?? 0)
            .ThenBy(s => s.GetProperty("ministry").GetProperty("id").GetInt64()).First();
        var firstRow = page.Locator("#delays-table tbody tr").First;
        Assert.Equal(slowest.GetProperty("ministry").GetProperty("name").GetString(), await firstRow.Locator("th").TextContentAsync());
        Assert.Equal(N(slowest).ToString(System.Globalization.CultureInfo.InvariantCulture), (await firstRow.Locator("td").Nth(2).TextContentAsync())!.Replace("\u202f", ""));
        Assert.Equal(slowest.GetProperty("overdue").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), (await firstRow.Locator("td").Nth(5).TextContentAsync())!.Replace("\u202f", ""));
        var slowestHalfAnswered = stats.Where(s => Median(s) is not null).OrderByDescending(s => Median(s)).ThenBy(s => s.GetProperty("ministry").GetProperty("id").GetInt64()).First();
        Assert.Contains(slowestHalfAnswered.GetProperty("ministry").GetProperty("name").GetString()!, await page.TextContentAsync("#delays-summary"));

        var series = page.Locator("#timeline-chart svg polyline.series");
        Assert.Equal(2, await series.CountAsync());
        foreach (var line in await series.AllAsync())
            Assert.Equal(timeline.Count, (await line.GetAttributeAsync("points"))!.Split(' ').Length);
        Assert.Equal(timeline.Count, await page.Locator("#timeline-table tbody tr").CountAsync());
        Assert.Equal(timeline[0].GetProperty("period").GetString(), await page.Locator("#timeline-table tbody tr th").First.TextContentAsync());
        Assert.Equal("img", await page.GetAttributeAsync("#timeline-chart svg", "role"));
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#timeline-summary")));
        home.AssertClean();
    }

    [Fact]
    public async Task A_search_too_costly_to_rank_by_relevance_lists_the_newest_matches_instead()
    {
        // An API whose requests may cost at most 60 permits: ranking a word found in half the questions costs more.
        using var api = await new ApiProcess(fixture.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL__MaxCost"] = "60" }).StartedAsync();
        using (var ranked = await api.Client.GetAsync("/v1/questions?q=commune&sort=relevance&limit=10"))
            Assert.Equal(HttpStatusCode.BadRequest, ranked.StatusCode);
        await using var home = await fixture.OpenAsync();
        var page = home.Page;
        await page.GotoAsync($"http://127.0.0.1:{api.Port}/?lang=en");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.FillAsync("#q", "commune");
        await page.PressAsync("#q", "Enter");
        await page.WaitForSelectorAsync("#results li");

        var expected = await TestKit.GetJsonAsync(api.Client, "/v1/questions?q=commune&limit=10");
        Assert.Equal(expected.GetProperty("data").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToList(),
            (await page.Locator("#results li .meta").AllTextContentsAsync()).Select(text => text.Split(" · ")[0]).ToList());
        Assert.EndsWith("too many to rank by relevance: the 10 newest:", await page.TextContentAsync("#search-status"));
        // The refused ranking is the one failed request the browser reports, and nothing else went wrong.
        Assert.All(home.Errors, e => Assert.Contains("400", e));
    }

    [Fact]
    public async Task A_search_typed_at_the_keyboard_lists_questions_linking_to_their_json_and_senat_fr_page()
    {
        await using var home = await HomeAsync("en");
        var page = home.Page;
        await page.FocusAsync("#q");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("intelligence artificielle");
        var ranking = page.WaitForRequestAsync(r => r.Url.Contains("sort=relevance", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#results li");
        // Ranked by relevance only within a fifth of an anonymous window: dearer, the API refuses it for a permit.
        Assert.Equal((new Protection.RateLimitingOptions().Anonymous.PermitLimit / Protection.MaxCost.RankingShare).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await ranking).Headers["max-cost"]);

        var expected = await TestKit.GetJsonAsync(fixture.Client, "/v1/questions?q=intelligence%20artificielle&sort=relevance&limit=10");
        var ids = expected.GetProperty("data").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToList();
        Assert.Contains("SEQ240611950", ids);
        Assert.Equal(ids.Count, await page.Locator("#results li").CountAsync());
        Assert.StartsWith($"{expected.GetProperty("meta").GetProperty("total").GetInt64()} question", await page.TextContentAsync("#search-status"));
        var json = await page.Locator("#results a[data-kind=json]").AllAsync();
        var senat = await page.Locator("#results a[data-kind=senat]").AllAsync();
        for (var i = 0; i < ids.Count; i++)
            Assert.Equal($"/v1/questions/{ids[i]}", await json[i].GetAttributeAsync("href"));
        // Generated data: only its one real question has a page on senat.fr to link to.
        Assert.Equal("https://www.senat.fr/questions/base/2024/qSEQ240611950.html", await Assert.Single(senat).GetAttributeAsync("href"));
        var question = await page.APIRequest.GetAsync(fixture.Origin + await json[ids.IndexOf("SEQ240611950")].GetAttributeAsync("href"));
        Assert.Equal(200, question.Status);
        Assert.Equal("08037L", (await question.JsonAsync())!.Value.GetProperty("author").GetProperty("id").GetString());
        home.AssertClean();
    }

    [Fact]
    public async Task The_key_form_creates_a_key_shown_once_that_the_api_takes()
    {
        await using var home = await HomeAsync("en");
        var page = home.Page;
        await page.FillAsync("#key-name", $"browser-{Guid.NewGuid():N}"[..20]);
        await page.FillAsync("#key-email", "someone@example.org");
        await page.ClickAsync("#key-form button[type=submit]");
        await page.WaitForSelectorAsync("#key-value:not([hidden])");
        Assert.StartsWith("Your key (self-service tier", await page.TextContentAsync("#key-status"));
        var key = (await page.TextContentAsync("#key-value"))!.Trim();
        Assert.StartsWith("od_", key);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/dataset");
        request.Headers.Add("X-Api-Key", key);
        var answer = await fixture.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        home.AssertClean();
    }

    [Fact]
    public async Task Every_link_resolves_on_this_server_and_the_others_are_senat_fr_question_pages()
    {
        await using var home = await HomeAsync();
        var page = home.Page;
        await page.ClickAsync("#search button");
        await page.WaitForSelectorAsync("#results li");
        var hrefs = (await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)")).Distinct().ToList();

        var local = hrefs.Where(h => h.StartsWith(fixture.Origin, StringComparison.Ordinal)).ToList();
        Assert.Contains(local, h => h.EndsWith("/swagger", StringComparison.Ordinal));
        Assert.Contains(local, h => h.EndsWith("/graphql", StringComparison.Ordinal));
        foreach (var href in local)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, href);
            request.Headers.Accept.ParseAdd("text/html,application/json;q=0.9,*/*;q=0.8"); // as a browser follows a link
            using var response = await fixture.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{href}: {(int)response.StatusCode}");
        }
        // This machine reaches no other host: links elsewhere are checked for what they point to, not fetched.
        foreach (var href in hrefs.Except(local))
            Assert.Matches("^https://www\\.senat\\.fr/questions/base/20\\d\\d/qSE[QOGC]\\d{9}\\.html$", href);
        home.AssertClean();
    }

    [Fact]
    public async Task The_curl_csv_and_graphql_examples_work_against_this_server_and_copy_as_shown()
    {
        await using var home = await HomeAsync();
        var page = home.Page;

        var json = await page.GetAttributeAsync("#example-json", "data-url");
        Assert.Equal($"curl -s {json}", await page.TextContentAsync("#example-json"));
        Assert.StartsWith(fixture.Origin, json, StringComparison.Ordinal);
        Assert.Equal("SEQ240611950", (await TestKit.GetJsonAsync(fixture.Client, json!)).GetProperty("id").GetString());

        var csv = await page.GetAttributeAsync("#example-csv", "data-url");
        Assert.Equal($"curl -s \"{csv}\"", await page.TextContentAsync("#example-csv"));
        using (var response = await fixture.Client.GetAsync(csv))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 with BOM, for spreadsheets
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("id,", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("SEQ240611950,", StringComparison.Ordinal));
        }

        var graphql = await page.GetAttributeAsync("#example-graphql", "data-url");
        var body = await page.GetAttributeAsync("#example-graphql", "data-body");
        Assert.Contains($"-d '{body}'", await page.TextContentAsync("#example-graphql"));
        using (var response = await fixture.Client.PostAsync(graphql, new StringContent(body!, Encoding.UTF8, "application/json")))
        {
            var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(result.TryGetProperty("errors", out _), result.ToString());
            Assert.Equal("Hervé Maurey", result.GetProperty("data").GetProperty("senator").GetProperty("name").GetString());
            Assert.True(result.GetProperty("data").GetProperty("senator").GetProperty("questions").GetProperty("totalCount").GetInt32() >= 1);
        }

        await page.ClickAsync("button[data-copy=example-graphql]");
        Assert.Equal(await page.TextContentAsync("#example-graphql"), await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        home.AssertClean();
    }

    [Fact]
    public async Task On_a_phone_nothing_scrolls_sideways_and_the_keyboard_reaches_the_skip_link_the_tools_and_the_search()
    {
        await using var home = await HomeAsync("fr", width: 360);
        var page = home.Page;
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"the page is {await page.EvaluateAsync<int>("document.documentElement.scrollWidth")} px wide on a 360 px screen");

        var focused = new List<string>();
        for (var i = 0; i < 24; i++) // the skip link, the languages, the tools, the bulk files, the search
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("(document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.textContent).trim()"));
        }
        Assert.Equal("#main", focused[0]);
        Assert.Contains("/swagger", focused);
        Assert.Contains("/graphql", focused);
        Assert.Contains("q", focused);
        home.AssertClean();
    }
}
