using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using StackExchange.Redis;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// The one Redis connection of an instance (<c>ConnectionStrings:Redis</c>), shared by the rate-limit counters
/// and the output cache. Tuned so that a dead Redis never holds a request: short connect and command timeouts,
/// no aborting when Redis is down at start, commands failing at once (not queued) while disconnected, and a
/// quick reconnect in the background so sharing resumes by itself when Redis returns.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> multiplexer;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 500);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 500);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 500);
        options.ConnectRetry = 1;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= "opendata-api";
        multiplexer = new(() =>
        {
            var connection = ConnectionMultiplexer.Connect(options);
            connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({FailureType}): {Message}", e.FailureType, e.Exception?.Message);
            connection.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored");
            if (!connection.IsConnected) logger.LogWarning("Redis is not reachable at start: counters and cache stay local until it is");
            return connection;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    /// <summary>Whether commands can be sent now (false while Redis is down: callers fall back at once).</summary>
    public bool IsConnected => Multiplexer.IsConnected;

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }

    /// <summary>
    /// Registers the shared connection and, for the output cache, Redis behind <see cref="ResilientOutputCacheStore"/>.
    /// Call after AddOutputCache: it replaces the in-memory store.
    /// </summary>
    internal static void AddRedisOutputCache(IServiceCollection services, string configuration)
    {
        AddConnection(services, configuration);
        services.AddStackExchangeRedisOutputCache(options => options.InstanceName = "opendata:");
        services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((options, connection) =>
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer));
        var redisStores = services.Where(d => d.ServiceType == typeof(IOutputCacheStore)).ToList();
        var redisStore = redisStores.Last();
        foreach (var descriptor in redisStores) services.Remove(descriptor);
        services.AddSingleton<IOutputCacheStore>(sp =>
        {
            var shared = sp.GetRequiredService<RedisConnection>();
            var inner = redisStore.ImplementationFactory is { } factory ? (IOutputCacheStore)factory(sp)
                : redisStore.ImplementationInstance is IOutputCacheStore instance ? instance
                : (IOutputCacheStore)ActivatorUtilities.CreateInstance(sp, redisStore.ImplementationType!);
            return new ResilientOutputCacheStore(inner, shared, sp.GetRequiredService<ILogger<ResilientOutputCacheStore>>());
        });
    }

    internal static void AddConnection(IServiceCollection services, string configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(RedisConnection))) return;
        services.AddSingleton(sp => new RedisConnection(configuration, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton(sp => sp.GetRequiredService<RedisConnection>().Multiplexer); // for the tracing instrumentation
    }
}

/// <summary>
/// The Redis output-cache store, made harmless when Redis is away: a read is a miss, a write or an eviction is
/// skipped (logged once per outage), so requests go to PostgreSQL instead of failing. Entries are keyed by the
/// dataset version (see <see cref="HttpCaching"/>), so an eviction missed during an outage never serves an
/// answer of an older dataset.
/// </summary>
public sealed class ResilientOutputCacheStore(IOutputCacheStore inner, RedisConnection redis, ILogger<ResilientOutputCacheStore> logger) : IOutputCacheStore
{
    private int failing;

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return Skipped<byte[]?>(null);
        try
        {
            var value = await inner.GetAsync(key, cancellationToken);
            Recovered();
            return value;
        }
        catch (Exception e) when (IsRedisFailure(e)) { return Failed<byte[]?>(e, null); }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) { Skipped(0); return; }
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsRedisFailure(e)) { Failed(e, 0); }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) { Skipped(0); return; }
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            Recovered();
        }
        catch (Exception e) when (IsRedisFailure(e)) { Failed(e, 0); }
    }

    internal static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException;

    private T Skipped<T>(T value)
    {
        if (Interlocked.Exchange(ref failing, 1) == 0)
            logger.LogWarning("Redis is unreachable: the output cache misses (answers come from PostgreSQL) until it returns");
        return value;
    }

    private T Failed<T>(Exception e, T value)
    {
        if (Interlocked.Exchange(ref failing, 1) == 0)
            logger.LogWarning("Redis output cache failed ({Message}): the output cache misses until Redis answers again", e.Message);
        return value;
    }

    private void Recovered()
    {
        if (Volatile.Read(ref failing) == 1 && Interlocked.Exchange(ref failing, 0) == 1)
            logger.LogInformation("Redis output cache available again");
    }
}
