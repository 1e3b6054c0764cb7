using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await IngestTool.MigrateAsync(database);
        await IngestTool.ImportAsync(database, SourceFiles.Generated(300, seed: 21));
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
        var waited = 0;
        while (!(await client.GetStringAsync("/v1/dataset")).Contains("\"questions\":400") && ++waited < 100) await Task.Delay(100);

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
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await IngestTool.MigrateAsync(database);
        // Two connections: the API's dataset listener holds one, every open below gets the other.
        await using var factory = new ApiFactory(database.ReaderConnectionString + ";Maximum Pool Size=2");
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        int session;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            session = connection.ProcessID;
            await using var transaction = await OpenData.Data.Database.BeginFilteredReadAsync(connection, CancellationToken.None, TimeSpan.FromMinutes(10));
            Assert.Equal("force_custom_plan", await connection.ExecuteScalarAsync<string>("SHOW plan_cache_mode"));
            Assert.Equal("10min", await connection.ExecuteScalarAsync<string>("SHOW statement_timeout"));
            await transaction.CommitAsync();
        }
        // The same pooled session, not reset: back to the API's defaults.
        await using var again = await dataSource.OpenConnectionAsync();
        Assert.Equal(session, again.ProcessID);
        Assert.Equal("auto", await again.ExecuteScalarAsync<string>("SHOW plan_cache_mode"));
        Assert.Equal("10s", await again.ExecuteScalarAsync<string>("SHOW statement_timeout"));
    }
}
