using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;

namespace OpenData.Api.Tests;

/// <summary>
/// The default statistics requests read figures the import computed; they must equal what the live
/// queries compute from the same questions. The live path is forced with a filter matching every question.
/// </summary>
public sealed class PrecomputedStatsTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("current=true")]
    [InlineData("current=false")]
    public async Task Default_ministry_stats_equal_the_live_computation(string current)
    {
        var precomputed = await GetAsync(fixture.Client, $"/v1/stats/ministries?{current}");
        var live = await GetAsync(fixture.Client, $"/v1/stats/ministries?{current}&from=0001-01-01");

        // The figures are equal; the links differ by the from filter their lists carry.
        Assert.Equal(WithoutLinks(live), WithoutLinks(precomputed));
        var rows = Data(precomputed);
        Assert.True(rows.Count > 3, $"{current}: only {rows.Count} ministries");
        Assert.Contains(rows, r => r.GetProperty("overdue").GetInt64() > 0);
        Assert.Contains(rows, r => r.GetProperty("medianDelayDays").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [InlineData("month", 24)]
    [InlineData("year", 3)]
    public async Task Default_timeline_equals_the_live_computation(string interval, int atLeast)
    {
        var precomputed = await GetAsync(fixture.Client, $"/v1/stats/timeline?interval={interval}");
        var live = await GetAsync(fixture.Client, $"/v1/stats/timeline?interval={interval}&publishedFrom=0001-01-01");

        Assert.Equal(live, precomputed);
        var periods = Data(precomputed);
        Assert.True(periods.Count >= atLeast, $"only {periods.Count} periods");
        Assert.Contains(periods, p => p.GetProperty("answers").GetInt64() > 0);
    }

    /// <summary>With the questions table locked, the default requests still answer: they never read it. A filtered one waits.</summary>
    [Fact]
    public async Task Default_statistics_do_not_read_the_questions()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["OutputCache:Enabled"] = "false" });
        var client = api.CreateClient();
        await using var owner = await fixture.Database.OpenOwnerAsync();
        await using var transaction = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync("LOCK TABLE opendata.questions IN ACCESS EXCLUSIVE MODE", transaction: transaction);

        foreach (var url in new[] { "/v1/stats/ministries", "/v1/stats/ministries?current=true&nature=QE", "/v1/stats/timeline?interval=year" })
            Assert.NotEmpty(Data(await GetAsync(client, url)));
        var graphql = await client.PostAsync("/graphql", new StringContent(
            """{"query": "{ ministryStats(filter: {current: false}) { ministryId overdue } timeline { period } }"}""", Encoding.UTF8, "application/json"));
        var body = await graphql.Content.ReadAsStringAsync();
        Assert.True(graphql.IsSuccessStatusCode && !body.Contains("\"errors\"", StringComparison.Ordinal), body);

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/v1/stats/timeline?interval=year&publishedFrom=0001-01-01", wait.Token));
    }

    private static List<JsonElement> Data(string body) => JsonDocument.Parse(body).RootElement.GetProperty("data").EnumerateArray().ToList();

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static string WithoutLinks(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        foreach (var row in node["data"]!.AsArray()) row!.AsObject().Remove("links");
        return node.ToJsonString();
    }
}
