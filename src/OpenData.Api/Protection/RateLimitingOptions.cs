namespace OpenData.Api.Protection;

/// <summary>
/// Configuration section "RateLimiting". Anonymous callers get 6,000 permits a minute per client IP and 4
/// requests in flight at once; heavier users ask for an API key of a larger tier. A request pays 1 permit, plus the
/// price of the database work it asks for beyond reading a page by an index (<see cref="Prices"/>): a new full-text
/// search about 1,100, so an anonymous caller gets about five a minute besides its ordinary requests. The test host and the
/// benchmark raise them (one client there stands for many).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Callers without an API key, one quota per client IP (per /64 network for IPv6).</summary>
    public Quota Anonymous { get; set; } = new() { PermitLimit = 6_000, WindowSeconds = 60, Concurrency = 4 };

    /// <summary>Quotas of API keys by tier (a key's tier is set by <c>ingest apikey create --tier</c>).</summary>
    public Dictionary<string, Quota> Tiers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["standard"] = new() { PermitLimit = 60_000, WindowSeconds = 60, Concurrency = 8 },
        ["partner"] = new() { PermitLimit = 300_000, WindowSeconds = 60, Concurrency = 16 },
        // Keys people create themselves (POST /v1/keys): more than anonymous, less than a key an operator gives.
        [OpenData.Data.ApiKeys.ApiKeys.SelfServiceTier] = new() { PermitLimit = 20_000, WindowSeconds = 60, Concurrency = 6 },
    };

    /// <summary>POST /v1/keys: whether anyone may create a key on the self-service tier, and how many a day from one address.</summary>
    public SelfServiceKeys SelfServiceKeys { get; set; } = new();

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks) whose <c>X-Forwarded-For</c> names the client. Empty by
    /// default: the header is then ignored, whoever sends it.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>A client's requests waiting for one of its <see cref="Quota.Concurrency"/> slots; beyond that, 429.</summary>
    public int ClientQueue { get; set; } = 32;

    /// <summary>Requests handled at once by the instance (beyond that they queue), to stay within the connection pool.</summary>
    public int DatabaseConcurrency { get; set; } = 64;

    /// <summary>Requests waiting for one of the <see cref="DatabaseConcurrency"/> slots; beyond that, 503.</summary>
    public int DatabaseQueue { get; set; } = 128;

    /// <summary>How long the in-memory copy of the API keys is used before it is read again (a revoked key works that long at most).</summary>
    public double ApiKeyCacheSeconds { get; set; } = 30;

    /// <summary>
    /// A request whose batches kept PostgreSQL busier than its price says (a permit for 0.1 ms) by more than this many
    /// milliseconds is billed the difference beyond them, from what is left of its window: the price is an estimate, and
    /// a filter and an order the estimate misjudges (old questions by latest answer: 150 ms for 5 permits) then cost
    /// what they took. The margin keeps honest requests that were slow for other reasons (a loaded machine) unbilled.
    /// </summary>
    public int BillBeyondMilliseconds { get; set; } = 100;

    internal IEnumerable<string> Problems()
    {
        foreach (var (name, quota) in Tiers.Prepend(new("anonymous", Anonymous)))
            if (quota.PermitLimit < 1 || !(quota.WindowSeconds > 0) || quota.Concurrency < 1)
                yield return $"the {name} quota needs PermitLimit >= 1, WindowSeconds > 0 and Concurrency >= 1";
        if (DatabaseConcurrency < 1 || DatabaseQueue < 0 || ClientQueue < 0)
            yield return "DatabaseConcurrency must be >= 1, DatabaseQueue and ClientQueue >= 0";
        if (BillBeyondMilliseconds < 0) yield return "BillBeyondMilliseconds must be >= 0";
        foreach (var proxy in TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
            if (!(proxy.Contains('/') ? System.Net.IPNetwork.TryParse(proxy, out _) : System.Net.IPAddress.TryParse(proxy, out _)))
                yield return $"TrustedProxies: '{proxy}' is neither an IP address nor a CIDR network";
    }
}

/// <summary>At most <see cref="PermitLimit"/> permits per fixed window of <see cref="WindowSeconds"/>, and <see cref="Concurrency"/> requests at once.</summary>
public sealed class Quota
{
    public int PermitLimit { get; set; } = 6_000;
    public double WindowSeconds { get; set; } = 60;

    /// <summary>Requests of one client in flight at once (more wait in a queue of their own): its share of the database.</summary>
    public int Concurrency { get; set; } = 4;

    internal TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

/// <summary>Keys people create themselves (POST /v1/keys); an operator turns it off with RateLimiting:SelfServiceKeys:Enabled=false.</summary>
public sealed class SelfServiceKeys
{
    public bool Enabled { get; set; } = true;

    /// <summary>Keys one address may create a day (1 to 10: the database function caps it at 10 whatever is set).</summary>
    public int PerAddressPerDay { get; set; } = 3;
}
