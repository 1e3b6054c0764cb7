using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using OpenData.Testing;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// Observation 5: while an import landed under load, a page and its total, a detail's parts, and a GraphQL query's
/// fields came from different datasets. Checkers read all three shapes without pause while three imports land; every
/// answer must be wholly one dataset's.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class SwapConsistencyTests : IAsyncLifetime
{
    private const string Page = "/v1/questions?limit=200";
    private const string GraphQLQuery = "{ dataset { version } questions(first: 100, orderBy: ANSWERED_AT_DESC) { totalCount nodes { id answeredAt answer { publishedAt } } } }";
    private readonly SourceFiles a = SourceFiles.Generated(2_000, seed: 1), b = SourceFiles.Generated(1_000, seed: 2);
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(a);
    }

    public Task DisposeAsync() => database.DisposeAsync().AsTask();

    [Fact]
    public async Task Readers_never_see_two_datasets_in_one_answer_while_imports_land()
    {
        await using var api = new ApiFactory(database.ReaderConnectionString,
            new Dictionary<string, string> { ["OutputCache:Enabled"] = "false", ["Dataset:PollSeconds"] = "0.2" });
        var client = api.CreateClient();
        var expected = new ConcurrentDictionary<long, (long Total, string Ids)>(); // by question count: what each dataset's page is
        await RecordExpectedAsync(expected);
        var detailIds = await IdsAsync();

        var pages = new ConcurrentBag<(long Total, string Ids)>();
        var versions = new ConcurrentBag<long>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var checkers = new[]
        {
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var body = JsonNode.Parse(await client.GetStringAsync(Page))!;
                    pages.Add((body["meta"]!["total"]!.GetValue<long>(), string.Join(',', body["data"]!.AsArray().Select(q => q!["id"]!.GetValue<string>()))));
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var response = await client.GetAsync($"/v1/questions/{detailIds[i % detailIds.Count]}");
                    if (response.StatusCode == System.Net.HttpStatusCode.NotFound) continue; // a question of the other dataset only
                    var question = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    var answeredAt = question["answeredAt"]?.GetValue<string>();
                    var answer = question["answer"]?["publishedAt"]?.GetValue<string>();
                    if (answeredAt != answer) failures.Enqueue($"detail {question["id"]}: answeredAt {answeredAt}, answer {answer}");
                }
            }),
            Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var response = await client.PostAsync("/graphql", GraphQLAbuseTests.Json(GraphQLQuery));
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    if (body["errors"] is not null) { failures.Enqueue($"graphql: {body["errors"]!.ToJsonString()}"); continue; }
                    var version = body["data"]!["dataset"]!["version"]!.GetValue<long>();
                    var total = body["data"]!["questions"]!["totalCount"]!.GetValue<long>();
                    versions.Add(version);
                    pages.Add((total, "")); // its total is checked against the datasets' totals below
                    if (await TotalOfVersionAsync(version) != total) failures.Enqueue($"graphql: dataset version {version} with {total} questions");
                    foreach (var node in body["data"]!["questions"]!["nodes"]!.AsArray())
                        if (node!["answeredAt"]?.GetValue<string>() != node["answer"]?["publishedAt"]?.GetValue<string>())
                            failures.Enqueue($"graphql {node["id"]}: answeredAt and answer disagree");
                }
            }),
        };

        foreach (var files in new[] { b, a, b })
        {
            var read = pages.Count;
            await Eventually.TrueAsync(() => pages.Count >= read + 5, "pages read before the next import");
            await IngestTool.ImportAsync(database, files);
            await RecordExpectedAsync(expected);
        }
        var last = totalsByVersion.Keys.Max();
        await Eventually.TrueAsync(() => versions.Contains(last), $"GraphQL reading the last import's version {last}");
        await stop.CancelAsync();
        await Task.WhenAll(checkers);

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        var totals = expected.Values.Select(e => e.Total).ToHashSet();
        foreach (var (total, ids) in pages)
        {
            Assert.Contains(total, totals);
            if (ids.Length > 0) Assert.Equal(expected.Values.Single(e => e.Total == total).Ids, ids);
        }
        // The checkers ran across the swaps: they saw every dataset, more than once.
        Assert.Equal(2, pages.Select(p => p.Total).Distinct().Count());
        Assert.True(versions.Distinct().Count() >= 3, $"GraphQL saw versions {string.Join(", ", versions.Distinct())}");
    }

    private readonly ConcurrentDictionary<long, long> totalsByVersion = new();

    private async Task RecordExpectedAsync(ConcurrentDictionary<long, (long, string)> expected)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        var version = await connection.ExecuteScalarAsync<long>("SELECT version FROM opendata.dataset");
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var ids = await connection.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY published_at DESC, id DESC LIMIT 200");
        expected[total] = (total, string.Join(',', ids));
        totalsByVersion[version] = total;
    }

    private async Task<long> TotalOfVersionAsync(long version)
    {
        await Eventually.TrueAsync(() => totalsByVersion.ContainsKey(version), $"the totals of version {version}, recorded right after its import");
        return totalsByVersion[version];
    }

    private async Task<List<string>> IdsAsync()
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        return (await connection.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY answered_at DESC NULLS LAST, id LIMIT 300")).AsList();
    }
}
