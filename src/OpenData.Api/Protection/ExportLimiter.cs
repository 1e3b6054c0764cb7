using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OpenData.Api.Rest;

namespace OpenData.Api.Protection;

/// <summary>Configuration section "Exports": how many CSV/NDJSON exports run at once, and where they are spooled.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Exports one client (address or API key) may have running, however slowly it reads them; beyond, 429.</summary>
    [Range(1, 1000)]
    public int PerClient { get; set; } = 2;

    /// <summary>Exports the instance sends at once (each holds a spool file until its client has read it); beyond, 503.</summary>
    [Range(1, 100_000)]
    public int MaxOpen { get; set; } = 32;

    /// <summary>Exports reading from the database at once (each holds one pooled connection for seconds); the others wait.</summary>
    [Range(1, 1000)]
    public int MaxReading { get; set; } = 2;

    /// <summary>How long an export waits for one of the <see cref="MaxReading"/> turns before it is a 503.</summary>
    [Range(0, 3600)]
    public double ReadWaitSeconds { get; set; } = 30;

    /// <summary>Where spool files go (default: the system's temporary directory).</summary>
    public string? SpoolDirectory { get; set; }
}

/// <summary>
/// Keeps exports from taking more than their share: a few per client, a bounded number per instance, and only
/// <see cref="ExportOptions.MaxReading"/> reading the database at once. An export reads everything into its spool
/// file in seconds (<see cref="ExportSpool"/>), so the database work of exports is bounded whatever their clients do.
/// </summary>
public sealed class ExportLimiter(IOptions<ExportOptions> options)
{
    private readonly ConcurrentDictionary<string, int> perClient = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim reading = new(options.Value.MaxReading, options.Value.MaxReading);
    private int open;

    public string SpoolDirectory => options.Value.SpoolDirectory is { Length: > 0 } directory ? directory : Path.GetTempPath();

    /// <summary>A place for one export of <paramref name="client"/>; throws the 429 or 503 problem when there is none.</summary>
    public IDisposable Enter(string client)
    {
        var limits = options.Value;
        if (perClient.AddOrUpdate(client, 1, (_, n) => n + 1) > limits.PerClient)
        {
            Leave(client);
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many exports at once",
                $"This client already has {limits.PerClient} exports running. Wait for one to finish.") { RetryAfterSeconds = 5 };
        }
        if (Interlocked.Increment(ref open) > limits.MaxOpen)
        {
            Interlocked.Decrement(ref open);
            Leave(client);
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Too many exports at once",
                "The instance is sending as many exports as it allows. Retry in a few seconds.") { RetryAfterSeconds = 5 };
        }
        return new Place(this, client);
    }

    /// <summary>Waits for a turn to read the database (held while the export reads, seconds).</summary>
    public async Task<IDisposable> ReadTurnAsync(CancellationToken cancellationToken)
    {
        if (!await reading.WaitAsync(TimeSpan.FromSeconds(options.Value.ReadWaitSeconds), cancellationToken))
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Too many exports at once",
                "Exports are waiting for the database. Retry in a few seconds.") { RetryAfterSeconds = 5 };
        return new Turn(reading);
    }

    private void Leave(string client)
    {
        if (perClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0) perClient.TryRemove(new KeyValuePair<string, int>(client, 0));
    }

    private sealed class Place(ExportLimiter limiter, string client) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            Interlocked.Decrement(ref limiter.open);
            limiter.Leave(client);
        }
    }

    private sealed class Turn(SemaphoreSlim semaphore) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) semaphore.Release();
        }
    }
}
