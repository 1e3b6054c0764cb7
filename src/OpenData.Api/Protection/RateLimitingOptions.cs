namespace OpenData.Api.Protection;

/// <summary>
/// Configuration section "RateLimiting". The defaults are deliberately generous (100,000 permits a minute
/// per anonymous IP) so that a single client running many requests in a row (tests, a script paging
/// through a list) never meets them by accident; public deployments lower them with environment
/// variables, e.g. <c>RateLimiting__Anonymous__PermitLimit=600</c>.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Callers without an API key, one quota per client IP (per /64 network for IPv6).</summary>
    public Quota Anonymous { get; set; } = new() { PermitLimit = 1_200, WindowSeconds = 60 };

    /// <summary>Quotas of API keys by tier (a key's tier is set by <c>ingest apikey create --tier</c>).</summary>
    public Dictionary<string, Quota> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = new() { PermitLimit = 12_000, WindowSeconds = 60 },
        ["partner"] = new() { PermitLimit = 60_000, WindowSeconds = 60 },
    };

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the client. Empty by
    /// default: the header is then ignored, whoever sends it.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Requests handled at once (beyond that they queue), to stay within the connection pool.</summary>
    public int DatabaseConcurrency { get; set; } = 64;

    /// <summary>Requests waiting for one of the <see cref="DatabaseConcurrency"/> slots; beyond that, 503.</summary>
    public int DatabaseQueue { get; set; } = 128;

    /// <summary>How long an API key lookup (found, unknown or revoked) is remembered.</summary>
    public double ApiKeyCacheSeconds { get; set; } = 30;

    internal void Validate()
    {
        foreach (var (name, quota) in Tiers.Prepend(new("anonymous", Anonymous)))
            if (quota.PermitLimit < 1 || !(quota.WindowSeconds > 0))
                throw new InvalidOperationException($"RateLimiting: the {name} quota needs PermitLimit >= 1 and WindowSeconds > 0");
        if (DatabaseConcurrency < 1 || DatabaseQueue < 0)
            throw new InvalidOperationException("RateLimiting: DatabaseConcurrency must be >= 1 and DatabaseQueue >= 0");
    }
}

/// <summary>At most <see cref="PermitLimit"/> permits per fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class Quota
{
    public int PermitLimit { get; set; } = 1_200;
    public double WindowSeconds { get; set; } = 60;

    internal TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
