using System.Net;
using System.Text.Json.Nodes;
using OpenData.Api.Protection;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>Depth, price and size are checked before execution: a rejected query runs no SQL.</summary>
[Collection(GraphQLCollection.Name)]
public sealed class GraphQLProtectionTests(GraphQLFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonNode Body, int Sql)> RunAsync(string query)
    {
        HttpStatusCode status = default;
        JsonNode body = null!;
        var sql = await fixture.CountSqlAsync(async () =>
        {
            using var response = await fixture.PostAsync(query);
            status = response.StatusCode;
            body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        });
        return (status, body, sql);
    }

    [Fact]
    public async Task A_query_over_the_price_limit_is_rejected_before_any_sql()
    {
        var (status, body, sql) = await RunAsync("{ questions(first: 100) { nodes { author { questions(first: 100) { nodes { author { questions(first: 100, filter: {q: \"commune\"}) { totalCount } } } } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_COST_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // 100 questions, their authors' 100 questions each, and each of those authors' matches searched and counted: over the
        // limit even were nothing to match (the price it says, with no SQL run to estimate the matches).
        var requested = body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
        Assert.True(requested > 10_000 && requested >= 10_000 * (Prices.Matched(0, Prices.MatchesCountedPerPermit) + Prices.SearchPage(0, 1, 1)), body.ToJsonString());
        Assert.Equal(10_000, body["extensions"]!["cost"]!["limit"]!.GetValue<long>());
        Assert.Null(body["data"]);
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task One_new_search_is_estimated_per_request_the_others_priced_as_if_every_question_matched()
    {
        // Thirty words no request has searched: planning thirty estimates before the query is paid would be work a caller
        // refused for its price never pays for. One is estimated per request; the rest cost as if they matched everything.
        var words = Enumerable.Range(0, 30).Select(i => $"inconnu{Guid.NewGuid():N}"[..22]).ToList();
        var query = "{ " + string.Concat(words.Select((w, i) => $"s{i}: questions(first: 0, filter: {{q: \"{w}\"}}) {{ totalCount }} ")) + "}";
        var prices = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.PostAsync(query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            prices.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["requested"]!.GetValue<long>());
        }
        var everyQuestion = Prices.Matched(fixture.Questions, Prices.MatchesCountedPerPermit) + Prices.SearchPage(fixture.Questions, 1, fixture.Questions);
        Assert.True(prices[0] >= 1 + 30 * everyQuestion, $"{prices[0]} for thirty searches priced at every question ({everyQuestion} each)");
        // Again: each page is still priced at every question while most words are unestimated.
        Assert.All(prices, price => Assert.True(price >= 1 + 30 * Prices.SearchPage(fixture.Questions, 1, fixture.Questions), string.Join(", ", prices)));

    }

    [Fact]
    public async Task A_document_validated_before_is_still_costed_with_its_new_variables()
    {
        // A document of its own, so this test sees it first valid, then cached, then over the limits.
        const string query = """query Costed($n: Int) { questions(first: $n) { nodes { id author { questions(first: $n) { nodes { author { questions(first: $n, filter: {q: "commune"}) { totalCount } } } } } } } }""";
        long? price = null;
        for (var i = 0; i < 2; i++)
        {
            using var small = await fixture.PostAsync(query, new { n = 2 });
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            var requested = JsonNode.Parse(await small.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["requested"]!.GetValue<long>();
            // Four authors' searches, each counted: four full-text counts and pages, and a few values.
            var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
            Assert.InRange(requested, 1 + 4 * (Prices.Matched(matches, Prices.MatchesCountedPerPermit) + Prices.SearchPage(matches, 3, fixture.Questions)), 1_000);
            Assert.Equal(price ?? requested, requested);
            price = requested;
        }
        var sql = await fixture.CountSqlAsync(async () =>
        {
            using var large = await fixture.PostAsync(query, new { n = 100 });
            Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
            Assert.Equal("MAX_COST_EXCEEDED", JsonNode.Parse(await large.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            using var outOfRange = await fixture.PostAsync(query, new { n = 101 });
            Assert.Contains("FIRST_OUT_OF_RANGE", await outOfRange.Content.ReadAsStringAsync());
        });
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task A_query_too_deep_is_rejected_before_any_sql()
    {
        var query = "{ question(id: \"X\") { " + string.Concat(Enumerable.Repeat("remindsQuestion { ", 15)) + "id" + new string('}', 16) + " }";
        var (status, body, sql) = await RunAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_DEPTH_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task A_document_too_large_is_rejected_before_any_sql()
    {
        var (status, body, sql) = await RunAsync("{ themes { id } }" + new string(' ', 20_000));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_LARGE", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task The_price_counts_every_value_and_linked_object_of_every_row()
    {
        static string Page(int first, string fields) => $"{{ questions(first: {first}) {{ totalCount nodes {{ {fields} }} }} }}";
        // The total (known for an unfiltered list), 50 questions and their 3 × 50 linked objects: 151 values, 150 lookups,
        // and each of the 50 rows built as an object, priced as a value (GraphCompiler.Each).
        var linked = await PriceAsync(Page(50, "author { active } ministry { current } answer { journalPage }"));
        Assert.Equal(1 + (long)Math.Ceiling((151.0 + 50) / Prices.ValuesPerPermit + 150.0 / Prices.LookupsPerPermit), linked);
        // An author's and a ministry's id and an answer's delay are the question's own columns: nothing is looked up, and
        // each object built from them is priced as a value.
        var own = await PriceAsync(Page(50, "author { id } ministry { id } answer { delayDays }"));
        Assert.Equal(1 + (long)Math.Ceiling((151.0 + 150 + 50) / Prices.ValuesPerPermit), own);
        // A title, a date, a number are short values; only the long texts (a question's or an answer's text) are priced as texts.
        Assert.Equal(1 + (long)Math.Ceiling((1.0 + 100 + 100 * 4) / Prices.ValuesPerPermit), await PriceAsync(Page(100, "id title publishedAt number")));
        Assert.Equal(1 + (long)Math.Ceiling(101.0 / Prices.ValuesPerPermit + 100.0 / Prices.LookupsPerPermit + 100.0 / Prices.TextsPerPermit),
            await PriceAsync(Page(100, "answer { text }")));
        // A long text is priced as one, and each alias of it again, dearer: the text is read again for each.
        Assert.Equal(1 + (long)Math.Ceiling(101.0 / Prices.ValuesPerPermit + 100.0 / Prices.TextsPerPermit), await PriceAsync(Page(100, "text")));
        var aliased = string.Join(' ', Enumerable.Range(0, 50).Select(i => $"t{i}: text"));
        Assert.Equal(1 + (long)Math.Ceiling(101.0 / Prices.ValuesPerPermit + 100.0 / Prices.TextsPerPermit + 100.0 * 49 / Prices.NestedTextsPerPermit),
            await PriceAsync(Page(100, aliased)));
        // In a list under another list's rows (each senator's questions), texts are the dearer kind too.
        static string Nested(string field) => $"{{ senators(first: 5) {{ nodes {{ questions(first: 10) {{ nodes {{ {field} }} }} }} }} }}";
        var texts = await PriceAsync(Nested("text")) - await PriceAsync(Nested("title"));
        Assert.InRange(texts, 50 / Prices.NestedTextsPerPermit - 1, 50 / Prices.NestedTextsPerPermit + 1);
        Assert.True(50 / Prices.NestedTextsPerPermit - 1 > 50 / Prices.TextsPerPermit + 1, "the two kinds of texts told apart");
    }

    [Fact]
    public async Task Each_ministrys_page_of_questions_pays_for_reading_them_and_a_lineages_more()
    {
        // Under each ministry, its page reads all its questions (found by the index of their ministries, then sorted).
        var one = await PriceAsync("{ ministries(first: 5) { nodes { questions(first: 2) { nodes { id } } } } }");
        Assert.True(one >= 1 + 5 * Prices.KeyCount, $"{one} for five ministries' pages");
        // The largest ministry's page reads its questions whatever the list it is under, and is priced so.
        var largest = await fixture.Database.QuerySingleAsync<(long Id, int Questions)>(
            "SELECT m AS id, count(*)::int AS questions FROM opendata.questions, unnest(ministry_ids) m GROUP BY m ORDER BY 2 DESC, 1 LIMIT 1");
        Assert.Equal(largest.Questions, await fixture.Database.ScalarAsync<int>("SELECT (list_bounds->>'ministryQuestions')::int FROM opendata.dataset"));
        // Its questions read and sorted, a count by an index, a page under a row, its 2 ids.
        Assert.Equal(1 + (largest.Questions + Prices.SortedRowsPerPermit - 1) / Prices.SortedRowsPerPermit + Prices.KeyCount + 1 + 1,
            await PriceAsync($"{{ ministry(id: {largest.Id}) {{ questions(first: 2) {{ nodes {{ id }} }} }} }}"));
        var lineages = await PriceAsync("{ ministries(first: 5) { nodes { questions(first: 2, filter: {lineage: true}) { nodes { id } } } } }");
        Assert.True(lineages >= 1 + 5 * Prices.Scaled(Prices.Count, fixture.Questions) && lineages > one, $"{lineages} for five lineages' pages, {one} without");
    }

    private async Task<long> PriceAsync(string query)
    {
        var (status, body, _) = await RunAsync(query);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
    }

    [Fact]
    public async Task Introspection_is_priced_by_exactly_the_objects_it_returns()
    {
        var (status, introspection, _) = await RunAsync("{ __schema { types { name fields { name type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1 + Prices.Introspection(Objects(introspection["data"]!) - 1), introspection["extensions"]!["cost"]!["requested"]!.GetValue<long>());
    }

    private static long Objects(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => Objects(p.Value)),
        JsonArray array => array.Sum(Objects),
        _ => 0,
    };
}
