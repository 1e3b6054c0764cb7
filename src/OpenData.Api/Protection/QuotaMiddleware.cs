using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenData.Api.Infrastructure;

namespace OpenData.Api.Protection;

/// <summary>The caller a request is counted against: its partition (<c>ip:…</c> or <c>key:…</c>) and its quota.</summary>
public sealed record ApiClient(string Partition, Quota Quota);

/// <summary>
/// The per-caller quota and share. Every request takes 1 permit before it runs (so a 304, an output-cache hit or
/// an error counts too); the database work beyond reading a page by an index is paid before it runs, at its price
/// (<see cref="QuotaCharge"/>: a GraphQL query its computed cost, a full-text search, a count, live statistics or an
/// export theirs), or refused with a 429 when the window cannot pay it. Then the caller's requests run at most
/// <see cref="Quota.Concurrency"/> at a time (the others wait in the caller's own queue, then 429): one caller
/// cannot hold more than its share of the connection pool, however many connections it opens.
/// </summary>
internal sealed class QuotaMiddleware(
    RequestDelegate next, IQuotaCounters counters, ApiKeyStore keys, IOptions<RateLimitingOptions> settings,
    ILogger<QuotaMiddleware> logger) : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly RateLimitingOptions options = settings.Value;

    private readonly PartitionedRateLimiter<ApiClient> share = PartitionedRateLimiter.Create<ApiClient, string>(client =>
        RateLimitPartition.GetConcurrencyLimiter(client.Partition, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = client.Quota.Concurrency,
            QueueLimit = settings.Value.ClientQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRateLimiting.IsExempt(context))
        {
            await next(context);
            return;
        }

        var client = await IdentifyAsync(context);
        if (client is null) return; // answered: 401 or 429
        context.Features.Set(client);

        var acquired = await counters.TryAcquireAsync(client.Partition, client.Quota, 1);
        if (!acquired.Allowed)
        {
            SetHeaders(context.Response, acquired);
            await RejectAsync(context, acquired);
            return;
        }

        using var lease = await share.AcquireAsync(client, 1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            SetHeaders(context.Response, acquired);
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests at once",
                string.Create(CultureInfo.InvariantCulture,
                    $"This client has {client.Quota.Concurrency} requests running and {options.ClientQueue} waiting. Wait for answers before sending more."));
            return;
        }

        context.Response.OnStarting(async () => SetHeaders(context.Response, await counters.PeekAsync(client.Partition, client.Quota)));
        if (MaxCost.Read(context.Request) is { } most) context.Features.Set(most);
        await next(context);
    }

    /// <summary>
    /// Anonymous callers by address; callers with a key by key. A key the in-memory copy does not know is looked up
    /// only after the address has paid one permit for it, so guessing keys is limited like any anonymous traffic.
    /// </summary>
    private async Task<ApiClient?> IdentifyAsync(HttpContext context)
    {
        var address = new ApiClient(IpPartition(context.Connection.RemoteIpAddress), options.Anonymous);
        var header = context.Request.Headers[ApiKeyHeader];
        if (header.Count == 0 && BearerKey(context.Request) is { } bearer) header = bearer;
        if (header.Count == 0) return address;

        var key = header.Count == 1 ? header[0]?.Trim() ?? "" : "";
        var answer = keys.Peek(key, out var identity);
        // A key that was active at the last read is read again at the instance's cost, not its sender's address: a
        // client with a valid key (behind an address whose anonymous quota others spent) is never refused for it.
        if (answer == ApiKeyStore.Answer.Stale) identity = await keys.LookUpAsync(key, context.RequestAborted);
        if (identity is null)
        {
            var paid = await counters.TryAcquireAsync(address.Partition, address.Quota, 1);
            if (!paid.Allowed)
            {
                SetHeaders(context.Response, paid);
                await RejectAsync(context, paid);
                return null;
            }
            identity = answer == ApiKeyStore.Answer.NotKnownYet ? await keys.LookUpAsync(key, context.RequestAborted) : null;
            if (identity is null)
            {
                SetHeaders(context.Response, paid);
                await UnauthorizedAsync(context);
                return null;
            }
        }
        if (!options.Tiers.TryGetValue(identity!.Tier, out var tier))
            logger.LogWarning("API key {KeyId} ({KeyName}) has tier {Tier}, which RateLimiting:Tiers does not define: it gets the anonymous quota",
                identity.Id, identity.Name, identity.Tier);
        return new ApiClient("key:" + identity.Id.ToString(CultureInfo.InvariantCulture), tier ?? options.Anonymous);
    }

    /// <summary>
    /// The key of an <c>Authorization: Bearer KEY</c> header, the same key as <c>X-Api-Key</c> (what HTTP libraries and
    /// OpenAPI clients send for a token). Other schemes are not keys and are left alone (a proxy's Basic authentication).
    /// </summary>
    private static string? BearerKey(HttpRequest request) =>
        request.Headers.Authorization is [{ } value] && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value["Bearer ".Length..].Trim()
            : null;

    /// <summary>The client's address (after ForwardedHeaders, from trusted proxies only); IPv6 clients by /64.</summary>
    internal static string IpPartition(IPAddress? address)
    {
        if (address is null) return "ip:unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
            return "ip:" + address + "/64";
        }
        return "ip:" + address;
    }

    private static void SetHeaders(HttpResponse response, QuotaState state)
    {
        response.Headers["RateLimit-Limit"] = state.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = Math.Max(0, state.Remaining).ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reset"] = state.ResetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private Task RejectAsync(HttpContext context, QuotaState state)
    {
        context.Response.Headers.RetryAfter = state.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            string.Create(CultureInfo.InvariantCulture,
                $"This client used its {state.Limit} requests of the current window. Retry after {state.ResetSeconds} s, or ask for an API key (X-Api-Key) with a larger quota."));
    }

    private Task UnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\", Bearer";
        return WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key",
            $"The {ApiKeyHeader} header (or Authorization: Bearer) does not hold an active API key (unknown or revoked). Send neither to use the API anonymously.");
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        context.WriteProblemAsync(status, title, detail);

    public void Dispose() => share.Dispose();
}
