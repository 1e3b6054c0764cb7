using System.Net.Http.Json;
using Dapper;
using Npgsql;
using OpenData.Api.Infrastructure;

namespace OpenData.Api.Tests;

/// <summary>
/// GraphQL reads through pools of its own: the statements it compiles, as varied as the documents clients send, are
/// prepared on their connections, so they cannot push REST's prepared statements out of the connections' caches. Its
/// cheapest queries (priced at most Database:PipelinedMaxPrice) share the connections of a multiplexed pool; the others
/// never wait there behind them.
/// </summary>
public sealed class ConnectionPoolTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private sealed record Backend(string ApplicationName, string Query);

    [Fact]
    public async Task GraphQL_and_REST_read_through_pools_of_their_own_and_only_cheap_queries_share_connections()
    {
        // Without the tests' application name, each pool's connections carry the pool's name.
        var unnamed = new NpgsqlConnectionStringBuilder(fixture.Database.ReaderConnectionString) { ApplicationName = null };
        await using var factory = new ApiFactory(unnamed.ConnectionString);
        var client = factory.CreateClient();
        var cheap = await client.PostAsJsonAsync("/graphql", new { query = "{ questions(first: 1) { nodes { id title } } }" });
        var dear = await client.PostAsJsonAsync("/graphql", new { query = "{ questions(first: 100) { nodes { id title text } } }" });
        Assert.True(await Price(cheap) <= new DatabaseOptions().PipelinedMaxPrice, "the cheap query is priced as one");
        Assert.True(await Price(dear) > new DatabaseOptions().PipelinedMaxPrice, "the dear query is priced as one");
        (await client.GetAsync("/v1/questions?limit=1&status=answered")).EnsureSuccessStatusCode();

        // The last statement of each of the API's connections to this database, by pool (its application_name). The
        // reader role sees the text of its own sessions' statements.
        await using var reader = new NpgsqlConnection(fixture.Database.ReaderConnectionString);
        var backends = (await reader.QueryAsync<Backend>(
            "SELECT application_name, query FROM pg_stat_activity WHERE datname = current_database() ")).ToList();
        static bool Compiled(Backend b, string field) => b.Query.Contains("SELECT o_ FROM", StringComparison.Ordinal) // GraphQL's JSON rows
            && b.Query.Contains($".{field}", StringComparison.Ordinal);
        Assert.Contains(backends, b => b.ApplicationName == "opendata-api-pipelined" && Compiled(b, "title"));
        Assert.Contains(backends, b => b.ApplicationName == "opendata-api-graphql" && Compiled(b, "text"));
        Assert.Contains(backends, b => b.ApplicationName == "opendata-api" && b.Query.Contains("opendata.questions", StringComparison.Ordinal));
        Assert.DoesNotContain(backends, b => b.ApplicationName is not ("opendata-api-graphql" or "opendata-api-pipelined") && Compiled(b, "id"));
        Assert.DoesNotContain(backends, b => b.ApplicationName == "opendata-api-pipelined" && Compiled(b, "text"));
    }

    private static async Task<long> Price(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Null(body!["errors"]);
        return body["extensions"]!["cost"]!["requested"]!.GetValue<long>();
    }
}
