using System.Net;
using System.Text.Json.Nodes;
using static OpenData.Api.Tests.RateLimitingTests;

namespace OpenData.Api.Tests;

/// <summary>
/// One client cannot empty the shared caches for everyone: what it adds to the persisted queries and to the output
/// cache is bounded per client (its quota partition), so another client's entries survive its flood.
/// </summary>
public sealed class CacheEvictionTests(SmallDataset dataset) : IClassFixture<SmallDataset>
{
    [Fact]
    public async Task A_flood_of_persisted_query_registrations_from_one_client_leaves_the_others_registered()
    {
        await using var api = WithPeerHeader(new ApiFactory(dataset.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["GraphQL:MaxPersistedQueries"] = "20",
            ["GraphQL:MaxCachedPerClient"] = "5",
        }));
        var client = api.CreateClient();
        const string kept = "{ dataset { version } }";
        Assert.Equal(HttpStatusCode.OK, (await PersistedAsync(client, "10.7.0.1", kept, withQuery: true)).StatusCode);

        for (var i = 0; i < 100; i++) // five times the store's size, from another address
            Assert.Equal(HttpStatusCode.OK, (await PersistedAsync(client, "10.7.0.2", $"{{ d{i}: dataset {{ version }} }}", withQuery: true)).StatusCode);

        var byHash = await PersistedAsync(client, "10.7.0.1", kept, withQuery: false);
        var body = JsonNode.Parse(await byHash.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString()); // not PERSISTED_QUERY_NOT_FOUND
        Assert.NotNull(body["data"]!["dataset"]);
    }

    [Fact]
    public async Task A_flood_of_distinct_pages_from_one_client_does_not_push_out_the_others_answers()
    {
        await using var api = WithPeerHeader(new ApiFactory(dataset.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["OutputCache:InsertionsPerClient"] = "10",
        }));
        var client = api.CreateClient();
        Assert.Null((await Get(client, "/v1/questions?limit=7", "10.8.0.1")).Headers.Age);

        // The flooding client's first ten answers are kept, the rest served without being kept.
        for (var i = 1; i <= 30; i++) Assert.Equal(HttpStatusCode.OK, (await Get(client, $"/v1/questions?limit={i + 7}", "10.8.0.2")).StatusCode);
        Assert.NotNull((await Get(client, "/v1/questions?limit=8", "10.8.0.2")).Headers.Age);
        Assert.Null((await Get(client, "/v1/questions?limit=37", "10.8.0.2")).Headers.Age);

        Assert.NotNull((await Get(client, "/v1/questions?limit=7", "10.8.0.3")).Headers.Age); // the first client's answer, served to anyone
    }

    private static Task<HttpResponseMessage> PersistedAsync(HttpClient client, string peer, string query, bool withQuery)
    {
        var extensions = new JsonObject { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = OpenData.Api.GraphQL.Http.PersistedQueryStore.Hash(query) } };
        var payload = new JsonObject { ["extensions"] = extensions };
        if (withQuery) payload["query"] = query;
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Test-Peer", peer);
        return client.SendAsync(request);
    }
}
