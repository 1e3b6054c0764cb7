using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// A request's price is the work it causes (issue 18): what a GraphQL query compiles to is what it pays, aliases
/// included; what would make validation or the statement blow up is refused before it runs, for its request's permit;
/// a forged cursor is a client error; and a person exploring the API fits in the anonymous quota.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class PriceIsWorkTests(AbuseFixture fixture)
{
    [Fact]
    public async Task A_relevance_cursor_postgresql_cannot_read_as_a_real_is_a_400_everywhere()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.60");
        var id = await fixture.Database.ScalarAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 1");
        var senator = await fixture.Database.ScalarAsync<string>("SELECT author_id FROM opendata.questions WHERE author_id IS NOT NULL LIMIT 1");
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT ministry_id FROM opendata.questions WHERE ministry_id IS NOT NULL LIMIT 1");
        foreach (var rank in new[] { "1e-50", "-1e-45", "1e39", "NaN" })
        {
            var cursor = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { "relevance", rank, id }));
            foreach (var path in new[] { "/v1/questions", $"/v1/senators/{senator}/questions", $"/v1/ministries/{ministry}/questions" })
            {
                using var response = await client.GetAsync($"{path}?q=commune&sort=relevance&cursor={cursor}");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest && text.Contains("cursor"), $"{path} with rank {rank}: {(int)response.StatusCode} {text}");
            }
            var (status, body) = await GraphQLAbuseTests.PostAsync(client,
                $$"""{ questions(first: 2, orderBy: RELEVANCE, filter: {q: "commune"}, after: "{{cursor}}") { totalCount } }""", accept: "application/json");
            Assert.True(status == HttpStatusCode.OK && body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>() == "INVALID_CURSOR", body.ToJsonString());
        }
    }

    [Fact]
    public async Task An_object_of_a_hundred_keys_is_built_whole_and_a_hundred_and_first_alias_is_refused()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.61");
        var hundred = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"i{i}: id"));
        var (status, body) = await GraphQLAbuseTests.PostAsync(client, $"{{ questions(first: 100) {{ nodes {{ {hundred} }} }} }}");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString()[..Math.Min(500, body.ToJsonString().Length)]);
        var nodes = body["data"]!["questions"]!["nodes"]!.AsArray();
        Assert.Equal(100, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(Enumerable.Range(0, 100).Select(i => $"i{i}"), n!.AsObject().Select(p => p.Key)));
        Assert.All(nodes, n => Assert.Single(n!.AsObject().Select(p => p.Value!.GetValue<string>()).Distinct()));

        (status, body) = await GraphQLAbuseTests.PostAsync(client, $"{{ questions(first: 100) {{ nodes {{ {hundred} i100: id }} }} }}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_ALIASES_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_holds_at_most_a_hundred_errors()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.62");
        var (status, body) = await GraphQLAbuseTests.PostAsync(client, "{ " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"nope{i}")) + " }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body["errors"]!.AsArray();
        Assert.Equal(100, errors.Count);
        Assert.Contains("201 more errors", errors[^1]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Aliases_pay_for_what_they_return()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.63");
        async Task<long> PriceAsync(string fields)
        {
            var (status, body) = await GraphQLAbuseTests.PostAsync(client, $"{{ questions(first: 100) {{ nodes {{ {fields} }} }} }}");
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString()[..200]);
            return body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
        }
        var one = await PriceAsync("text");
        var many = await PriceAsync(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"t{i}: text")));
        Assert.True(many - 1 >= 36 * (one - 1), $"40 aliases of a text cost {many}, one {one}");
    }

    [Fact]
    public async Task A_person_exploring_the_api_for_a_minute_is_never_refused()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.64");
        var refused = new List<string>();
        async Task GetAsync(string url)
        {
            using var response = await client.GetAsync(url);
            if (!response.IsSuccessStatusCode) refused.Add($"{(int)response.StatusCode} {url}");
        }
        async Task PostAsync(string query)
        {
            var (status, body) = await GraphQLAbuseTests.PostAsync(client, query);
            if (status != HttpStatusCode.OK || body["errors"] is not null) refused.Add($"{(int)status} {query[..Math.Min(80, query.Length)]}");
        }

        // The home page and what it asks the API for.
        await GetAsync("/");
        await GetAsync("/v1/dataset");
        await GetAsync("/v1/stats/ministries?current=true");
        await GetAsync("/v1/stats/timeline?interval=month");
        // Ten searches by relevance with highlights, as a person types them.
        foreach (var words in new[] { "commune", "école", "agriculteurs", "eau potable", "hôpital", "logement social", "transport", "forêt", "énergie", "retraite" })
            await GetAsync($"/v1/questions?q={Uri.EscapeDataString(words)}&sort=relevance&highlight=true&limit=20");
        // The statistics three ways.
        await GetAsync("/v1/stats/ministries");
        await GetAsync("/v1/stats/ministries?nature=QE&current=false");
        await GetAsync("/v1/stats/ministries?from=2020-01-01");
        // Fifty list pages: questions, answers, senators, ministries, filtered or not, walked by their cursors.
        string? cursor = null;
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/v1/questions?limit=20&status=answered" + (cursor is null ? "" : $"&cursor={cursor}"));
            if (!response.IsSuccessStatusCode) refused.Add($"{(int)response.StatusCode} page {i}");
            cursor = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["meta"]?["nextCursor"]?.GetValue<string>();
            if (cursor is null) break;
        }
        for (var i = 0; i < 10; i++) await GetAsync($"/v1/senators?limit={10 + i}");
        for (var i = 0; i < 10; i++) await GetAsync($"/v1/answers?limit={10 + i}");
        for (var i = 0; i < 10; i++) await GetAsync($"/v1/ministries?limit={10 + i}&current=true");
        // Ten GraphQL queries, GraphiQL's introspection first.
        await PostAsync(GraphQLAbuseTests.GraphiQLIntrospection);
        await PostAsync("{ questions(first: 20) { totalCount nodes { id title publishedAt author { name } ministry { name } answer { delayDays } } } }");
        await PostAsync("""{ questions(first: 10, orderBy: RELEVANCE, filter: {q: "commune"}) { totalCount nodes { id title highlight } } }""");
        await PostAsync("{ senators(first: 20) { nodes { id name group { label } questions(first: 5) { totalCount nodes { id title } } } } }");
        await PostAsync("{ ministries(first: 20) { nodes { id name questionCount } } }");
        await PostAsync("{ ministryStats { ministryName questions answered medianDelayDays } }");
        await PostAsync("{ timeline { period questions answers } }");
        await PostAsync("{ themes { id label questionCount } groups { code label } }");
        await PostAsync("{ answers(first: 20) { nodes { questionId publishedAt text ministry { name } } } }");
        await PostAsync("{ dataset { version importedAt rowCounts { table rows } } }");

        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}
