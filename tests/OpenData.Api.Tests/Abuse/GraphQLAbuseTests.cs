using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace OpenData.Api.Tests.Abuse;

/// <summary>Observations 2, 3 and 4: GraphQL bombs, cost holes, exponential validation.</summary>
[Collection(AbuseCollection.Name)]
public sealed class GraphQLAbuseTests(AbuseFixture fixture)
{
    // About a kilobyte asking, through aliases and fragments, for every type's fields eight times over, each field's type
    // (and what it wraps) with its fields eight times over: some 80,000 objects, 100 MB of JSON.
    private static readonly string IntrospectionBomb =
        "query { __schema { types { ...T } } }\n" +
        "fragment T on __Type { " + Aliased("f", "fields { type { ...U ofType { ...U ofType { ...U } } } }") + " }\n" +
        "fragment U on __Type { " + Aliased("g", "fields { name type { name ofType { name } } }") + " }";

    private static string Aliased(string prefix, string selection) => string.Join(' ', Enumerable.Range(0, 8).Select(i => $"{prefix}{i}: {selection}"));

    [Fact]
    public async Task An_introspection_bomb_is_rejected_before_validation_without_memory_growth()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.20");
        await PostAsync(client, "{ dataset { version } }"); // warm up

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (status, body) = await PostAsync(client, IntrospectionBomb);
        var growth = GC.GetTotalAllocatedBytes(precise: true) - allocated;

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_ALIASES_EXCEEDED", Code(body)); // 8 aliases in 8 × 8 × 3 places: refused by the admission, before validation
        Assert.True(growth < 50 * 1024 * 1024, $"{growth / 1048576} MB allocated while rejecting it");
    }

    [Fact]
    public async Task Introspection_with_every_option_current_tools_send_answers()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.24");
        var (status, body) = await PostAsync(client, FullIntrospection);
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, body.ToJsonString());
        var schema = body["data"]!["__schema"]!;
        Assert.All(schema["directives"]!.AsArray(), d => Assert.False(d!["isRepeatable"]!.GetValue<bool>()));
        Assert.All(schema["types"]!.AsArray(), t => Assert.True(t!.AsObject().ContainsKey("specifiedByURL")));
    }

    [Fact]
    public async Task GraphiQLs_full_introspection_query_passes_and_costs_the_objects_it_returns()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.21");
        var (status, body) = await PostAsync(client, GraphiQLIntrospection);
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, body.ToJsonString());
        Assert.Equal(1 + OpenData.Api.Protection.Prices.Introspection(Objects(body["data"]) - 1), body["extensions"]!["cost"]!["requested"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_chain_of_fragments_each_spreading_the_next_twice_is_rejected_without_expanding_it()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.22");
        await PostAsync(client, "{ dataset { version } }"); // warm up
        var chain = new StringBuilder("{ ...F0 }\n");
        for (var i = 0; i < 22; i++) chain.Append($"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n");
        chain.Append("fragment F22 on Query { dataset { version } }");

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var (status, body) = await PostAsync(client, chain.ToString());
        var growth = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_FIELDS_EXCEEDED", Code(body));
        // Expanded, the chain is 2^22 fields: counted without expanding it, it is refused having allocated little.
        Assert.True(growth < 20 * 1024 * 1024, $"{growth / 1048576} MB allocated while rejecting it");
    }

    [Fact]
    public async Task Fields_validation_would_compare_pair_by_pair_are_refused_before_it_runs()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.23");
        // 1,200 fields under one response key (13 KB): validation compares them pair by pair, 720,000 pairs.
        var sameKey = "{ dataset { " + string.Join(' ', Enumerable.Range(0, 1_200).Select(i => i % 2 == 0 ? "q: version" : "q: importedAt")) + " } }";
        var (status, body) = await PostAsync(client, sameKey);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SAME_KEY_REPEATED", Code(body));
        Assert.Single(body["errors"]!.AsArray());
        // 1,000 aliased fields of one fragment spread twice.
        var fragment = string.Join(' ', Enumerable.Range(0, 999).Select(i => $"a{i}: version"));
        (status, body) = await PostAsync(client, $"{{ dataset {{ ...D ...D }} }} fragment D on Dataset {{ {fragment} }}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_ALIASES_EXCEEDED", Code(body));
        // Each cost the request's permit alone.
        using var after = await client.GetAsync("/v1/dataset");
        Assert.Equal("5997", after.Headers.GetValues("RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task The_largest_merge_allowed_validates_and_runs()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.29");
        // One fragment spread ten times (the most fields one key may hold), with ten aliases: 100 aliases once expanded.
        var fields = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"a{i}: title"));
        var query = "{ ...Q ...Q ...Q ...Q ...Q ...Q ...Q ...Q ...Q ...Q } fragment Q on Query { questions(first: 100) { nodes { id text " + fields + " author { name } } } }";
        var (status, body) = await PostAsync(client, query);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(100, body["data"]!["questions"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_plain_list_multiplies_what_is_nested_under_it()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.24");
        var (_, one) = await PostAsync(client, "{ ministry(id: 900) { questions(first: 100) { nodes { id } } } }");
        var (status, body) = await PostAsync(client, "{ ministryStats { ministry { questions(first: 100) { nodes { id } } } } }");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        // Each ministry of the dataset may come with a page of 100 questions: priced as many times as the one.
        var price = body["extensions"]!["cost"]!["requested"]!.GetValue<long>() - 1;
        var single = one["extensions"]!["cost"]!["requested"]!.GetValue<long>() - 1;
        Assert.True(single >= 1 && price >= 10 * single, $"{price} for the list, {single} for one ministry");
    }

    [Fact]
    public async Task A_total_costs_even_with_first_zero_and_each_aliased_search_pays_again()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.25");
        var questions = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        var search = OpenData.Api.Protection.Prices.Matched(matches, OpenData.Api.Protection.Prices.MatchesCountedPerPermit)
            + OpenData.Api.Protection.Prices.SearchPage(matches, pageRows: 1, questions);
        var (_, one) = await PostAsync(client, """{ questions(first: 0, filter: {q: "commune"}) { totalCount } }""");
        Assert.True(one["extensions"]!["cost"]!["requested"]!.GetValue<long>() >= 1 + search, one.ToJsonString());
        // A filter whose value is false is still a filter: counted as REST counts it.
        var (_, overdue) = await PostAsync(client, "{ questions(first: 0, filter: {overdue: false}) { totalCount } }");
        var counted = await fixture.Database.EstimatedCostAsync(
            "SELECT count(*) FROM opendata.questions q WHERE NOT " + OpenData.Data.Questions.QuestionPredicates.Overdue("q"));
        Assert.True(overdue["extensions"]!["cost"]!["requested"]!.GetValue<long>() >= 1 + (long)Math.Ceiling(counted / OpenData.Api.Protection.Prices.ReadCostPerPermit), overdue.ToJsonString());

        var aliased = "{ " + string.Concat(Enumerable.Range(0, 12).Select(i => $"c{i}: questions(first: 0, filter: {{q: \"mot{i}\"}}) {{ totalCount }} ")) + "}";
        var (status, body) = await PostAsync(client, aliased);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        // Each pays its count and its page, however few its matches.
        Assert.True(body["extensions"]!["cost"]!["requested"]!.GetValue<long>() >= 1 + 12 * (1 + OpenData.Api.Protection.Prices.SearchPage(0, pageRows: 1, questions)), body.ToJsonString());
    }

    [Fact]
    public async Task The_costliest_allowed_query_holds_one_connection_and_is_charged_even_when_cut_short()
    {
        // Two connections for requests: a query that took more than one would leave none to the ordinary client.
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString + ";Maximum Pool Size=2",
            new Dictionary<string, string> { ["Database:StatementTimeoutSeconds"] = "3" });
        using var attacker = api.ClientFrom("127.0.0.26");
        using var ordinary = api.ClientFrom("127.0.0.27");
        var searches = new StringBuilder("{ ");
        for (var i = 0; i < 4; i++) // 4 × 2,181 nodes: within the limit
            searches.Append($"s{i}: questions(first: 20, orderBy: RELEVANCE, filter: {{q: \"commune\"}}) {{ totalCount nodes {{ id highlight answer {{ delayDays }} }} }} ");
        searches.Append('}');

        // Its searches' matches estimated already (by another client's query): the estimate, which plans a statement over the
        // questions, would wait for the lock too, before the query is priced.
        using (var estimated = api.ClientFrom("127.0.0.29"))
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(estimated, """{ questions(first: 0, filter: {q: "commune"}) { totalCount } }""")).Item1);

        // The questions are locked: the query waits on them, holding its connection, until its time is spent.
        await using var owner = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await owner.OpenAsync();
        await using (var transaction = await owner.BeginTransactionAsync())
        {
            await owner.ExecuteAsync("LOCK TABLE opendata.questions IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            var heavy = PostAsync(attacker, searches.ToString(), accept: "application/json");
            await Eventually.TrueAsync(() => fixture.Database.ScalarAsync<bool>(
                "SELECT EXISTS (SELECT FROM pg_locks WHERE NOT granted AND relation = 'opendata.questions'::regclass)"), "the heavy query waiting for the lock");
            for (var i = 1; i <= 10; i++)
            {
                // Answered while the heavy query still holds its connection: not queued behind it.
                using var response = await ordinary.GetAsync($"/v1/senators?limit={i}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(heavy.IsCompleted, "the heavy query ended before the ordinary requests were answered: the test shows nothing");
            }
            var (status, body) = await heavy;
            Assert.True(status == HttpStatusCode.ServiceUnavailable, body.ToJsonString());
            await transaction.RollbackAsync();
        }
        // Charged its price before it ran (four rankings and counts of every match at least), though it was cut short.
        var matches = await fixture.Database.EstimatedMatchesAsync("opendata.questions", "commune");
        var searches4 = 4 * (OpenData.Api.Protection.Prices.Matched(matches, OpenData.Api.Protection.Prices.MatchesRankedPerPermit)
            + OpenData.Api.Protection.Prices.Matched(matches, OpenData.Api.Protection.Prices.MatchesCountedPerPermit));
        using var next = await attacker.GetAsync("/v1/dataset");
        Assert.True(int.Parse(next.Headers.GetValues("RateLimit-Remaining").Single()) <= 6_000 - 2 - searches4);
    }

    [Fact]
    public async Task A_rejected_query_costs_one_whatever_the_media_type_it_asks_for()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.28");
        // 10,000 authors' matches searched and counted.
        var query = "{ questions(first: 100) { nodes { author { questions(first: 100) { nodes { author { questions(first: 100, filter: {q: \"commune\"}) { totalCount } } } } } } } }";
        foreach (var accept in new[] { "application/json", "application/graphql-response+json" })
        {
            using var before = await client.GetAsync("/v1/dataset");
            var remaining = int.Parse(before.Headers.GetValues("RateLimit-Remaining").Single());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(query) };
            request.Headers.Accept.ParseAdd(accept);
            using var rejected = await client.SendAsync(request);
            Assert.Contains("MAX_COST_EXCEEDED", await rejected.Content.ReadAsStringAsync());
            Assert.Equal(remaining - 1, int.Parse(rejected.Headers.GetValues("RateLimit-Remaining").Single()));
        }
    }

    /// <summary>The query GraphiQL sends, from graphql-js itself (installed in tools/ by ./test.sh).</summary>
    internal static string GraphiQLIntrospection => IntrospectionQuery("");

    /// <summary>
    /// graphql-js's introspection query with every option current tools turn on (descriptions, specifiedByUrl,
    /// directiveIsRepeatable, schemaDescription, inputValueDeprecation, oneOf).
    /// </summary>
    internal static string FullIntrospection => IntrospectionQuery(
        "{ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }");

    private static string IntrospectionQuery(string options)
    {
        var start = new ProcessStartInfo("node", ["-e", $"process.stdout.write(require('graphql').getIntrospectionQuery({options}))"])
        {
            WorkingDirectory = Path.Combine(ContractTests.RepositoryRoot(), "tools"),
            RedirectStandardOutput = true,
        };
        using var node = Process.Start(start)!;
        var query = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0 && query.Contains("__schema"), "graphql-js is not installed in tools/: run ./test.sh");
        return query;
    }

    internal static StringContent Json(string query, object? variables = null) =>
        new(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");

    internal static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient client, string query, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json(query) };
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)! : new JsonObject { ["raw"] = text });
    }

    private static string Code(JsonNode body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    private static long Objects(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => Objects(p.Value)),
        JsonArray array => array.Sum(Objects),
        _ => 0,
    };
}
