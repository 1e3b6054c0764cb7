using System.Net;
using System.Text.Json;

namespace OpenData.Api.Tests;

/// <summary>/v1/senators and /v1/senators/{id}, checked against independent SQL over the imported dataset.</summary>
public sealed class SenatorsApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private const string Order = "ORDER BY coalesce(last_name, name), coalesce(first_name, ''), id";

    [Fact]
    public async Task The_first_page_is_sorted_by_name_with_the_exact_total()
    {
        var expected = await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.senators {Order} LIMIT 20");
        var body = await TestKit.GetJsonAsync(fixture.Client, "/v1/senators");
        Assert.Equal(await CountAsync("TRUE"), body.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(20, body.GetProperty("meta").GetProperty("limit").GetInt32());
        Assert.NotNull(body.GetProperty("meta").GetProperty("nextCursor").GetString());
        Assert.Equal(expected, body.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Each_filter_alone_and_combined_gives_what_sql_gives()
    {
        var group = await fixture.Database.ScalarAsync<string>("SELECT group_code FROM opendata.senators WHERE group_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        var constituency = await fixture.Database.ScalarAsync<string>(
            "SELECT constituency FROM opendata.senators WHERE constituency IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        var cases = new (string Query, string Sql, object? Args)[]
        {
            ("active=true", "active", null),
            ("active=false", "NOT active", null),
            ($"group={Uri.EscapeDataString(group)}", "group_code = @group", new { group }),
            ($"constituency={Uri.EscapeDataString(constituency)}", "constituency = @constituency", new { constituency }),
            ("q=an", "opendata_meta.unaccent('opendata_meta.unaccent', lower(concat_ws(' ', first_name, last_name))) LIKE '%an%'", null),
            ($"active=true&group={Uri.EscapeDataString(group)}", "active AND group_code = @group", new { group }),
            ($"active=true&group={Uri.EscapeDataString(group)}&q=e", "active AND group_code = @group AND opendata_meta.unaccent('opendata_meta.unaccent', lower(name)) LIKE '%e%'", new { group }),
            ($"active=false&constituency={Uri.EscapeDataString(constituency)}", "NOT active AND constituency = @constituency", new { constituency }),
            ("q=zzzzqqq", "FALSE", null),
        };
        foreach (var (query, sql, args) in cases)
        {
            var expected = await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.senators WHERE {sql} {Order}", args);
            var items = await TestKit.WalkAsync(fixture.Client, "/v1/senators", query, 200, "id");
            Assert.True(expected.SequenceEqual(items.Select(s => s.GetProperty("id").GetString()!)), $"{query}: {expected.Count} expected, {items.Count} served");
        }
        Assert.True(await CountAsync("active") > 0 && await CountAsync("NOT active") > 0, "the dataset has sitting and former senators");
    }

    [Fact]
    public async Task Name_search_ignores_accents_and_case()
    {
        // "Hélène" when the generated senators have one, else the commonest accented first name.
        var accented = await fixture.Database.ScalarAsync<string>("""
            SELECT first_name FROM opendata.senators WHERE first_name ~ '[éèêëàâîïôöûüç]'
            GROUP BY 1 ORDER BY (first_name = 'Hélène') DESC, count(*) DESC, 1 LIMIT 1
            """);
        var plain = TestKit.Plain(accented).ToLowerInvariant();
        var expected = await fixture.Database.QueryAsync<string>($"""
            SELECT id FROM opendata.senators
            WHERE opendata_meta.unaccent('opendata_meta.unaccent', lower(concat_ws(' ', first_name, last_name))) LIKE '%' || @plain || '%' {Order}
            """, new { plain });
        Assert.NotEmpty(expected);
        Assert.NotEqual(accented.ToLowerInvariant(), plain);
        foreach (var q in new[] { plain, accented.ToUpperInvariant(), accented, plain.ToUpperInvariant() })
        {
            var items = await TestKit.WalkAsync(fixture.Client, "/v1/senators", "q=" + Uri.EscapeDataString(q), 200, "id");
            Assert.Equal(expected, items.Select(s => s.GetProperty("id").GetString()!));
            Assert.Contains(items, s => s.GetProperty("name").GetString()!.Contains(accented, StringComparison.Ordinal));
        }
        // A whole name, and LIKE wildcards taken literally.
        var one = await fixture.Database.ScalarAsync<string>("SELECT name FROM opendata.senators WHERE first_name = @accented ORDER BY id LIMIT 1", new { accented });
        var found = await TestKit.WalkAsync(fixture.Client, "/v1/senators", "q=" + Uri.EscapeDataString(TestKit.Plain(one).ToUpperInvariant()), 200, "id");
        Assert.Contains(found, s => s.GetProperty("name").GetString() == one);
        Assert.Equal(0, (await TestKit.GetJsonAsync(fixture.Client, "/v1/senators?q=%25")).GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(0, (await TestKit.GetJsonAsync(fixture.Client, "/v1/senators?q=_")).GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_cursor_walk_by_7_is_the_unpaged_list_without_duplicates()
    {
        var walked = await TestKit.WalkAsync(fixture.Client, "/v1/senators", "", 7, "id");
        var all = await TestKit.NdjsonAsync(fixture.Client, "/v1/senators?format=ndjson");
        TestKit.AssertSameItems(all, walked);
        Assert.Equal(await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.senators {Order}"), walked.Select(s => s.GetProperty("id").GetString()!));

        var active = await TestKit.WalkAsync(fixture.Client, "/v1/senators", "active=true", 7, "id");
        Assert.Equal(await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.senators WHERE active {Order}"), active.Select(s => s.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Csv_and_ndjson_give_the_same_rows_as_json()
    {
        var json = await TestKit.WalkAsync(fixture.Client, "/v1/senators", "active=true", 200, "id");
        TestKit.AssertSameItems(json, await TestKit.NdjsonAsync(fixture.Client, "/v1/senators?active=true&format=ndjson"));
        TestKit.AssertSameItems(json.Take(5).ToList(), await TestKit.NdjsonAsync(fixture.Client, "/v1/senators?active=true&limit=5&format=ndjson"));
        var csv = await TestKit.CsvAsync(fixture.Client, "/v1/senators?active=true", accept: "text/csv");
        TestKit.AssertCsvMatchesJson(csv, json, new()
        {
            ["groupCode"] = s => s.GetProperty("group") is { ValueKind: JsonValueKind.Object } g ? g.GetProperty("code").GetString()! : "",
            ["groupLabel"] = s => s.GetProperty("group") is { ValueKind: JsonValueKind.Object } g ? g.GetProperty("label").GetString()! : "",
            ["groupHistory"] = s => string.Join("; ", s.GetProperty("groupHistory").EnumerateArray().Select(h => h.GetProperty("group").GetProperty("code").GetString())),
        });
        Assert.Equal(json.Count, (await TestKit.CsvAsync(fixture.Client, "/v1/senators?active=true&format=csv")).Count);
        // The columns as published (a column's place is part of the format): the group as two, the history its codes.
        Assert.Equal(["id", "civility", "firstName", "lastName", "name", "active", "birthDate", "deathDate", "groupCode", "groupLabel", "groupMembership",
            "groupHistory", "constituency", "committee", "bureauFunction", "email", "profession", "professionCategory", "questionCount", "url", "updatedAt"], csv[0].Keys);
    }

    [Fact]
    public async Task A_senator_has_their_group_and_group_history_latest_first()
    {
        var id = await fixture.Database.ScalarAsync<string>(
            "SELECT senator_id FROM opendata.senator_groups WHERE senator_id IN (SELECT id FROM opendata.senators) GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        var senator = await TestKit.GetJsonAsync(fixture.Client, $"/v1/senators/{id}");
        Assert.Equal(id, senator.GetProperty("id").GetString());
        var row = await fixture.Database.QuerySingleAsync<(string Name, string? GroupCode, int QuestionCount, string Url)>(
            "SELECT name, group_code, question_count, url FROM opendata.senators WHERE id = @id", new { id });
        Assert.Equal(row.Name, senator.GetProperty("name").GetString());
        Assert.Equal(row.QuestionCount, senator.GetProperty("questionCount").GetInt32());
        Assert.Equal(row.Url, senator.GetProperty("url").GetString());
        if (row.GroupCode is null) Assert.Equal(JsonValueKind.Null, senator.GetProperty("group").ValueKind);
        else
        {
            Assert.Equal(row.GroupCode, senator.GetProperty("group").GetProperty("code").GetString());
            Assert.Equal(await fixture.Database.ScalarAsync<string>("SELECT label FROM opendata.political_groups WHERE code = @code", new { code = row.GroupCode }),
                senator.GetProperty("group").GetProperty("label").GetString());
        }

        var history = await fixture.Database.QueryAsync<(string Code, string Label, DateTime? Start, DateTime? End)>(
            """
            SELECT sg.group_code, g.label, sg.start_date, sg.end_date FROM opendata.senator_groups sg
            JOIN opendata.political_groups g ON g.code = sg.group_code
            WHERE sg.senator_id = @id ORDER BY sg.start_date DESC NULLS LAST, sg.end_date DESC NULLS FIRST, sg.group_code
            """, new { id });
        var served = senator.GetProperty("groupHistory").EnumerateArray().ToList();
        Assert.Equal(history.Select(h => (h.Code, h.Label, Day(h.Start), Day(h.End))),
            served.Select(h => (h.GetProperty("group").GetProperty("code").GetString()!, h.GetProperty("group").GetProperty("label").GetString()!,
                h.GetProperty("from").GetString(), h.GetProperty("to").GetString())));
        Assert.All(served, h => Assert.True(h.TryGetProperty("membership", out _)));

        Assert.Equal($"/v1/senators/{id}", senator.GetProperty("links").GetProperty("self").GetString());
        var questions = await TestKit.GetJsonAsync(fixture.Client, senator.GetProperty("links").GetProperty("questions").GetString()!);
        Assert.Equal(row.QuestionCount, questions.GetProperty("meta").GetProperty("total").GetInt64());

        // The list shows the same senator, history included.
        var listed = (await TestKit.WalkAsync(fixture.Client, "/v1/senators", "q=" + Uri.EscapeDataString(row.Name), 200, "id"))
            .Single(s => s.GetProperty("id").GetString() == id);
        Assert.True(JsonElement.DeepEquals(senator, listed), $"{senator}\n{listed}");
    }

    [Fact]
    public async Task Every_senator_field_of_the_contract_is_there()
    {
        var senator = (await TestKit.GetJsonAsync(fixture.Client, "/v1/senators?limit=1")).GetProperty("data")[0];
        foreach (var name in new[] { "id", "civility", "firstName", "lastName", "name", "active", "birthDate", "deathDate", "group", "groupHistory",
                     "constituency", "committee", "email", "profession", "questionCount", "url", "links" })
            Assert.True(senator.TryGetProperty(name, out _), $"{name} missing");
        Assert.Equal(await CountAsync("group_code IS NULL"),
            (await TestKit.WalkAsync(fixture.Client, "/v1/senators", "", 200, "id")).Count(s => s.GetProperty("group").ValueKind == JsonValueKind.Null));
    }

    [Fact]
    public async Task An_unknown_senator_is_a_404_problem()
    {
        await TestKit.AssertProblemAsync(fixture.Client, "/v1/senators/NOBODY99", HttpStatusCode.NotFound);
        await TestKit.AssertProblemAsync(fixture.Client, "/v1/senators/NOBODY99/questions", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/v1/senators?active=yes", "active")]
    [InlineData("/v1/senators?party=UC", "party")]
    [InlineData("/v1/senators?format=xml", "format")]
    [InlineData("/v1/senators?limit=0", "limit")]
    [InlineData("/v1/senators?limit=201", "limit")]
    [InlineData("/v1/senators?limit=ten", "limit")]
    [InlineData("/v1/senators?cursor=not-a-cursor", "cursor")]
    [InlineData("/v1/senators?group=", "group")]
    [InlineData("/v1/senators?active=true&active=false", "active")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string url, string parameter) =>
        await TestKit.AssertProblemAsync(fixture.Client, url, HttpStatusCode.BadRequest, parameter);

    [Fact]
    public async Task Details_take_no_parameters_and_a_cursor_of_another_list_is_rejected()
    {
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.senators ORDER BY id LIMIT 1");
        await TestKit.AssertProblemAsync(fixture.Client, $"/v1/senators/{id}?format=csv", HttpStatusCode.BadRequest, "format");
        var ministries = await TestKit.GetJsonAsync(fixture.Client, "/v1/ministries?limit=1");
        var cursor = ministries.GetProperty("meta").GetProperty("nextCursor").GetString()!;
        await TestKit.AssertProblemAsync(fixture.Client, "/v1/senators?cursor=" + cursor, HttpStatusCode.BadRequest, "cursor");
    }

    private static string? Day(DateTime? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<long> CountAsync(string where) => fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.senators WHERE {where}");
}
