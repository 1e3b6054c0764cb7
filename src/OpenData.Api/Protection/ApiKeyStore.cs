using System.Collections.Frozen;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenData.Api.Infrastructure;
using OpenData.Data.ApiKeys;

namespace OpenData.Api.Protection;

/// <summary>An active API key, as the rate limiter needs it.</summary>
public sealed record ApiKeyIdentity(long Id, string Name, string Tier);

/// <summary>
/// The active API keys, held in memory by their SHA-256 and read whole from <c>opendata_meta.api_keys</c> (a few
/// rows) at most every RateLimiting:ApiKeyCacheSeconds, so a revoked key stops working within that delay. A key
/// the copy does not know is looked up by reading the table again (a key created a moment ago), but only once
/// the caller has paid for it from its anonymous quota (<see cref="QuotaMiddleware"/>), and a key found unknown
/// is remembered as such for the same delay: made-up keys cost no database work beyond the caller's quota.
/// </summary>
public sealed class ApiKeyStore([FromKeyedServices(DatabaseSetup.Pools.Background)] NpgsqlDataSource dataSource, IOptions<RateLimitingOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache unknown = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly SemaphoreSlim reading = new(1, 1);
    private FrozenDictionary<string, ApiKeyIdentity> active = FrozenDictionary<string, ApiKeyIdentity>.Empty;
    private long readAt = long.MinValue;

    private TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Max(0.001, options.Value.ApiKeyCacheSeconds));

    /// <summary>
    /// Known: active in the fresh copy. Stale: active when the copy, now too old, was read (read again before use).
    /// Unknown: refused lately or not shaped like a key. NotKnownYet: never seen.
    /// </summary>
    public enum Answer { Known, Stale, Unknown, NotKnownYet }

    /// <summary>What the in-memory copy says of a key, without touching the database.</summary>
    public Answer Peek(string key, out ApiKeyIdentity? identity)
    {
        identity = null;
        // A key is "od_" and 43 base64url characters; anything else cannot be one.
        if (key.Length is < 10 or > 100 || !key.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)) return Answer.Unknown;
        var hash = Convert.ToHexString(ApiKeys.Hash(key));
        if (active.TryGetValue(hash, out identity)) return IsFresh ? Answer.Known : Answer.Stale;
        return unknown.TryGetValue(hash, out _) ? Answer.Unknown : Answer.NotKnownYet;
    }

    /// <summary>Reads the active keys again (one reader at a time; a read finished meanwhile is used instead) and answers for the key.</summary>
    public async ValueTask<ApiKeyIdentity?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexString(ApiKeys.Hash(key));
        var asked = time.GetTimestamp();
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Read(ref readAt) < asked)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                var rows = await ApiKeys.ActiveAsync(connection, cancellationToken);
                active = rows.ToFrozenDictionary(r => Convert.ToHexString(r.KeyHash), r => new ApiKeyIdentity(r.Id, r.Name, r.Tier));
                Interlocked.Exchange(ref readAt, time.GetTimestamp());
            }
        }
        finally
        {
            reading.Release();
        }
        if (active.TryGetValue(hash, out var identity)) return identity;
        unknown.Set(hash, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MaxAge });
        return null;
    }

    private bool IsFresh => Interlocked.Read(ref readAt) is var at && at != long.MinValue && time.GetElapsedTime(at) < MaxAge;

    public void Dispose()
    {
        unknown.Dispose();
        reading.Dispose();
    }
}
