using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using static OpenData.Api.Tests.RateLimitingTests;

namespace OpenData.Api.Tests.Abuse;

/// <summary>Observation 7: key guessing, cache keys, HEAD, If-None-Match: *, /metrics, unbounded GraphQL text.</summary>
[Collection(AbuseCollection.Name)]
public sealed class SmallHolesTests(AbuseFixture fixture)
{
    [Fact]
    public async Task Made_up_keys_cost_their_sender_and_no_database_lookup_once_its_quota_is_spent()
    {
        var lookups = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TagObjects.Any(t => t.Value is string s && s.Contains("opendata_meta.api_keys", StringComparison.Ordinal))
                    && activity.TagObjects.Any(t => t.Value is string s && s.Contains(fixture.Database.Name, StringComparison.Ordinal)))
                    Interlocked.Increment(ref lookups);
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var api = WithPeerHeader(new ApiFactory(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = "5", ["RateLimiting:Anonymous:WindowSeconds"] = "600" }));
        var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add((await Get(client, "/v1/dataset", "10.7.0.1", apiKey: "od_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=') + "AAAAAAAAAAAAAAAAAAAAA")).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(35, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.InRange(Volatile.Read(ref lookups), 1, 5);
    }

    [Fact]
    public async Task Totals_of_filters_whose_values_join_alike_are_kept_apart()
    {
        var senator = await fixture.Database.ScalarAsync<string>("""
            SELECT author_id FROM opendata.questions WHERE search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'commune')
            GROUP BY author_id ORDER BY count(*) DESC, author_id LIMIT 1
            """);
        var expected = await fixture.Database.ScalarAsync<long>($"""
            SELECT count(*) FROM opendata.questions
            WHERE author_id = '{senator}' AND search @@ websearch_to_tsquery('opendata_meta.french_unaccent', 'commune|')
            """);
        Assert.True(expected > 0);
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["OutputCache:Enabled"] = "false" });
        var client = api.CreateClient();

        // Joined with "|", the two filters' values read alike: "commune" + "|" + "|S" and "commune|" + "|" + "S".
        Assert.Equal(0, await TotalAsync(client, $"/v1/questions?q=commune&senator=%7C{senator}"));
        Assert.Equal(expected, await TotalAsync(client, $"/v1/questions?q=commune%7C&senator={senator}"));
    }

    [Fact]
    public async Task Cached_answers_are_keyed_like_the_handlers_read_paths_and_parameters()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 1");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/questions?limit=2")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/questions/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v1/questions?Limit=2")).StatusCode);
        // Ids are found whatever their case: the lower-case path is its own cache entry, holding the canonical question.
        var lower = await client.GetAsync($"/v1/questions/{id.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Equal(id, System.Text.Json.Nodes.JsonNode.Parse(await lower.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/questions/{id}X")).StatusCode);
    }

    [Fact]
    public async Task Head_answers_wherever_get_does_with_the_headers_and_no_body()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.30");
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 1");
        foreach (var url in new[] { "/v1/questions?limit=3", $"/v1/questions/{id}", "/v1/stats/timeline", "/v1/dataset", "/health/live", "/graphql?query=%7Bdataset%7Bversion%7D%7D" })
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            using var get = await client.GetAsync(url);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {(int)head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/questions/nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task If_none_match_any_is_a_304_for_what_exists_only()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 1");
        Assert.Equal(HttpStatusCode.NotModified, (await IfNoneMatchAnyAsync(client, $"/v1/questions/{id}")).StatusCode);
        var missing = await IfNoneMatchAnyAsync(client, "/v1/questions/SEQ000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_show_no_connection_details()
    {
        // A process of its own: in this test process, the tests' own connections are measured too.
        using var api = await new ApiProcess(fixture.Database.ReaderConnectionString).StartedAsync();
        await api.Client.GetAsync("/v1/questions?limit=1");
        var metrics = await api.Client.GetStringAsync("/metrics");
        Assert.Contains("db_client_connection_count", metrics);
        var database = new NpgsqlConnectionStringBuilder(fixture.Database.ReaderConnectionString);
        foreach (var secret in new[] { "Host=", "Username=", "Password", $"\"{database.Port}\"", database.Database!, database.Username! })
            Assert.DoesNotContain(secret, metrics, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Graphql_text_inputs_follow_the_rest_rule_and_long_texts_still_come_out_whole()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        foreach (var (query, variables) in new (string, object?)[]
        {
            ($$"""{ questions(filter: {q: "{{new string('x', 501)}}"}) { totalCount } }""", null),
            ("query($q: String) { questions(filter: {q: $q}) { totalCount } }", new { q = "a\u0000b" }),
            ("query($id: ID!) { question(id: $id) { id } }", new { id = "SEQ\u0001" }),
        })
        {
            var response = await client.PostAsync("/graphql", GraphQLAbuseTests.Json(query, variables));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(body["errors"] is JsonArray { Count: > 0 } && body["data"] is null, body.ToJsonString());
        }
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions WHERE length(text) > 600 ORDER BY id LIMIT 1");
        var text = await fixture.Database.ScalarAsync<string>($"SELECT text FROM opendata.questions WHERE id = '{id}'");
        var answer = await client.PostAsync("/graphql", GraphQLAbuseTests.Json($$"""{ question(id: "{{id}}") { text } }"""));
        Assert.Equal(text, JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["data"]!["question"]!["text"]!.GetValue<string>());
    }

    private static async Task<long> TotalAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {body}");
        return JsonNode.Parse(body)!["meta"]!["total"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> IfNoneMatchAnyAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        return client.SendAsync(request);
    }
}
