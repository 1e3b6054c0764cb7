using Dapper;
using Npgsql;
using OpenData.Data.Reading;
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
        var options = new DatabaseOptions { MaxPoolSize = 12, GraphQLPoolSize = 5, PipelinedPoolSize = 2 };
        NpgsqlConnectionStringBuilder Of(string pool) => new(DatabaseSetup.Settings("Host=db", options, pool));
        Assert.Equal(12, Of(DatabaseSetup.Pools.Requests).MaxPoolSize);
        Assert.Equal(5, Of(DatabaseSetup.Pools.GraphQL).MaxPoolSize);
        Assert.Equal(2, Of(DatabaseSetup.Pools.Pipelined).MaxPoolSize);
        Assert.Equal(3, Of(DatabaseSetup.Pools.Background).MaxPoolSize);
        // Only the pipelined pool's connections carry several commands at once (the background pool's LISTEN could not).
        Assert.Equal([false, false, true, false], new[] { DatabaseSetup.Pools.Requests, DatabaseSetup.Pools.GraphQL, DatabaseSetup.Pools.Pipelined,
            DatabaseSetup.Pools.Background }.Select(pool => Of(pool).Multiplexing));
    }

    [Fact]
    public async Task Only_lookups_on_one_host_are_pipelined()
    {
        var options = new DatabaseOptions();
        await using var one = DatabaseSetup.Pipelined("Host=db", options);
        Assert.NotNull(one.For(lookups: true, new BatchWork()));
        Assert.Null(one.For(lookups: false, new BatchWork()));
        // Read replicas: Npgsql refuses to multiplex several hosts' connections.
        await using var replicas = DatabaseSetup.Pipelined("Host=standby-1,standby-2", options);
        Assert.Null(replicas.For(lookups: true, new BatchWork()));
        await using var none = DatabaseSetup.Pipelined("Host=db", new DatabaseOptions { PipelinedPoolSize = 0 });
        Assert.Null(none.For(lookups: true, new BatchWork()));
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
