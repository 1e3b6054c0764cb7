using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>/v1/themes, /v1/groups and /v1/legislatures: whole lookup tables in the list envelope, also as CSV and NDJSON.</summary>
public sealed class ReferenceApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task Themes_are_the_whole_table_in_the_senates_order()
    {
        var expected = await fixture.Database.QueryAsync<(int Id, string Label, int QuestionCount)>(
            "SELECT id, label, question_count FROM opendata.themes ORDER BY sort_order NULLS LAST, id");
        Assert.NotEmpty(expected);
        var data = await AssertWholeListAsync("/v1/themes", expected.Count);
        Assert.Equal(expected, data.Select(t => (t.GetProperty("id").GetInt32(), t.GetProperty("label").GetString()!, t.GetProperty("questionCount").GetInt32())));
        Assert.All(data, t => Assert.Equal($"/v1/questions?theme={t.GetProperty("id").GetInt32()}", t.GetProperty("links").GetProperty("questions").GetString()));

        // The link gives as many questions as the count says.
        var busiest = data.MaxBy(t => t.GetProperty("questionCount").GetInt32());
        var questions = await TestKit.GetJsonAsync(fixture.Client, busiest.GetProperty("links").GetProperty("questions").GetString()! + "&limit=1");
        Assert.Equal(busiest.GetProperty("questionCount").GetInt64(), questions.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Groups_are_the_whole_table_by_code_with_their_counts()
    {
        var expected = await fixture.Database.QueryAsync<(string Code, string Label, int SenatorCount, int ActiveSenatorCount)>(
            "SELECT code, label, senator_count, active_senator_count FROM opendata.political_groups ORDER BY code");
        Assert.NotEmpty(expected);
        var data = await AssertWholeListAsync("/v1/groups", expected.Count);
        Assert.Equal(expected, data.Select(g => (g.GetProperty("code").GetString()!, g.GetProperty("label").GetString()!,
            g.GetProperty("senatorCount").GetInt32(), g.GetProperty("activeSenatorCount").GetInt32())));
        Assert.Contains(data, g => g.GetProperty("senatorCount").GetInt32() > 0);

        // The counts agree with the senators list.
        var group = data.MaxBy(g => g.GetProperty("activeSenatorCount").GetInt32());
        var code = Uri.EscapeDataString(group.GetProperty("code").GetString()!);
        var all = await TestKit.GetJsonAsync(fixture.Client, $"/v1/senators?group={code}&limit=1");
        var active = await TestKit.GetJsonAsync(fixture.Client, $"/v1/senators?group={code}&active=true&limit=1");
        Assert.Equal(group.GetProperty("senatorCount").GetInt64(), all.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(group.GetProperty("activeSenatorCount").GetInt64(), active.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Legislatures_are_the_whole_table_latest_first()
    {
        var expected = await fixture.Database.QueryAsync<(int Number, string Label, DateTime? StartDate, DateTime? EndDate, int QuestionCount)>(
            "SELECT number, label, start_date, end_date, question_count FROM opendata.legislatures ORDER BY number DESC");
        Assert.NotEmpty(expected);
        var data = await AssertWholeListAsync("/v1/legislatures", expected.Count);
        Assert.Equal(expected.Select(l => (l.Number, l.Label, Day(l.StartDate), Day(l.EndDate), l.QuestionCount)),
            data.Select(l => (l.GetProperty("number").GetInt32(), l.GetProperty("label").GetString()!, l.GetProperty("startDate").GetString(),
                l.GetProperty("endDate").GetString(), l.GetProperty("questionCount").GetInt32())));
        Assert.Equal(2_000, data.Sum(l => l.GetProperty("questionCount").GetInt32())
            + await fixture.Database.ScalarAsync<int>("SELECT count(*)::int FROM opendata.questions WHERE legislature IS NULL OR legislature NOT IN (SELECT number FROM opendata.legislatures)"));
    }

    [Theory]
    [InlineData("/v1/themes")]
    [InlineData("/v1/groups")]
    [InlineData("/v1/legislatures")]
    public async Task Csv_and_ndjson_give_the_same_rows_as_json(string path)
    {
        var json = (await TestKit.GetJsonAsync(fixture.Client, path)).GetProperty("data").EnumerateArray().ToList();
        var ndjson = await TestKit.NdjsonAsync(fixture.Client, path + "?format=ndjson");
        TestKit.AssertSameItems(json, ndjson);
        var csv = await TestKit.CsvAsync(fixture.Client, path, accept: "text/csv");
        TestKit.AssertCsvMatchesJson(csv, json, new());
        // A column for every value of the JSON (its links are an object), in its order.
        Assert.Equal(json[0].EnumerateObject().Select(p => p.Name).Where(name => name != "links"), csv[0].Keys);
    }

    [Fact]
    public async Task A_group_s_links_escape_its_code_as_dotnet_does()
    {
        foreach (var g in (await TestKit.GetJsonAsync(fixture.Client, "/v1/groups")).GetProperty("data").EnumerateArray())
        {
            var code = Uri.EscapeDataString(g.GetProperty("code").GetString()!);
            Assert.Equal($"/v1/senators?group={code}", g.GetProperty("links").GetProperty("senators").GetString());
            Assert.Equal($"/v1/questions?group={code}", g.GetProperty("links").GetProperty("questions").GetString());
        }
        // The SQL that writes them, on codes the Senate's files could hold.
        foreach (var text in new[] { "CRCE-K", "Les Indépendants & co/x", "a+b=c?d#e%f", "~._-", "日本 🇫🇷", "" })
            Assert.Equal(Uri.EscapeDataString(text), await fixture.Database.ScalarAsync<string>($"SELECT {OpenData.Data.Sql.SqlText.UrlEscaped("@text::text")}", new { text }));
    }

    [Theory]
    [InlineData("/v1/themes?limit=5", "limit")]
    [InlineData("/v1/groups?cursor=abc", "cursor")]
    [InlineData("/v1/legislatures?sort=number", "sort")]
    [InlineData("/v1/themes?format=xml", "format")]
    [InlineData("/v1/groups?format=csv&format=json", "format")]
    public async Task Anything_but_format_is_a_400_problem(string url, string parameter) =>
        await TestKit.AssertProblemAsync(fixture.Client, url, HttpStatusCode.BadRequest, parameter);

    private async Task<List<JsonElement>> AssertWholeListAsync(string path, int count)
    {
        var body = await TestKit.GetJsonAsync(fixture.Client, path);
        var meta = body.GetProperty("meta");
        Assert.Equal(count, meta.GetProperty("total").GetInt64());
        Assert.Equal(count, meta.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("nextCursor").ValueKind);
        return body.GetProperty("data").EnumerateArray().ToList();
    }

    private static string? Day(DateTime? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
