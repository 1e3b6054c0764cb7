using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpenData.Api.GraphQL.Protection;

namespace OpenData.Api.Protection;

/// <summary>
/// The per-caller quota. Every request takes 1 permit before it runs (so a 304, an output-cache hit or an
/// error counts too); a GraphQL query is charged the rest of its computed cost when its answer starts, the
/// cost being known only once the endpoint has parsed it. That charge never rejects the query that incurred
/// it: it drains the window for the following requests (down to 0, without carrying debt into the next
/// window). Only successful (2xx) GraphQL answers are charged their cost, capped at GraphQL:MaxCost; a
/// query rejected with a 400 costs 1.
/// </summary>
internal sealed class QuotaMiddleware(
    RequestDelegate next, IQuotaCounters counters, ApiKeyStore keys, RateLimitingOptions options,
    IOptions<GraphQLLimits> graphQLLimits, IProblemDetailsService problems, ILogger<QuotaMiddleware> logger)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiRateLimiting.IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }

        var partition = IpPartition(context.Connection.RemoteIpAddress);
        var quota = options.Anonymous;
        var keyHeader = context.Request.Headers[ApiKeyHeader];
        if (keyHeader.Count > 0)
        {
            var identity = keyHeader.Count == 1 && keyHeader[0] is { } key ? await keys.FindAsync(key.Trim(), context.RequestAborted) : null;
            if (identity is null)
            {
                // Charged to the caller's IP, so guessing keys is limited like any anonymous traffic.
                var state = await counters.TryAcquireAsync(partition, quota, 1);
                SetHeaders(context.Response, state);
                if (!state.Allowed) await RejectAsync(context, state);
                else await UnauthorizedAsync(context);
                return;
            }
            partition = "key:" + identity.Id.ToString(CultureInfo.InvariantCulture);
            if (!options.Tiers.TryGetValue(identity.Tier, out var tierQuota))
                logger.LogWarning("API key {KeyId} ({KeyName}) has tier {Tier}, which RateLimiting:Tiers does not define: it gets the anonymous quota",
                    identity.Id, identity.Name, identity.Tier);
            quota = tierQuota ?? options.Anonymous;
        }

        var acquired = await counters.TryAcquireAsync(partition, quota, 1);
        if (!acquired.Allowed)
        {
            SetHeaders(context.Response, acquired);
            await RejectAsync(context, acquired);
            return;
        }

        var charged = false;
        async Task ChargeCostAsync()
        {
            if (charged) return;
            charged = true;
            if (context.Response.StatusCode is >= 200 and < 300
                && context.Items.TryGetValue(QueryCostRule.CostKey, out var value) && value is long cost && cost > 1)
                await counters.ChargeAsync(partition, quota, (int)Math.Min(cost, Math.Max(1, graphQLLimits.Value.MaxCost)) - 1);
        }
        context.Response.OnStarting(async () =>
        {
            await ChargeCostAsync();
            SetHeaders(context.Response, await counters.PeekAsync(partition, quota));
        });
        await next(context);
        await ChargeCostAsync();
    }

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
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
        return WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "Invalid API key",
            $"The {ApiKeyHeader} header does not hold an active API key (unknown or revoked). Send no {ApiKeyHeader} header to use the API anonymously.");
    }

    private async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
            await TypedResults.Problem(details).ExecuteAsync(context);
    }
}
