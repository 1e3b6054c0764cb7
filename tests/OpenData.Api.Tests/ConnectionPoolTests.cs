using System.Net.Http.Json;
using Dapper;
using Npgsql;

namespace OpenData.Api.Tests;

/// <summary>
/// GraphQL reads through a pool of its own: the statements it compiles, as varied as the documents clients send, are
/// prepared on its connections, so they cannot push REST's prepared statements out of the connections' caches.
/// </summary>
public sealed class ConnectionPoolTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private sealed record Backend(string ApplicationName, string Query);

    [Fact]
    public async Task GraphQL_and_REST_read_through_pools_of_their_own()
    {
        // Without the tests' application name, each pool's connections carry the pool's name.
        var unnamed = new NpgsqlConnectionStringBuilder(fixture.Database.ReaderConnectionString) { ApplicationName = null };
        await using var factory = new ApiFactory(unnamed.ConnectionString);
        var client = factory.CreateClient();
        (await client.PostAsJsonAsync("/graphql", new { query = "{ questions(first: 1) { nodes { id title } } }" })).EnsureSuccessStatusCode();
        (await client.GetAsync("/v1/questions?limit=1&status=answered")).EnsureSuccessStatusCode();

        // The last statement of each of the API's connections to this database, by pool (its application_name). The
        // reader role sees the text of its own sessions' statements.
        await using var reader = new NpgsqlConnection(fixture.Database.ReaderConnectionString);
        var backends = (await reader.QueryAsync<Backend>(
            "SELECT application_name, query FROM pg_stat_activity WHERE datname = current_database() ")).ToList();
        static bool Compiled(Backend b) => b.Query.Contains("SELECT o_ FROM", StringComparison.Ordinal); // GraphQL's JSON rows
        Assert.Contains(backends, b => b.ApplicationName == "opendata-api-graphql" && Compiled(b));
        Assert.Contains(backends, b => b.ApplicationName == "opendata-api" && b.Query.Contains("opendata.questions", StringComparison.Ordinal));
        Assert.DoesNotContain(backends, b => b.ApplicationName != "opendata-api-graphql" && Compiled(b));
    }
}
