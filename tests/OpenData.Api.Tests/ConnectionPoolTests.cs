using System.Net.Http.Json;
using Dapper;
using Npgsql;
using OpenData.Api.Infrastructure;

namespace OpenData.Api.Tests;

/// <summary>
/// GraphQL reads through pools of its own: the statements it compiles, as varied as the documents clients send, are
/// prepared on their connections, so they cannot push REST's prepared statements out of the connections' caches. Its
/// lookups (by id, reading rows by their keys alone, few values: Database:PipelinedMaxValues) share the connections of a
/// multiplexed pool; lists, searches and larger answers never wait there behind them.
/// </summary>
public sealed class ConnectionPoolTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private sealed record Backend(string ApplicationName, string Query);

    [Fact]
    public async Task GraphQL_and_REST_read_through_pools_of_their_own_and_only_lookups_share_connections()
    {
        // Without the tests' application name, each pool's connections carry the pool's name.
        var unnamed = new NpgsqlConnectionStringBuilder(fixture.Database.ReaderConnectionString) { ApplicationName = null };
        await using var factory = new ApiFactory(unnamed.ConnectionString);
        var client = factory.CreateClient();
        // Each query reads a column the others do not, to find its statement among the connections' last ones (the
        // reader role sees the text of its own sessions' statements), by pool: its application_name.
        const string id = "SEQ240611950"; // in every generated dataset
        await Ok(client, $$"""{ question(id: "{{id}}") { id title answer { publishedAt } } }""");
        Assert.Contains(await Backends(), b => b.ApplicationName == "opendata-api-pipelined" && Compiled(b, "title"));
        Assert.True(20 * 3 > new DatabaseOptions().PipelinedMaxValues);
        (string Query, string Column)[] unpipelined =
        [
            ("{ questions(first: 1) { nodes { id journalPage } } }", "journal_page"), // a list, however short
            ($$"""{ question(id: "{{id}}") { id themes { label } } }""", "theme_ids"), // a list under the lookup
            // lookups whose answer holds more than Database:PipelinedMaxValues values
            ("{ " + string.Concat(Enumerable.Range(0, 20).Select(i => $$"""q{{i}}: question(id: "{{id}}") { id number topic } """)) + "}", "topic"),
        ];
        foreach (var (query, column) in unpipelined)
        {
            await Ok(client, query);
            var backends = await Backends();
            Assert.Contains(backends, b => b.ApplicationName == "opendata-api-graphql" && Compiled(b, column));
            Assert.DoesNotContain(backends, b => b.ApplicationName == "opendata-api-pipelined" && Compiled(b, column));
        }
        (await client.GetAsync("/v1/questions?limit=1&status=answered")).EnsureSuccessStatusCode();
        var last = await Backends();
        Assert.Contains(last, b => b.ApplicationName == "opendata-api" && b.Query.Contains("opendata.questions", StringComparison.Ordinal));
        Assert.DoesNotContain(last, b => b.ApplicationName is not ("opendata-api-graphql" or "opendata-api-pipelined") && Compiled(b, "id"));

        async Task<List<Backend>> Backends()
        {
            await using var reader = new NpgsqlConnection(fixture.Database.ReaderConnectionString);
            return [.. await reader.QueryAsync<Backend>("SELECT application_name, query FROM pg_stat_activity WHERE datname = current_database()")];
        }
        static bool Compiled(Backend b, string column) => b.Query.Contains("SELECT o_ FROM", StringComparison.Ordinal) // GraphQL's JSON rows
            && b.Query.Contains($".{column}", StringComparison.Ordinal);
    }

    private static async Task Ok(HttpClient client, string query)
    {
        var response = await client.PostAsJsonAsync("/graphql", new { query });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Null(body!["errors"]);
        Assert.NotNull(body["data"]);
    }
}
