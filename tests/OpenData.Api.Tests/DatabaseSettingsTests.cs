using Dapper;
using Npgsql;
using OpenData.Api.Infrastructure;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>The API's connection defaults apply only where the connection string is silent, whatever spelling Npgsql accepts.</summary>
public sealed class DatabaseSettingsTests
{
    [Theory]
    [InlineData("Host=db;MaxPoolSize=50;CommandTimeout=60;Timeout=9")]
    [InlineData("Host=db;Maximum Pool Size=50;Command Timeout=60;Timeout=9")]
    [InlineData("Host=db;maximum pool size=50;commandtimeout=60;timeout=9")]
    public void What_the_connection_string_sets_wins(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.Settings(connectionString, new DatabaseOptions(), DatabaseSetup.Pools.Requests));
        Assert.Equal(50, settings.MaxPoolSize);
        Assert.Equal(60, settings.CommandTimeout);
        Assert.Equal(9, settings.Timeout);
    }

    [Fact]
    public void Defaults_fill_what_it_does_not_set()
    {
        var options = new DatabaseOptions();
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.Settings("Host=db", options, DatabaseSetup.Pools.Requests));
        Assert.Equal(options.MaxPoolSize, settings.MaxPoolSize);
        Assert.Equal((int)Math.Ceiling(options.StatementTimeoutSeconds) + 5, settings.CommandTimeout);
        Assert.Contains("statement_timeout=", settings.Options);
    }

    [Fact]
    public void Each_pool_has_its_own_size()
    {
        var options = new DatabaseOptions { MaxPoolSize = 12, GraphQLPoolSize = 5 };
        int Size(string pool) => new NpgsqlConnectionStringBuilder(DatabaseSetup.Settings("Host=db", options, pool)).MaxPoolSize;
        Assert.Equal(12, Size(DatabaseSetup.Pools.Requests));
        Assert.Equal(5, Size(DatabaseSetup.Pools.GraphQL));
        Assert.Equal(3, Size(DatabaseSetup.Pools.Background));
    }

    [Fact]
    public async Task The_API_sets_JIT_and_the_page_cost_its_prices_expect_on_its_own_connections_whatever_the_server_says()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using (var owner = await database.OpenOwnerAsync())
        {
            // PostgreSQL's defaults, and most managed services'
            await owner.ExecuteAsync($"ALTER DATABASE \"{database.Name}\" SET jit = on");
            await owner.ExecuteAsync($"ALTER DATABASE \"{database.Name}\" SET random_page_cost = 4");
        }

        await using var plain = new NpgsqlConnection(database.ReaderConnectionString);
        Assert.Equal("on", await plain.ExecuteScalarAsync<string>("SHOW jit"));
        Assert.Equal("4", await plain.ExecuteScalarAsync<string>("SHOW random_page_cost"));
        await using var api = new NpgsqlConnection(DatabaseSetup.Settings(database.ReaderConnectionString, new DatabaseOptions(), DatabaseSetup.Pools.Requests));
        Assert.Equal("off", await api.ExecuteScalarAsync<string>("SHOW jit"));
        // Prices.WalkPerMatch: where PostgreSQL stops walking the date index for a search's page.
        Assert.Equal("1.1", await api.ExecuteScalarAsync<string>("SHOW random_page_cost"));
    }
}
