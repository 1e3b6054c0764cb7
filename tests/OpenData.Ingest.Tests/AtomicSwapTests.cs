using Dapper;
using Npgsql;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>Readers see the old dataset or the new one, never a partial import, and keep reading throughout.</summary>
public sealed class AtomicSwapTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(EdgeCaseFixture.Files);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_concurrent_reader_only_ever_sees_a_whole_dataset()
    {
        var files = SourceFiles.Generated(3_000);
        using var stop = new CancellationTokenSource();
        var observed = new System.Collections.Concurrent.ConcurrentQueue<(long Version, long Questions, long Answers)>();
        var errors = new List<Exception>();

        var reader = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(database.ReaderConnectionString);
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // One statement, one snapshot: the dataset row and the counts must belong together.
                    observed.Enqueue(await connection.QuerySingleAsync<(long, long, long)>("""
                        SELECT (SELECT version FROM opendata.dataset), (SELECT count(*) FROM opendata.questions), (SELECT count(*) FROM opendata.answers)
                        """));
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }
        });

        await Eventually.TrueAsync(() => observed.Count >= 10, "the reader's first snapshots");
        await IngestTool.ImportAsync(database, files);
        var before = observed.Count;
        await Eventually.TrueAsync(() => observed.Count >= before + 10, "the reader's snapshots after the swap");
        await stop.CancelAsync();
        await reader;

        Assert.Empty(errors);
        var distinct = observed.Distinct().ToList();
        Assert.True(observed.Count > 10, $"the reader ran only {observed.Count} times");
        Assert.Equal(2, distinct.Count);
        Assert.Equal(12, distinct[0].Questions);
        Assert.Equal(3_000, distinct[1].Questions);
        Assert.True(distinct[1].Version > distinct[0].Version);
    }
}
