using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using OpenData.Data.ApiKeys;

namespace OpenData.Api.Protection;

/// <summary>An active API key, as the rate limiter needs it.</summary>
public sealed record ApiKeyIdentity(long Id, string Name, string Tier);

/// <summary>
/// Looks API keys up by their SHA-256 in <c>opendata_meta.api_keys</c> (read-only role), remembering each
/// answer, found or not, for RateLimiting:ApiKeyCacheSeconds: a revoked key stops working within that
/// delay, and a flood of made-up keys costs one query per distinct key at most (the cache is bounded).
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, RateLimitingOptions options) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async ValueTask<ApiKeyIdentity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        // A key is "od_" and 43 base64url characters; anything else cannot be one, no need to ask.
        if (key.Length is < 10 or > 100 || !key.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)) return null;
        var hash = ApiKeys.Hash(key);
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGetValue(cacheKey, out Entry? entry) && entry is not null) return entry.Identity;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var identity = await connection.QuerySingleOrDefaultAsync<ApiKeyIdentity>(new CommandDefinition(
            "SELECT id, name, tier FROM opendata_meta.api_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash }, cancellationToken: cancellationToken));
        cache.Set(cacheKey, new Entry(identity), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(0.001, options.ApiKeyCacheSeconds)),
        });
        return identity;
    }

    public void Dispose() => cache.Dispose();

    private sealed record Entry(ApiKeyIdentity? Identity);
}
