using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenData.Api.Tests;

public sealed class QuestionsApiTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [MemberData(nameof(QuestionFilterCases.Rest), MemberType = typeof(QuestionFilterCases))]
    public async Task Each_filter_alone_and_combined_counts_what_sql_counts(string query, string condition)
    {
        (query, condition) = await QuestionFilterCases.FillAsync(fixture.Database, query, condition);

        var expected = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM opendata.questions WHERE {condition}");
        var ids = Ids(await Client.WalkAsync("/v1/questions", query, 200, "id"));

        Assert.True(expected > 0, $"the dataset has no question for {condition}: the test would prove nothing");
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, (await Client.GetJsonAsync($"/v1/questions?{query}&limit=1")).GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Remembered_totals_belong_to_their_own_filter_values()
    {
        // Same SQL shape, different values: each total must be its own (totals are remembered per filter).
        var authors = await fixture.Database.QueryAsync<(string Id, long Count)>(
            "SELECT author_id, count(*) FROM opendata.questions GROUP BY author_id HAVING count(*) > 1 ORDER BY count(*) DESC, author_id LIMIT 5");
        Assert.True(authors.Select(a => a.Count).Distinct().Count() > 1, "the sample needs authors with different counts");
        foreach (var _ in Enumerable.Range(0, 2))
            foreach (var (id, count) in authors)
            {
                Assert.Equal(count, await TotalAsync($"/v1/questions?senator={id}&status=answered&status=awaiting_answer&status=lapsed&status=withdrawn&status=converted"));
                Assert.Equal(count, await TotalAsync($"/v1/questions?senator={id}&status=answered&status=awaiting_answer&status=lapsed&status=withdrawn&status=converted&cursor={await FirstCursorAsync(id)}"));
            }
    }

    private async Task<string> FirstCursorAsync(string senator) =>
        (await Client.GetJsonAsync($"/v1/questions?senator={senator}&status=answered&status=awaiting_answer&status=lapsed&status=withdrawn&status=converted&limit=1"))
            .GetProperty("meta").GetProperty("nextCursor").GetString()!;

    [Fact]
    public async Task Lineage_adds_the_questions_of_every_predecessor()
    {
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT id FROM opendata.ministries WHERE cardinality(lineage_ids) > 2 ORDER BY id LIMIT 1");
        var expected = await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM opendata.questions WHERE ministry_ids && (SELECT lineage_ids FROM opendata.ministries WHERE id = {ministry})");
        var own = await TotalAsync($"/v1/questions?ministry={ministry}");
        var withLineage = await TotalAsync($"/v1/questions?ministry={ministry}&lineage=true");
        Assert.Equal(expected, withLineage);
        Assert.True(withLineage > own);
        Assert.Equal(withLineage, await TotalAsync($"/v1/ministries/{ministry}/questions?lineage=true"));
    }

    [Theory]
    [InlineData("-publishedAt", "published_at DESC, id DESC")]
    [InlineData("publishedAt", "published_at ASC, id ASC")]
    [InlineData("-answeredAt", "answered_at DESC NULLS LAST, id DESC")]
    [InlineData("answerDelayDays", "answer_delay_days ASC NULLS LAST, id ASC")]
    [InlineData("-answerDelayDays", "answer_delay_days DESC NULLS LAST, id DESC")]
    public async Task Each_sort_orders_like_sql_and_a_cursor_walk_neither_skips_nor_repeats(string sort, string orderBy)
    {
        const string filter = "legislature=17";
        var expected = (await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.questions WHERE legislature = 17 ORDER BY {orderBy}")).ToList();
        var walked = Ids(await Client.WalkAsync("/v1/questions", $"{filter}&sort={sort}", 37, "id"));
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Relevance_ranks_titles_above_texts_and_walks_every_match_once()
    {
        var expected = await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM opendata.questions WHERE search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'désertification médicale')");
        var walked = Ids(await Client.WalkAsync("/v1/questions", "q=d%C3%A9sertification%20m%C3%A9dicale&sort=relevance", 50, "id"));
        Assert.Equal(expected, walked.Count);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        var first = (await Client.GetJsonAsync("/v1/questions?q=d%C3%A9sertification&sort=relevance&limit=1")).GetProperty("data")[0];
        Assert.Contains("désertification", first.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Full_text_ignores_accents_and_case_and_highlights_matches()
    {
        var accented = await Client.GetJsonAsync("/v1/questions?q=d%C3%A9sertification&limit=5");
        var plain = await Client.GetJsonAsync("/v1/questions?q=DESERTIFICATION&limit=5&highlight=true");
        Assert.True(accented.GetProperty("meta").GetProperty("total").GetInt64() > 0);
        Assert.Equal(accented.GetProperty("meta").GetProperty("total").GetInt64(), plain.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(5, plain.GetProperty("data").GetArrayLength());
        foreach (var question in plain.GetProperty("data").EnumerateArray())
            Assert.Contains("<mark>désertification</mark>", question.GetProperty("highlight").GetString(), StringComparison.OrdinalIgnoreCase);
        // Highlights are asked for: without highlight=true, or without a search, there are none.
        Assert.False(accented.GetProperty("data")[0].TryGetProperty("highlight", out _));
        Assert.False((await Client.GetJsonAsync("/v1/questions?limit=1")).GetProperty("data")[0].TryGetProperty("highlight", out _));
    }

    [Fact]
    public async Task Facet_counts_equal_the_totals_of_the_filtered_lists()
    {
        var body = await Client.GetJsonAsync("/v1/questions?nature=QE&facets=ministry,group,theme,status,nature,legislature,year");
        var facets = body.GetProperty("meta").GetProperty("facets");
        var parameter = new Dictionary<string, Func<string, string>>
        {
            ["ministry"] = v => $"ministry={v}", ["group"] = v => $"group={v}", ["theme"] = v => $"theme={v}",
            ["status"] = v => $"status={v}", ["nature"] = v => $"nature={v}", ["legislature"] = v => $"legislature={v}",
            ["year"] = v => $"publishedFrom={v}-01-01&publishedTo={v}-12-31",
        };
        foreach (var (facet, toQuery) in parameter)
        {
            var values = facets.GetProperty(facet).EnumerateArray().Take(3).ToList();
            Assert.NotEmpty(values);
            foreach (var value in values)
            {
                var id = value.GetProperty("id");
                // Typed like the resource's id, and labelled: numbers for ministries, themes, legislatures and years.
                Assert.Equal(facet is "ministry" or "theme" or "legislature" or "year" ? JsonValueKind.Number : JsonValueKind.String, id.ValueKind);
                Assert.False(string.IsNullOrEmpty(value.GetProperty("label").GetString()));
                Assert.Equal(facet == "ministry" ? JsonValueKind.String : JsonValueKind.Null, value.GetProperty("startDate").ValueKind);
                Assert.Equal(value.GetProperty("count").GetInt64(), await TotalAsync($"/v1/questions?nature=QE&{toQuery(id.ToString())}"));
            }
        }
        Assert.Equal("En attente de réponse", facets.GetProperty("status").EnumerateArray().Single(v => v.GetProperty("id").GetString() == "awaiting_answer").GetProperty("label").GetString());
        var statusSum = facets.GetProperty("status").EnumerateArray().Sum(v => v.GetProperty("count").GetInt64());
        Assert.Equal(body.GetProperty("meta").GetProperty("total").GetInt64(), statusSum);
    }

    [Fact]
    public async Task A_question_detail_has_its_answer_and_reminders()
    {
        var reminded = await fixture.Database.ScalarAsync<string>("SELECT reminds_question_id FROM opendata.questions WHERE reminds_question_id IS NOT NULL ORDER BY id LIMIT 1");
        var detail = await Client.GetJsonAsync($"/v1/questions/{reminded}");
        var reminders = detail.GetProperty("reminders").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(await fixture.Database.QueryAsync<string>($"SELECT id FROM opendata.questions WHERE reminds_question_id = '{reminded}' ORDER BY published_at, id"), reminders);

        var common = await fixture.Database.ScalarAsync<string>("SELECT question_id FROM opendata.answers WHERE cardinality(shared_with) > 0 ORDER BY question_id LIMIT 1");
        var answered = await Client.GetJsonAsync($"/v1/questions/{common}");
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        var answer = answered.GetProperty("answer");
        Assert.Equal(common, answer.GetProperty("questionId").GetString());
        Assert.NotEmpty(answer.GetProperty("sharedWith").EnumerateArray());
        Assert.Equal(answered.GetProperty("answerDelayDays").GetInt32(), answer.GetProperty("delayDays").GetInt32());

        // Every field of the answer, an erratum and a shared answer included, as the answers list gives it.
        var corrected = await fixture.Database.QueryAsync<string>("""
            (SELECT question_id FROM opendata.answers WHERE erratum_date IS NOT NULL ORDER BY question_id LIMIT 2)
            UNION ALL (SELECT question_id FROM opendata.answers WHERE cardinality(shared_with) > 0 ORDER BY question_id LIMIT 2)
            """);
        Assert.Equal(4, corrected.Count);
        foreach (var id in corrected)
        {
            var inDetail = (await Client.GetJsonAsync($"/v1/questions/{id}")).GetProperty("answer");
            var day = inDetail.GetProperty("publishedAt").GetString();
            var sameDay = await Client.GetJsonAsync($"/v1/answers?publishedFrom={day}&publishedTo={day}&ministry={inDetail.GetProperty("ministry").GetProperty("id").GetInt64()}&limit=100");
            var inList = sameDay.GetProperty("data").EnumerateArray().Single(a => a.GetProperty("questionId").GetString() == id);
            Assert.Equal(inList.GetRawText(), inDetail.GetRawText());
        }

        var awaiting = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions WHERE status = 'awaiting_answer' ORDER BY id LIMIT 1");
        Assert.Equal(JsonValueKind.Null, (await Client.GetJsonAsync($"/v1/questions/{awaiting}")).GetProperty("answer").ValueKind);
    }

    [Fact]
    public async Task Csv_and_ndjson_exports_hold_the_same_rows_as_json()
    {
        const string query = "/v1/questions?nature=QOSD&sort=publishedAt";
        var json = await Client.WalkAsync("/v1/questions", "nature=QOSD&sort=publishedAt", 200, "id");

        var ndjsonResponse = await Client.GetAsync($"{query}&format=ndjson");
        Assert.Equal("application/x-ndjson", ndjsonResponse.Content.Headers.ContentType?.MediaType);
        var ndjson = (await ndjsonResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(json.Select(j => j.GetRawText()), ndjson.Select(n => n.GetRawText()));

        var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Accept.ParseAdd("text/csv");
        var csvResponse = await Client.SendAsync(request);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(json.Count.ToString(), csvResponse.Headers.GetValues("X-Total-Count").Single());
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvReader.Parse(System.Text.Encoding.UTF8.GetString(bytes[3..]));
        var header = rows[0];
        Assert.Equal(json.Count, rows.Count - 1);
        for (var i = 0; i < json.Count; i++)
        {
            var row = header.Zip(rows[i + 1]).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal(json[i].GetProperty("id").GetString(), row["id"]);
            Assert.Equal(json[i].GetProperty("title").GetString() ?? "", row["title"]);
            Assert.Equal(json[i].GetProperty("text").GetString() ?? "", row["text"]); // quotes, commas and line breaks survive
            Assert.Equal(json[i].GetProperty("author").GetProperty("name").GetString(), row["authorName"]);
            Assert.Equal(json[i].GetProperty("publishedAt").GetString(), row["publishedAt"]);
        }
    }

    [Fact]
    public async Task Every_csv_column_of_every_question_reads_as_its_json()
    {
        var json = await TestKit.NdjsonAsync(Client, "/v1/questions?format=ndjson");
        var csv = await TestKit.CsvAsync(Client, "/v1/questions?format=csv");
        // The columns as published (a column's place is part of the format): objects by the columns they name, the text last.
        Assert.Equal(["id", "number", "legislature", "natureCode", "natureLabel", "status", "title", "topic", "themes", "publishedAt", "journalPage",
            "authorId", "authorName", "authorCivility", "authorGroup", "authorGroupLabel", "authorConstituency", "ministryId", "ministryName",
            "transferMinistryId", "transferMinistryName", "transferredAt", "answeredAt", "answeredById", "answeredByName", "answerDelayDays",
            "deadline", "overdue", "closedAt", "remindsQuestionId", "updatedAt", "url", "text"], csv[0].Keys);
        static Func<JsonElement, string> At(params string[] path) => q =>
            path.Aggregate(q, (value, name) => value.ValueKind == JsonValueKind.Null ? value : value.GetProperty(name)) is var found ? TestKit.Text(found) : "";
        TestKit.AssertCsvMatchesJson(csv, json, new()
        {
            ["natureCode"] = At("nature", "code"), ["natureLabel"] = At("nature", "label"),
            ["themes"] = q => string.Join("; ", q.GetProperty("themes").EnumerateArray().Select(t => t.GetProperty("label").GetString())),
            ["authorId"] = At("author", "id"), ["authorName"] = At("author", "name"), ["authorCivility"] = At("author", "civility"),
            ["authorGroup"] = At("author", "group", "code"), ["authorGroupLabel"] = At("author", "group", "label"), ["authorConstituency"] = At("author", "constituency"),
            ["ministryId"] = At("ministry", "id"), ["ministryName"] = At("ministry", "name"),
            ["transferMinistryId"] = At("transfer", "ministry", "id"), ["transferMinistryName"] = At("transfer", "ministry", "name"), ["transferredAt"] = At("transfer", "at"),
            ["answeredById"] = At("answeredBy", "id"), ["answeredByName"] = At("answeredBy", "name"),
        });
        Assert.Contains(json, q => q.GetProperty("transfer").ValueKind == JsonValueKind.Object);
        Assert.Contains(json, q => q.GetProperty("themes").GetArrayLength() > 1);
    }

    [Fact]
    public async Task An_export_of_the_whole_set_streams_every_row()
    {
        var response = await Client.GetAsync("/v1/questions?format=ndjson", HttpCompletionOption.ResponseHeadersRead);
        var total = long.Parse(response.Headers.GetValues("X-Total-Count").Single());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var ids = new HashSet<string>();
        while (await reader.ReadLineAsync() is { } line)
            ids.Add(JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!);
        Assert.Equal(2_000, total);
        Assert.Equal(total, ids.Count);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("unknown=1", "unknown")]
    [InlineData("status=pending", "status")]
    [InlineData("nature=QX", "nature")]
    [InlineData("publishedFrom=2024-13-01", "publishedFrom")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("sort=title", "sort")]
    [InlineData("sort=relevance", "sort")]
    [InlineData("lineage=true", "lineage")]
    [InlineData("senator=Maurey", "senator")]
    [InlineData("publishedFrom=2024-02-01&publishedTo=2024-01-31", "publishedFrom")]
    [InlineData("answeredFrom=2024-02-01&answeredTo=2024-01-31", "answeredFrom")]
    [InlineData("highlight=true", "highlight")]
    [InlineData("q=eau&highlight=yes", "highlight")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("legislature=17&legislature=16", "legislature")]
    [InlineData("q=", "q")]
    [InlineData("format=xml", "format")]
    [InlineData("facets=colour", "facets")]
    [InlineData("q=%27%3B%20DROP%20TABLE%20questions%3B--&limit=-1", "limit")]
    public async Task Malformed_parameters_are_a_400_problem_naming_them(string query, string parameter)
    {
        var response = await Client.GetAsync($"/v1/questions?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("/v1/questions/SEQ240611950?x=1", "x", "unknown parameter; this endpoint takes no query parameters")]
    [InlineData("/v1/changes?limit=500", "limit", "must be between 1 and 200")]
    [InlineData("/v1/questions.atom?limit=0", "limit", "must be between 1 and 200")]
    public async Task Errors_say_what_the_endpoint_takes_and_nothing_it_does_not(string url, string parameter, string expected)
    {
        var problem = await (await Client.GetAsync(url)).Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        Assert.Equal(expected, message);
    }

    [Fact]
    public async Task A_name_given_as_senator_is_answered_with_where_to_search()
    {
        var problem = await (await Client.GetAsync("/v1/questions?senator=Maurey")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("/v1/senators?q=Maurey", problem.GetProperty("errors").GetProperty("senator")[0].GetString());
    }

    [Fact]
    public async Task Ids_are_found_whatever_their_case_and_answered_in_their_canonical_form()
    {
        Assert.Equal("SEQ240611950", (await Client.GetJsonAsync("/v1/questions/seq240611950")).GetProperty("id").GetString());
        Assert.Equal("08037L", (await Client.GetJsonAsync("/v1/senators/08037l")).GetProperty("id").GetString());
        var upper = (await Client.GetJsonAsync("/v1/questions?senator=08037L")).GetProperty("meta").GetProperty("total").GetInt64();
        Assert.True(upper > 0);
        Assert.Equal(upper, (await Client.GetJsonAsync("/v1/questions?senator=08037l")).GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(upper, (await Client.GetJsonAsync("/v1/senators/08037l/questions")).GetProperty("meta").GetProperty("total").GetInt64());
        // GraphQL's filter is the same filter (QuestionFilter.Senator makes it canonical).
        using var graph = await Client.PostAsync("/graphql", JsonContent.Create(new { query = """{ questions(first: 0, filter: {senator: " 08037l"}) { totalCount } }""" }));
        Assert.Equal(upper, (await graph.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("questions").GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_rejected()
    {
        var next = (await Client.GetJsonAsync("/v1/questions?limit=1")).GetProperty("meta").GetProperty("nextCursor").GetString();
        var response = await Client.GetAsync($"/v1/questions?sort=publishedAt&cursor={next}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems_and_unsupported_formats_406()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/questions/SEQ000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/senators/XXXXXX/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/v1/ministries/999999999/questions")).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/questions");
        request.Headers.Accept.ParseAdd("application/xml");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(); // like every other problem
        Assert.Equal("/v1/questions", problem.GetProperty("instance").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=-5")]
    public async Task A_page_size_out_of_range_states_the_real_range(string query)
    {
        var problem = await TestKit.AssertProblemAsync(Client, $"/v1/questions?{query}", HttpStatusCode.BadRequest, "limit");
        Assert.StartsWith("must be between 1 and 200", problem.GetProperty("errors").GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
        if (query == "limit=201")
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/v1/questions?{query}&format=csv")).StatusCode); // exports have no maximum
        else
            Assert.StartsWith("must be at least 1", (await TestKit.AssertProblemAsync(Client, $"/v1/questions?{query}&format=csv", HttpStatusCode.BadRequest, "limit"))
                .GetProperty("errors").GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_a_link_to_the_next_page()
    {
        var response = await Client.GetAsync("/v1/questions?limit=5&status=answered");
        var next = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meta").GetProperty("nextCursor").GetString();
        var link = response.Headers.GetValues("Link").Single();
        Assert.Matches("^<http://localhost/v1/questions\\?limit=5&status=answered&cursor=[A-Za-z0-9_-]+>; rel=\"next\"$", link);
        Assert.Contains(next!, link);
    }

    private static List<string> Ids(IEnumerable<JsonElement> questions) => questions.Select(q => q.GetProperty("id").GetString()!).ToList();

    private async Task<long> TotalAsync(string url) => (await Client.GetJsonAsync(url + (url.Contains('?') ? "&" : "?") + "limit=1")).GetProperty("meta").GetProperty("total").GetInt64();
}
