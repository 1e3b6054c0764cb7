using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>GET /v1/answers against the imported dataset, checked with SQL of the test's own.</summary>
public sealed class AnswersApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private const string Search = "désertification médicale";

    [Fact]
    public async Task Each_filter_alone_and_combined_matches_an_independent_count()
    {
        var ministry = await fixture.Database.ScalarAsync<long>(
            "SELECT minrep FROM (SELECT ministry_id AS minrep, count(*) n FROM opendata.answers WHERE ministry_id IS NOT NULL GROUP BY 1) x ORDER BY n DESC, minrep LIMIT 1");
        var cases = new (string Query, string Sql, object Args)[]
        {
            ("", "TRUE", new { }),
            ($"q={Uri.EscapeDataString(Search)}", "search @@ websearch_to_tsquery('opendata_meta.french_unaccent', @q)", new { q = Search }),
            ($"ministry={ministry}", "ministry_id = @ministry", new { ministry }),
            ("publishedFrom=2024-03-01", "published_at >= '2024-03-01'", new { }),
            ("publishedTo=2024-03-31", "published_at <= '2024-03-31'", new { }),
            ($"ministry={ministry}&publishedFrom=2024-01-01&publishedTo=2025-06-30", "ministry_id = @ministry AND published_at BETWEEN '2024-01-01' AND '2025-06-30'", new { ministry }),
            ($"q={Uri.EscapeDataString(Search)}&publishedFrom=2024-01-01&publishedTo=2025-12-31",
                "search @@ websearch_to_tsquery('opendata_meta.french_unaccent', @q) AND published_at BETWEEN '2024-01-01' AND '2025-12-31'", new { q = Search }),
        };
        foreach (var (query, sql, args) in cases)
        {
            var expected = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.answers WHERE {sql}", args);
            var body = await fixture.Client.GetJsonAsync($"/v1/answers?{query}&limit=200");
            Assert.True(expected > 0, $"the case {query} should match answers");
            Assert.Equal(expected, body.GetProperty("meta").GetProperty("total").GetInt64());
            var rows = await fixture.Client.WalkAsync("/v1/answers", $"{query}&sort=-publishedAt", 200, "questionId");
            Assert.Equal(expected, rows.Count);
            var ids = await fixture.Database.QueryAsync<string>($"SELECT question_id FROM opendata.answers WHERE {sql} ORDER BY question_id", args);
            Assert.Equal(ids, rows.Select(r => r.GetProperty("questionId").GetString()!).Order(StringComparer.Ordinal));
        }
        foreach (var row in await fixture.Client.WalkAsync("/v1/answers", $"ministry={ministry}&publishedFrom=2024-01-01&publishedTo=2025-06-30&sort=-publishedAt", 200, "questionId"))
        {
            Assert.Equal(ministry, row.GetProperty("ministry").GetProperty("id").GetInt64());
            Assert.InRange(row.GetProperty("publishedAt").GetString()!, "2024-01-01", "2025-06-30");
        }
    }

    [Theory]
    [InlineData("-publishedAt")]
    [InlineData("publishedAt")]
    [InlineData("delayDays")]
    [InlineData("-delayDays")]
    public async Task A_full_cursor_walk_equals_the_unpaged_result_in_the_sort_order(string sort)
    {
        var walked = await fixture.Client.WalkAsync("/v1/answers", $"publishedFrom=2024-01-01&sort={sort}", 200, "questionId");
        var ndjson = await fixture.Client.GetStringAsync($"/v1/answers?publishedFrom=2024-01-01&sort={sort}&format=ndjson");
        var unpaged = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.True(walked.Count > 400);
        Assert.Equal(unpaged.Select(Id), walked.Select(Id));
        Assert.Equal(walked.Count, walked.Select(Id).Distinct().Count());
        var keys = walked.Select(r => sort.TrimStart('-') == "publishedAt"
            ? (IComparable)r.GetProperty("publishedAt").GetString()! : r.GetProperty("delayDays").GetInt32()).ToList();
        var ordered = sort.StartsWith('-') ? keys.OrderDescending().ToList() : keys.Order().ToList();
        Assert.Equal(ordered, keys);
    }

    [Fact]
    public async Task Csv_and_ndjson_hold_the_same_rows_as_json()
    {
        const string query = "/v1/answers?publishedFrom=2025-01-01&sort=delayDays&limit=150";
        var json = (await fixture.Client.GetJsonAsync(query)).GetProperty("data").EnumerateArray().ToList();

        var csvResponse = await fixture.Client.GetAsync(query + "&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = CsvReader.Parse((await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var header = csv[0];
        // The columns as published (a column's place is part of the format): the ministry as two, the erratum its date, the text last.
        Assert.Equal(["questionId", "publishedAt", "ministryId", "ministryName", "journalPage", "delayDays", "sharedWith", "erratumDate", "url", "updatedAt", "text"], header);
        var rows = csv.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(json.Count, rows.Count);
        foreach (var (a, c) in json.Zip(rows))
        {
            Assert.Equal(Id(a), c["questionId"]);
            Assert.Equal(a.GetProperty("publishedAt").GetString(), c["publishedAt"]);
            Assert.Equal(a.GetProperty("ministry").GetProperty("id").GetInt64().ToString(), c["ministryId"]);
            Assert.Equal(a.GetProperty("ministry").GetProperty("name").GetString(), c["ministryName"]);
            Assert.Equal(a.GetProperty("delayDays").GetInt32().ToString(), c["delayDays"]);
            Assert.Equal(a.GetProperty("text").GetString() ?? "", c["text"]);
            Assert.Equal(string.Join("; ", a.GetProperty("sharedWith").EnumerateArray().Select(s => s.GetString())), c["sharedWith"]);
        }

        var ndjsonResponse = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, query) { Headers = { { "Accept", "application/x-ndjson" } } });
        Assert.Equal("application/x-ndjson", ndjsonResponse.Content.Headers.ContentType?.MediaType);
        var lines = (await ndjsonResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(json.Select(j => j.GetRawText()), lines.Select(l => JsonDocument.Parse(l).RootElement.GetRawText()));
    }

    [Fact]
    public async Task An_answer_links_to_its_question_which_shows_the_same_answer()
    {
        var answer = (await fixture.Client.GetJsonAsync("/v1/answers?limit=1")).GetProperty("data")[0];
        var link = answer.GetProperty("links").GetProperty("question").GetString()!;
        Assert.Equal($"/v1/questions/{Id(answer)}", link);
        var question = await fixture.Client.GetJsonAsync(link);
        Assert.Equal(answer.GetRawText(), question.GetProperty("answer").GetRawText());
    }

    [Theory]
    [InlineData("publishedFrom=2024-02-30", "publishedFrom")]
    [InlineData("publishedTo=yesterday", "publishedTo")]
    [InlineData("publishedFrom=2024-02-01&publishedTo=2024-01-31", "publishedFrom")]
    [InlineData("ministry=abc", "ministry")]
    [InlineData("sort=answerDelayDays", "sort")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("status=answered", "status")]
    [InlineData("format=xml", "format")]
    public async Task Bad_parameters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await fixture.Client.GetAsync($"/v1/answers?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_a_400()
    {
        var cursor = (await fixture.Client.GetJsonAsync("/v1/answers?limit=5")).GetProperty("meta").GetProperty("nextCursor").GetString();
        var response = await fixture.Client.GetAsync($"/v1/answers?sort=delayDays&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Id(JsonElement answer) => answer.GetProperty("questionId").GetString()!;
}
