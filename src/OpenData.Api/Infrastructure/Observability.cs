using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// Logs, traces and metrics. Every log line written during a request carries its request id (the host's
/// log scope: <c>RequestId</c> = <see cref="HttpContext.TraceIdentifier"/>), which clients also get in the
/// <c>X-Request-Id</c> header and in problem bodies (<c>requestId</c>). <c>Logging:Console:FormatterName=json</c>
/// switches the console to one JSON object per line, scopes included. OpenTelemetry traces (ASP.NET Core,
/// Npgsql) and metrics are exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>OpenTelemetry:OtlpEndpoint</c> is set; metrics are always scrapeable in Prometheus format at <c>/metrics</c>.
/// </summary>
public static class Observability
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string MetricsPath = "/metrics";

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Scopes (hence the request id) and a UTC timestamp in every console line unless configured otherwise: defaults
        // put in front of the logging framework's own binding of Logging:Console:FormatterOptions, which then overrides them.
        DefaultsFirst<JsonConsoleFormatterOptions>(builder.Services, o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        DefaultsFirst<SimpleConsoleFormatterOptions>(builder.Services, o => o.IncludeScopes = true);

        builder.Services.AddSingleton<ApiMetrics>();
        // Last among the output cache's base policies, so it sees whether the others enabled caching for the request.
        builder.Services.PostConfigure<OutputCacheOptions>(o => o.AddBasePolicy(new CacheLookupMarker()));

        // Read before the container is built: whether to export over OTLP decides which exporters are registered.
        var otlpEndpoint = OtlpEndpoint(configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OpenTelemetry:ServiceName"] ?? "opendata-api"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation() // http.server.request.duration by route, method and status; Kestrel; rate limiting
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql") // connection pool usage, command durations
                    // By pool name (opendata-api, opendata-api-background) and state only: never where the database is.
                    .AddView(instrument => instrument.Meter.Name == "Npgsql"
                        ? new MetricStreamConfiguration { TagKeys = ["db.client.connection.pool.name", "db.client.connection.state", "db.system", "db.system.name", "error.type"] }
                        : null)
                    .AddMeter(ApiMetrics.MeterName)
                    .AddPrometheusExporter();
                if (otlpEndpoint is not null) metrics.AddOtlpExporter(o => Configure(o, otlpEndpoint));
            });
        if (otlpEndpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddRedisInstrumentationWhen(builder.Configuration.GetConnectionString("Redis") is { Length: > 0 })
                .AddOtlpExporter(o => Configure(o, otlpEndpoint)));
        }
    }

    public static void UseObservability(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ApiMetrics>();
        app.Use(async (context, next) =>
        {
            // Set when the response starts, so that error responses (whose headers are cleared) carry it too.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[RequestIdHeader] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            await next(context);
            metrics.Record(context);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
    }

    private static void DefaultsFirst<T>(IServiceCollection services, Action<T> defaults) where T : class =>
        services.Insert(0, ServiceDescriptor.Singleton<IConfigureOptions<T>>(new ConfigureOptions<T>(defaults)));

    /// <summary>The OTLP endpoint to export to, or null to export nothing over OTLP.</summary>
    internal static string? OtlpEndpoint(IConfiguration configuration) =>
        new[] { configuration["OpenTelemetry:OtlpEndpoint"], configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    private static void Configure(OtlpExporterOptions options, string endpoint)
    {
        // OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) are read by the exporter itself; only the
        // application setting needs applying.
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) options.Endpoint = uri;
    }

    /// <summary>Marks the requests for which the output cache looked for a stored answer.</summary>
    private sealed class CacheLookupMarker : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.EnableOutputCaching && context.AllowCacheLookup) context.HttpContext.Items[ApiMetrics.CacheLookupItem] = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The API's own instruments (meter "OpenData.Api"): the serving dataset version, output cache hits and
/// misses, rate-limit rejections.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "OpenData.Api";
    internal const string CacheLookupItem = "opendata.outputCacheLookup";

    private readonly Counter<long> cacheHits;
    private readonly Counter<long> cacheMisses;
    private readonly Counter<long> rateLimitRejections;

    public ApiMetrics(IMeterFactory meterFactory, DatasetState dataset)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("opendata.dataset.version", () =>
            dataset.CurrentVersion is { } version ? [new Measurement<long>(version)] : Array.Empty<Measurement<long>>(),
            description: "Version of the dataset the API serves.");
        cacheHits = meter.CreateCounter<long>("opendata.output_cache.hits", description: "Answers served from the output cache.");
        cacheMisses = meter.CreateCounter<long>("opendata.output_cache.misses", description: "Cacheable requests the output cache had no answer for.");
        rateLimitRejections = meter.CreateCounter<long>("opendata.rate_limit.rejections", description: "Requests rejected by rate limiting (429).");
    }

    internal void Record(HttpContext context)
    {
        if (context.Items.ContainsKey(CacheLookupItem))
        {
            // The output cache sets Age on the answers it serves, and only on those.
            if (context.Response.Headers.ContainsKey(HeaderNames.Age)) cacheHits.Add(1);
            else cacheMisses.Add(1);
        }
        if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests) rateLimitRejections.Add(1);
    }
}

internal static class RedisTracing
{
    /// <summary>Redis commands as spans, when the instance uses Redis (the multiplexer comes from the container).</summary>
    public static OpenTelemetry.Trace.TracerProviderBuilder AddRedisInstrumentationWhen(this OpenTelemetry.Trace.TracerProviderBuilder tracing, bool redis) =>
        redis ? tracing.AddRedisInstrumentation(o => o.FlushInterval = TimeSpan.FromSeconds(1)) : tracing;
}
