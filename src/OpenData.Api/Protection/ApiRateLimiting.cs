using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenData.Api.Infrastructure;

namespace OpenData.Api.Protection;

/// <summary>
/// Rate limiting on one instance, in memory: a quota per caller (anonymous callers by client IP, API keys
/// by key with their tier's quota; see <see cref="QuotaMiddleware"/>) answered with 429 and RateLimit-*
/// headers, then ASP.NET Core's rate limiter as a concurrency limit in front of the database (503 with
/// Retry-After when its queue is full). Health, OpenAPI, Swagger UI, GraphiQL, the home page's files and the management port are exempt from both.
/// Runs before the output cache, so cached answers count too.
/// </summary>
public static class ApiRateLimiting
{
    // The probes must answer whatever a caller did; the documentation is static. /metrics is counted like the API.
    private static readonly string[] ExemptPrefixes = ["/health", "/openapi", "/swagger", "/graphql/ide"];

    public static void AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QuotaCounters>();
        // Several instances share their counters through Redis when it is configured (see RedisQuotaCounters).
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            RedisConnection.AddConnection(services, redis);
            services.AddSingleton<IQuotaCounters, RedisQuotaCounters>();
        }
        else services.AddSingleton<IQuotaCounters, LocalQuotaCounters>();
        services.AddSingleton<ApiKeyStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton<QuotaCharge>();
        services.AddSingleton<OpenData.Data.Reading.IBatchAdmission>(sp => sp.GetRequiredService<QuotaCharge>());
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExportLimiter>();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<RateLimitingOptions>>((forwarded, settings) =>
        {
            // The client's address (quotas), and the scheme it used (the absolute URLs of feeds and of the OpenAPI document).
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: nothing is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null; // walks back through trusted proxies only, stops at the first other hop
            foreach (var proxy in settings.Value.TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
            {
                if (proxy.Contains('/')) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExempt(context)
                ? RateLimitPartition.GetNoLimiter("exempt")
                : RateLimitPartition.GetConcurrencyLimiter("database", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = settings.Value.DatabaseConcurrency,
                    QueueLimit = settings.Value.DatabaseQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            limiter.OnRejected = async (rejected, _) =>
            {
                await rejected.HttpContext.WriteProblemAsync(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
                    "The API is handling as many requests as its database allows. Retry after a few seconds.", ApiProblems.RetryAfterSeconds);
            };
        });
    }

    public static void UseApiRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.TrustedProxies.Any(p => !string.IsNullOrWhiteSpace(p)))
            app.UseForwardedHeaders();
        app.UseMiddleware<QuotaMiddleware>();
        app.UseRateLimiter();
    }

    /// <summary>Requests no quota applies to: the documentation, the home page's files, the probes, and whatever arrives on the management port (not public).</summary>
    internal static bool IsExempt(HttpContext context) =>
        Home.HomePage.Serves(context.Request.Path) || ManagementPort.Received(context)
        || ExemptPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}

internal sealed class RateLimitingValidation : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(p => $"RateLimiting: {p}"))
            : ValidateOptionsResult.Success;
}
