using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenData.Data.Datasets;

namespace OpenData.Api.Infrastructure;

/// <summary>Configuration section "Dataset": how often the serving version is checked when no notification comes.</summary>
public sealed class DatasetOptions
{
    public const string Section = "Dataset";

    [Range(0.01, 3600)]
    public double PollSeconds { get; set; } = 5;
}

/// <summary>
/// Tracks the serving dataset: the importer notifies when a new one lands, and the one-row table is polled
/// as a fallback, so a new import is noticed within moments without a restart: ETags change and the output
/// cache is emptied.
/// </summary>
public sealed class DatasetState([FromKeyedServices(DatabaseSetup.Pools.Background)] NpgsqlDataSource dataSource, IOutputCacheStore cache, IOptions<DatasetOptions> options, ILogger<DatasetState> logger) : BackgroundService
{
    public const string CacheTag = "dataset";
    private volatile ServingDataset? current;

    /// <summary>The last known serving version, without touching the database (null before it is known).</summary>
    public long? CurrentVersion => current?.Version;

    /// <summary>The largest lists of the serving dataset (generous bounds before it is known), for GraphQL's cost.</summary>
    public ListBounds Bounds => current?.Bounds ?? ListBounds.Unknown;

    /// <summary>The serving dataset's questions (what prices scale with); before one is known, the prices' reference size.</summary>
    public long Questions => current?.Questions ?? Protection.Prices.ReferenceQuestions;

    public TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(options.Value.PollSeconds);

    /// <summary>The serving dataset; null before the first import or while the database is unreachable at start.</summary>
    public async ValueTask<ServingDataset?> GetAsync(CancellationToken cancellationToken) =>
        current ?? await RefreshAsync(cancellationToken);

    public async Task<ServingDataset?> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var latest = await DatasetQueries.ServingAsync(connection, cancellationToken);
        var previous = current;
        current = latest;
        if (previous is not null && latest?.Version != previous.Version)
        {
            logger.LogInformation("Dataset version {Previous} replaced by {Version}: emptying the output cache", previous.Version, latest?.Version);
            await cache.EvictByTagAsync(CacheTag, cancellationToken);
        }
        return latest;
    }

    /// <summary>
    /// Listens on the importer's channel (it notifies when a dataset lands) and checks the version on every
    /// notification, or every poll interval when none comes (a missed notification, a lost connection).
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                // A standby refuses LISTEN (and NOTIFY is not replicated): there, a new dataset is noticed by the poll alone, once replication has brought it.
                if (!await DatasetQueries.ListenUnlessStandbyAsync(connection, stoppingToken))
                    logger.LogInformation("Reading from a standby: new datasets are noticed by polling every {Seconds} s (NOTIFY is not replicated)", PollInterval.TotalSeconds);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await RefreshAsync(stoppingToken);
                    await connection.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Cannot check the dataset version: {Message}", e.Message);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }
}
