using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenData.Data.Reading;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// The API prepares its statements and keeps them on pooled connections: an import swaps the tables they
/// were prepared against, and the next requests must see the new dataset, not fail or read the old one.
/// </summary>
public sealed class PreparedStatementTests
{
    private static readonly string[] Urls =
    [
        "/v1/questions?limit=5", "/v1/questions?status=answered&limit=5", "/v1/answers?limit=5", "/v1/senators?limit=5",
        "/v1/ministries?limit=5", "/v1/questions?q=commune&limit=5", "/graphql?query=%7Bquestions(first%3A3)%7BtotalCount%20nodes%7Bid%20author%7Bname%7D%7D%7D%7D",
    ];

    [Fact]
    public async Task Statements_prepared_before_an_import_read_the_new_dataset_after_it()
    {
        await using var database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 21));
        // Two connections: the dataset listener holds one, every request runs on the other, which holds the
        // prepared statements.
        await using var factory = new ApiFactory(database.ReaderConnectionString + ";Maximum Pool Size=2",
            new Dictionary<string, string> { ["OutputCache:Enabled"] = "false", ["Dataset:PollSeconds"] = "0.2" });
        var client = factory.CreateClient();
        foreach (var url in Urls)
            for (var i = 0; i < 6; i++) // Npgsql prepares a statement on its fifth use
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.Contains("\"total\":300", await client.GetStringAsync("/v1/questions?limit=1"));

        await IngestTool.ImportAsync(database, SourceFiles.Generated(400, seed: 22));
        await Eventually.TrueAsync(async () => (await client.GetStringAsync("/v1/dataset")).Contains("\"questions\":400"), "the new dataset served");

        foreach (var url in Urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Contains("\"total\":400", await client.GetStringAsync("/v1/questions?limit=1"));
        Assert.Contains("\"totalCount\":400", await client.GetStringAsync(Urls[^1]));

    }

    [Fact]
    public async Task Filtered_reads_are_planned_for_their_values_without_changing_the_pooled_session()
    {
        await using var database = await TemplateDatabases.MigratedAsync();
        // One connection for requests (the dataset listener and the probe have a pool of their own): every read below gets it.
        await using var factory = new ApiFactory(database.ReaderConnectionString + ";Maximum Pool Size=1");
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DatasetSession>();
        var batch = session.Batch();
        batch.PlanForValues = true;
        batch.StatementTimeout = TimeSpan.FromMinutes(10);
        var inside = batch.Add(["SHOW plan_cache_mode", "SHOW statement_timeout", "SELECT pg_backend_pid()"],
            async grid => (await grid.ReadSingleAsync<string>(), await grid.ReadSingleAsync<string>(), await grid.ReadSingleAsync<int>()));
        await batch.RunAsync(CancellationToken.None);
        Assert.Equal("force_custom_plan", inside.Value.Item1);
        Assert.Equal("10min", inside.Value.Item2);
        await session.ReleaseAsync();

        // The same pooled session, not reset: back to the API's defaults.
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var again = await dataSource.OpenConnectionAsync();
        Assert.Equal(inside.Value.Item3, again.ProcessID);
        Assert.Equal("force_generic_plan", await again.ExecuteScalarAsync<string>("SHOW plan_cache_mode"));
        Assert.Equal("10s", await again.ExecuteScalarAsync<string>("SHOW statement_timeout"));
    }

    [Fact]
    public async Task A_batch_that_searches_is_planned_without_the_sequential_scans_it_can_avoid()
    {
        // A row's search words are stored out of line: a sequential scan testing them reads each row's words, the search
        // index does not (counting a word in 194,000 of 300,000 questions: 1.0-1.15 s against 0.16-0.23 s).
        await using var database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 23));
        await using var factory = new ApiFactory(database.ReaderConnectionString + ";Maximum Pool Size=1");
        await using var scope = factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DatasetSession>();
        async Task<string> PlanAsync(bool recorded)
        {
            var batch = session.Batch();
            batch.PlanForValues = true;
            var where = batch.Where();
            // The same condition, recorded as the batch's search or written by hand.
            if (recorded) where.MatchesWords("opendata.questions", "q", "commune");
            else where.Add("q.search @@ " + FullTextSearch.Query("{0}"), "commune");
            var plan = batch.Add($"EXPLAIN SELECT count(*) FROM opendata.questions q WHERE {where.Sql}", async grid => string.Join("\n", await grid.ReadAsync<string>()));
            await batch.RunAsync(CancellationToken.None);
            return plan.Value;
        }
        var free = await PlanAsync(recorded: false);
        Assert.Contains("Seq Scan on questions", free); // a table of 300 questions: read whole, as the planner prefers
        var searching = await PlanAsync(recorded: true);
        Assert.DoesNotContain("Seq Scan", searching);
        Assert.Contains("questions_search", searching);
    }

    [Fact]
    public async Task Reads_whose_plan_does_not_depend_on_their_values_run_one_prepared_generic_plan()
    {
        await using var database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 23));
        await using var factory = new ApiFactory(database.ReaderConnectionString + ";Maximum Pool Size=1",
            new Dictionary<string, string> { ["OutputCache:Enabled"] = "false" });
        var client = factory.CreateClient();
        var senator = await database.ScalarAsync<string>("SELECT id FROM opendata.senators WHERE question_count > 0 ORDER BY id LIMIT 1");
        var urls = new[]
        {
            "/graphql?query=" + Uri.EscapeDataString("{ questions(first: 3) { nodes { id author { name } } } }"),
            "/graphql?query=" + Uri.EscapeDataString($"{{ senator(id: \"{senator}\") {{ questions(first: 5) {{ totalCount nodes {{ id }} }} }} }}"),
            "/v1/questions?limit=5", $"/v1/senators/{senator}",
        };
        for (var i = 0; i < 12; i++)
            foreach (var url in urls)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        // The one pooled connection's prepared statements: planned once each, then executed on that plan (a list tied to
        // its parent, or a lookup, that asked for plans of its values would be planned again at every execution).
        await using var scope = factory.Services.CreateAsyncScope();
        var batch = scope.ServiceProvider.GetRequiredService<DatasetSession>().Batch();
        var plans = batch.Add("SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0), count(*) FROM pg_prepared_statements",
            grid => grid.ReadSingleAsync<(long Generic, long Custom, long Statements)>());
        await batch.RunAsync(CancellationToken.None);
        Assert.True(plans.Value.Statements >= 4, $"{plans.Value.Statements} prepared statements");
        Assert.Equal(0, plans.Value.Custom);
        Assert.True(plans.Value.Generic >= 4 * 7, $"{plans.Value.Generic} executions on generic plans");
    }
}
