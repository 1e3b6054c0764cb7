using System.Net;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>/v1/ministries and /v1/ministries/{id}, checked against independent SQL over the imported dataset.</summary>
public sealed class MinistriesApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private const string Order = "ORDER BY start_date DESC NULLS LAST, id DESC";

    [Fact]
    public async Task The_first_page_is_latest_first_with_the_exact_total()
    {
        var body = await TestKit.GetJsonAsync(fixture.Client, "/v1/ministries");
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.ministries"), body.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(await fixture.Database.QueryAsync<long>($"SELECT id FROM opendata.ministries {Order} LIMIT 20"), Ids(body.GetProperty("data").EnumerateArray()));
        Assert.NotNull(body.GetProperty("meta").GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Each_filter_alone_and_combined_gives_what_sql_gives()
    {
        var word = await fixture.Database.ScalarAsync<string>("SELECT name FROM opendata.ministries GROUP BY name ORDER BY count(*) DESC, name LIMIT 1");
        var cases = new (string Query, string Sql, object? Args)[]
        {
            ("current=true", "current", null),
            ("current=false", "NOT current", null),
            ("q=" + Uri.EscapeDataString(word.ToUpperInvariant()), Folded("@word"), new { word }),
            ("q=" + Uri.EscapeDataString(word) + "&current=true", "current AND " + Folded("@word"), new { word }),
            ("q=" + Uri.EscapeDataString(word) + "&current=false", "NOT current AND " + Folded("@word"), new { word }),
            ("q=zzzzqqq&current=true", "FALSE", null),
        };
        foreach (var (query, sql, args) in cases)
        {
            var expected = await fixture.Database.QueryAsync<long>($"SELECT id FROM opendata.ministries WHERE {sql} {Order}", args);
            var items = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", query, 200, "id");
            Assert.True(expected.SequenceEqual(Ids(items)), $"{query}: {expected.Count} expected, {items.Count} served");
        }
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.ministries WHERE current") > 0);

        static string Folded(string parameter) =>
            $"position(opendata_meta.unaccent('opendata_meta.unaccent', lower({parameter})) in " +
            "opendata_meta.unaccent('opendata_meta.unaccent', lower(concat_ws(' ', name, full_name, minister_name)))) > 0";
    }

    [Fact]
    public async Task The_minister_name_is_searched_without_accents()
    {
        var minister = await fixture.Database.ScalarAsync<string>(
            "SELECT minister_name FROM opendata.ministries WHERE minister_name ~ '[éèêëàâîïôöûüç]' ORDER BY id LIMIT 1");
        var plain = TestKit.Plain(minister).ToLowerInvariant();
        Assert.NotEqual(minister.ToLowerInvariant(), plain);
        var items = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", "q=" + Uri.EscapeDataString(plain), 200, "id");
        Assert.Equal(await fixture.Database.QueryAsync<long>($"SELECT id FROM opendata.ministries WHERE minister_name = @minister {Order}", new { minister }), Ids(items));
    }

    [Fact]
    public async Task A_cursor_walk_by_7_is_the_unpaged_list_without_duplicates()
    {
        var walked = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", "", 7, "id");
        TestKit.AssertSameItems(await TestKit.NdjsonAsync(fixture.Client, "/v1/ministries?format=ndjson"), walked);
        Assert.Equal(await fixture.Database.QueryAsync<long>($"SELECT id FROM opendata.ministries {Order}"), Ids(walked));
        var past = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", "current=false", 7, "id");
        Assert.Equal(await fixture.Database.QueryAsync<long>($"SELECT id FROM opendata.ministries WHERE NOT current {Order}"), Ids(past));
    }

    [Fact]
    public async Task Csv_and_ndjson_give_the_same_rows_as_json()
    {
        var json = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", "", 200, "id");
        TestKit.AssertSameItems(json, await TestKit.NdjsonAsync(fixture.Client, "/v1/ministries", accept: "application/x-ndjson"));
        var csv = await TestKit.CsvAsync(fixture.Client, "/v1/ministries?format=csv");
        TestKit.AssertCsvMatchesJson(csv, json, new());
        Assert.Contains(json, m => m.GetProperty("predecessorIds").GetArrayLength() > 0);
        // A column for every value and list of values of the JSON (its links are an object).
        Assert.Equal(json[0].EnumerateObject().Select(p => p.Name).Where(name => name != "links"), csv[0].Keys);
    }

    [Fact]
    public async Task Days_in_office_count_the_first_and_the_last_day_of_a_past_ministry()
    {
        var dates = (await fixture.Database.QueryAsync<(long Id, DateTime? Start, DateTime? End)>("SELECT id, start_date, end_date FROM opendata.ministries"))
            .ToDictionary(m => m.Id);
        var served = await TestKit.NdjsonAsync(fixture.Client, "/v1/ministries?format=ndjson");
        Assert.Equal(dates.Count, served.Count);
        foreach (var ministry in served)
        {
            var (_, start, end) = dates[ministry.GetProperty("id").GetInt64()];
            int? expected = start is { } from && end is { } to ? (int)(to - from).TotalDays + 1 : null;
            var days = ministry.GetProperty("daysInOffice");
            Assert.Equal(expected, days.ValueKind == System.Text.Json.JsonValueKind.Null ? null : days.GetInt32());
        }
        Assert.Contains(served, m => m.GetProperty("daysInOffice").ValueKind == System.Text.Json.JsonValueKind.Number);
        Assert.Contains(served, m => m.GetProperty("daysInOffice").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_ministry_detail_names_its_successor_and_predecessors_as_the_table_says()
    {
        var ids = await fixture.Database.QueryAsync<long>("""
            (SELECT id FROM opendata.ministries WHERE successor_id IS NOT NULL AND cardinality(predecessor_ids) > 0 ORDER BY id LIMIT 3)
            UNION (SELECT id FROM opendata.ministries WHERE successor_id IS NULL ORDER BY id LIMIT 2)
            UNION (SELECT id FROM opendata.ministries WHERE cardinality(predecessor_ids) = 0 ORDER BY id LIMIT 2)
            """);
        Assert.True(ids.Count >= 3, "the dataset has successive governments");
        var names = (await fixture.Database.QueryAsync<(long Id, string Name)>("SELECT id, name FROM opendata.ministries")).ToDictionary(m => m.Id, m => m.Name);
        foreach (var id in ids)
        {
            var row = (await fixture.Database.QueryAsync<(long? SuccessorId, long[] PredecessorIds, int QuestionCount)>(
                "SELECT successor_id, predecessor_ids, question_count FROM opendata.ministries WHERE id = @id", new { id })).Single();
            var ministry = await TestKit.GetJsonAsync(fixture.Client, $"/v1/ministries/{id}");
            Assert.Equal(id, ministry.GetProperty("id").GetInt64());
            Assert.Equal(names[id], ministry.GetProperty("name").GetString());
            Assert.Equal(row.QuestionCount, ministry.GetProperty("questionCount").GetInt32());
            if (row.SuccessorId is { } successor)
            {
                Assert.Equal(successor, ministry.GetProperty("successorId").GetInt64());
                Assert.Equal(successor, ministry.GetProperty("successor").GetProperty("id").GetInt64());
                Assert.Equal(names.GetValueOrDefault(successor), ministry.GetProperty("successor").GetProperty("name").GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, ministry.GetProperty("successorId").ValueKind);
                Assert.Equal(JsonValueKind.Null, ministry.GetProperty("successor").ValueKind);
            }
            Assert.Equal(row.PredecessorIds, ministry.GetProperty("predecessorIds").EnumerateArray().Select(p => p.GetInt64()));
            Assert.Equal(row.PredecessorIds.Select(p => (p, names.GetValueOrDefault(p))),
                ministry.GetProperty("predecessors").EnumerateArray().Select(p => (p.GetProperty("id").GetInt64(), p.GetProperty("name").GetString())));
            // Each predecessor names this ministry as its successor.
            Assert.All(row.PredecessorIds, p => Assert.True(names.ContainsKey(p)));
            foreach (var p in row.PredecessorIds)
                Assert.Equal(id, await fixture.Database.ScalarAsync<long>("SELECT successor_id FROM opendata.ministries WHERE id = @p", new { p }));

            Assert.Equal($"/v1/ministries/{id}", ministry.GetProperty("links").GetProperty("self").GetString());
            var questions = await TestKit.GetJsonAsync(fixture.Client, ministry.GetProperty("links").GetProperty("questions").GetString()! + "?limit=1");
            Assert.True(questions.GetProperty("meta").GetProperty("total").GetInt64() >= row.QuestionCount);
        }
    }

    [Fact]
    public async Task Every_ministry_field_of_the_contract_is_there()
    {
        var ministry = (await TestKit.GetJsonAsync(fixture.Client, "/v1/ministries?limit=1")).GetProperty("data")[0];
        foreach (var name in new[] { "id", "name", "fullName", "ministerTitle", "ministerName", "startDate", "endDate", "current",
                     "successorId", "predecessorIds", "questionCount", "links" })
            Assert.True(ministry.TryGetProperty(name, out _), $"{name} missing");
        Assert.False(ministry.TryGetProperty("successor", out _), "successor comes with the detail only");
    }

    [Fact]
    public async Task An_unknown_ministry_is_a_404_problem()
    {
        await TestKit.AssertProblemAsync(fixture.Client, "/v1/ministries/987654321", HttpStatusCode.NotFound);
        await TestKit.AssertProblemAsync(fixture.Client, "/v1/ministries/987654321/questions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_ministrys_question_count_is_the_total_of_its_questions_list()
    {
        var ministries = await TestKit.WalkAsync(fixture.Client, "/v1/ministries", "", 200, "id");
        Assert.Contains(ministries, m => m.GetProperty("id").GetInt64() == 900); // the real question's, in every dataset
        foreach (var ministry in ministries.Where((_, i) => i % 10 == 0).Append(ministries.Single(m => m.GetProperty("id").GetInt64() == 900)))
        {
            var questions = await TestKit.GetJsonAsync(fixture.Client, ministry.GetProperty("links").GetProperty("questions").GetString() + "?limit=1");
            Assert.Equal(ministry.GetProperty("questionCount").GetInt64(), questions.GetProperty("meta").GetProperty("total").GetInt64());
        }
    }

    [Theory]
    [InlineData("/v1/ministries/abc")]
    [InlineData("/v1/ministries/not-a-number/questions")]
    [InlineData("/v1/ministries/99999999999999999999")]
    public async Task A_ministry_id_that_is_not_an_integer_is_a_400_naming_id(string url) =>
        await TestKit.AssertProblemAsync(fixture.Client, url, HttpStatusCode.BadRequest, "id");

    [Theory]
    [InlineData("/v1/ministries?current=1", "current")]
    [InlineData("/v1/ministries?name=x", "name")]
    [InlineData("/v1/ministries?format=pdf", "format")]
    [InlineData("/v1/ministries?limit=0", "limit")]
    [InlineData("/v1/ministries?limit=201", "limit")]
    [InlineData("/v1/ministries?cursor=WyJuYW1lIiwiYSIsImIiLCJjIl0", "cursor")]
    [InlineData("/v1/ministries?q=", "q")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string parameter) =>
        await TestKit.AssertProblemAsync(fixture.Client, url, HttpStatusCode.BadRequest, parameter);

    [Fact]
    public async Task Exports_take_a_limit_above_the_json_maximum()
    {
        var total = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.ministries");
        var rows = await TestKit.NdjsonAsync(fixture.Client, "/v1/ministries?format=ndjson&limit=1000");
        Assert.Equal(Math.Min(total, 1000), rows.Count);
    }

    private static List<long> Ids(IEnumerable<JsonElement> items) => items.Select(m => m.GetProperty("id").GetInt64()).ToList();
}
