using System.Diagnostics.Metrics;
using OpenData.Api.Infrastructure;
using StackExchange.Redis;

namespace OpenData.Api.Protection;

/// <summary>The per-partition fixed-window counters <see cref="QuotaMiddleware"/> charges: in memory, or shared through Redis.</summary>
public interface IQuotaCounters
{
    /// <summary>Takes <paramref name="permits"/> if the window has them all, otherwise none (rejected).</summary>
    ValueTask<QuotaState> TryAcquireAsync(string partition, Quota quota, int permits);

    /// <summary>The partition's state without taking anything.</summary>
    ValueTask<QuotaState> PeekAsync(string partition, Quota quota);

    /// <summary>Takes <paramref name="permits"/> whatever is left (a bill for work done): at most the rest of the window.</summary>
    ValueTask<QuotaState> BillAsync(string partition, Quota quota, int permits);
}

/// <summary>
/// The counters shared by all instances through Redis (<c>ConnectionStrings:Redis</c>): one key per partition,
/// <c>opendata:quota:{partition}</c>, holding the permits used in its window and expiring when the window ends
/// (the window starts at the partition's first request, as in memory; its TTL is RateLimit-Reset). One Lua
/// script reads, checks and adds atomically, so concurrent requests on several instances never overshoot.
/// While Redis is unreachable, each instance counts in its own memory (<see cref="QuotaCounters"/>): callers
/// stay limited, per instance, instead of failing or waiting; counting goes back to Redis when it answers again.
/// </summary>
public sealed class RedisQuotaCounters(RedisConnection redis, QuotaCounters local, IMeterFactory meters, ILogger<RedisQuotaCounters> logger) : IQuotaCounters
{
    public const string KeyPrefix = "opendata:quota:";

    // KEYS[1] the partition's key; ARGV: permits, limit, window (ms), force (1 = never reject: a peek, with 0 permits).
    // Returns {allowed (1/0), used, milliseconds until the window ends}.
    private const string Script = """
        local used = tonumber(redis.call('GET', KEYS[1]) or '0')
        local ttl = redis.call('PTTL', KEYS[1])
        local permits = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        if ttl <= 0 then
          used = 0
          ttl = tonumber(ARGV[3])
        end
        local allowed = ARGV[4] == '1' or used + permits <= limit
        if allowed and permits > 0 then
          used = math.min(limit, used + permits)
          redis.call('SET', KEYS[1], used, 'PX', ttl)
        end
        if allowed then return {1, used, ttl} end
        return {0, used, ttl}
        """;

    private readonly Counter<long> fallbacks = meters.Create(ApiMetrics.MeterName)
        .CreateCounter<long>("opendata.rate_limit.redis_fallbacks", description: "Quota checks counted in the instance's memory because Redis was unreachable.");
    private int degraded;

    public ValueTask<QuotaState> TryAcquireAsync(string partition, Quota quota, int permits) => UpdateAsync(partition, quota, permits, force: false);

    public ValueTask<QuotaState> PeekAsync(string partition, Quota quota) => UpdateAsync(partition, quota, 0, force: true);

    public ValueTask<QuotaState> BillAsync(string partition, Quota quota, int permits) => UpdateAsync(partition, quota, permits, force: true);

    private async ValueTask<QuotaState> UpdateAsync(string partition, Quota quota, int permits, bool force)
    {
        if (redis.IsConnected)
        {
            try
            {
                var windowMs = Math.Max(1L, (long)Math.Ceiling(quota.Window.TotalMilliseconds));
                var result = (RedisResult[])(await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(Script,
                    [KeyPrefix + partition], [permits, quota.PermitLimit, windowMs, force ? 1 : 0]))!;
                if (Interlocked.Exchange(ref degraded, 0) == 1)
                    logger.LogInformation("Redis answers again: rate-limit counters are shared across instances again");
                var used = (int)result[1];
                return new QuotaState((int)result[0] == 1, quota.PermitLimit, quota.PermitLimit - used, TimeSpan.FromMilliseconds((long)result[2]));
            }
            catch (Exception e) when (ResilientOutputCacheStore.IsRedisFailure(e))
            {
                return Fallback(partition, quota, permits, force, e.Message);
            }
        }
        return Fallback(partition, quota, permits, force, "not connected");
    }

    private QuotaState Fallback(string partition, Quota quota, int permits, bool force, string reason)
    {
        if (Interlocked.Exchange(ref degraded, 1) == 0)
            logger.LogWarning("Redis is unreachable ({Reason}): rate-limit counters fall back to this instance's memory until it returns", reason);
        fallbacks.Add(1);
        return force ? local.Bill(partition, quota, permits) : local.TryAcquire(partition, quota, permits);
    }
}

/// <summary>The in-memory counters as <see cref="IQuotaCounters"/> (one instance, or no Redis configured).</summary>
internal sealed class LocalQuotaCounters(QuotaCounters counters) : IQuotaCounters
{
    public ValueTask<QuotaState> TryAcquireAsync(string partition, Quota quota, int permits) => new(counters.TryAcquire(partition, quota, permits));

    public ValueTask<QuotaState> PeekAsync(string partition, Quota quota) => new(counters.Peek(partition, quota));

    public ValueTask<QuotaState> BillAsync(string partition, Quota quota, int permits) => new(counters.Bill(partition, quota, permits));
}
