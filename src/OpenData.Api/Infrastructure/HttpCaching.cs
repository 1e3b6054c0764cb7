using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenData.Api.Protection;

namespace OpenData.Api.Infrastructure;

/// <summary>Configuration section "OutputCache": the answers kept rendered server-side.</summary>
public sealed class OutputCacheSettings
{
    public const string Section = "OutputCache";

    public bool Enabled { get; set; } = true;

    /// <summary>How long an answer is kept (it is also dropped as soon as the dataset changes).</summary>
    [Range(1, 86_400)]
    public int Seconds { get; set; } = 600;

    /// <summary>
    /// Answers one client (its quota partition) may add to the cache per <see cref="Seconds"/>: beyond, its answers are
    /// served but not kept, so that one client cannot push everyone else's out (with <see cref="MaxEntryKilobytes"/>,
    /// it holds at most this many times that much).
    /// </summary>
    [Range(1, 1_000_000)]
    public int InsertionsPerClient { get; set; } = 50;

    /// <summary>The largest answer kept, in KB (larger ones are served, not kept).</summary>
    [Range(1, 65_536)]
    public int MaxEntryKilobytes { get; set; } = 1024;
}

/// <summary>Configuration section "Http": what clients and CDNs are told about keeping answers.</summary>
public sealed class HttpCachingOptions
{
    public const string Section = "Http";

    /// <summary>Cache-Control max-age of /v1 answers.</summary>
    [Range(0, 86_400)]
    public int MaxAgeSeconds { get; set; } = 60;
}

/// <summary>
/// HTTP caching of /v1 answers: ETag and Last-Modified derive from the dataset version, so they change
/// exactly when an import lands; If-None-Match / If-Modified-Since get a 304; Cache-Control lets clients
/// and CDNs keep responses for Http:MaxAgeSeconds (default 60). The output cache keeps rendered answers
/// server-side and is emptied when the dataset changes.
/// </summary>
public static class HttpCaching
{
    private const string VersionItem = "opendata.datasetVersion";
    public const string ResourceTagPrefix = "resource:";

    public static void AddHttpCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatasetOptions>().BindConfiguration(DatasetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutputCacheSettings>().BindConfiguration(OutputCacheSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpCachingOptions>().BindConfiguration(HttpCachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DatasetState>();
        services.AddHostedService(sp => sp.GetRequiredService<DatasetState>());
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<OutputCacheSettings>>((options, settings) =>
        {
            var enabled = settings.Value.Enabled;
            // Keys as exact as the handlers: /v1/questions/seq1 and ?Limit=5 are not /v1/questions/SEQ1 and ?limit=5.
            options.UseCaseSensitivePaths = true;
            options.AddBasePolicy(policy => policy
                .With(context => enabled && IsCacheable(context.HttpContext.Request) && !IsExport(context.HttpContext.Request))
                .SetVaryByHeader(HeaderNames.Accept, HeaderNames.AcceptEncoding) // entries hold compressed bytes
                // Keyed by the dataset version the request's ETag was computed from: an answer cached for one
                // version is never served under another, even in the moment before the eviction below.
                .VaryByValue(context => new KeyValuePair<string, string>("dataset",
                    context.Items.TryGetValue(VersionItem, out var version) ? Convert.ToString(version, CultureInfo.InvariantCulture)! : "none"))
                .VaryByValue(context => new KeyValuePair<string, string>("query", context.Request.QueryString.Value ?? ""))
                .Tag(DatasetState.CacheTag)
                .Expire(TimeSpan.FromSeconds(settings.Value.Seconds)));
            options.AddBasePolicy(new ResourceTag());
            options.AddBasePolicy(new ClientInsertions(settings.Value));
            options.MaximumBodySize = settings.Value.MaxEntryKilobytes * 1024L;
        });
        // Several instances share the output cache (and its "dataset" tag eviction) through Redis when it is configured;
        // read before the container is built, since it decides which services are registered.
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis) RedisConnection.AddRedisOutputCache(services, redis);
    }

    public static void UseHttpCaching(this WebApplication app)
    {
        var maxAge = app.Services.GetRequiredService<IOptions<HttpCachingOptions>>().Value.MaxAgeSeconds;
        // Conditional requests first: a 304 needs neither the output cache nor the database. The headers are
        // set before the endpoint runs so that the output cache stores them with the response.
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!IsCacheable(request))
            {
                await next(context);
                return;
            }
            OpenData.Data.Datasets.ServingDataset? dataset;
            try
            {
                dataset = await context.RequestServices.GetRequiredService<DatasetState>().GetAsync(context.RequestAborted);
            }
            catch (Exception e) when (ApiProblems.IsUnavailable(e))
            {
                dataset = null; // the endpoint reports the outage itself
            }
            if (dataset is null)
            {
                await next(context);
                return;
            }

            context.Items[VersionItem] = dataset.Version;
            var etag = new EntityTagHeaderValue($"\"{dataset.Version}-{Variant(request)}\"", isWeak: true);
            var lastModified = dataset.ImportedAt.AddTicks(-(dataset.ImportedAt.Ticks % TimeSpan.TicksPerSecond));
            var headers = request.GetTypedHeaders();
            // "*" matches any current representation: known only once the handler has answered (an unknown id has none).
            var anyRepresentation = headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any)) && !IsExport(request);
            var notModified = headers.IfNoneMatch.Count > 0
                ? headers.IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false))
                : headers.IfModifiedSince is { } since && since >= lastModified;

            var response = context.Response.GetTypedHeaders();
            response.ETag = etag;
            response.LastModified = lastModified;
            context.Response.Headers.CacheControl = $"public, max-age={maxAge.ToString(CultureInfo.InvariantCulture)}";
            context.Response.Headers.Vary = "Accept, Accept-Encoding";
            context.Response.OnStarting(() =>
            {
                // Errors are not cacheable representations of the dataset; nor is an answer read from a dataset other
                // than the one its ETag names (an import landed a moment before the tracker heard of it).
                var session = context.RequestServices.GetService<OpenData.Data.Reading.DatasetSession>();
                var otherDataset = session is { HasRead: true } && session.Version != dataset.Version;
                if (otherDataset && context.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
                if (otherDataset || context.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status304NotModified))
                {
                    context.Response.Headers.Remove(HeaderNames.ETag);
                    context.Response.Headers.Remove(HeaderNames.LastModified);
                    context.Response.Headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            if (notModified)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            if (anyRepresentation) await AnswerIfAnyAsync(context, next);
            else await next(context);
        });
        app.UseOutputCache();
    }

    /// <summary>If-None-Match: * — a 304 when the handler has a representation (a 200), its answer otherwise (a 404, a 400).</summary>
    private static async Task AnswerIfAnyAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.Headers.ContentLength = null;
            context.Response.Headers.ContentType = default;
            context.Response.Headers.ContentEncoding = default;
            return;
        }
        answer.Position = 0;
        await answer.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// GET (and HEAD) of the REST API, and GraphQL queries sent as GET (a document or a persisted query's
    /// hash): answers that depend only on the URL, the Accept header and the dataset. A cached GraphQL
    /// answer is charged one permit, not its cost: serving it costs the database nothing.
    /// </summary>
    private static bool IsCacheable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.StartsWithSegments("/v1") && !request.Path.StartsWithSegments(OpenData.Data.Datasets.DownloadAddress.Prefix) // a file of a version: its checksum is its ETag
            || request.Path.Equals("/graphql", StringComparison.Ordinal) && (request.Query.ContainsKey("query") || request.Query.ContainsKey("extensions")));

    private static bool IsExport(HttpRequest request) => OpenData.Api.Rest.Negotiation.Of(request) is not (null or OpenData.Api.Rest.ResponseFormat.Json);

    /// <summary>Responses to one URL differ by negotiated format only: the ETag tells them apart.</summary>
    private static string Variant(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 ? "json" : ((uint)StableHash(accept)).ToString("x8", CultureInfo.InvariantCulture);
    }

    private static int StableHash(string value)
    {
        var hash = unchecked((int)2166136261);
        foreach (var c in value) hash = unchecked((hash ^ c) * 16777619);
        return hash;
    }

    /// <summary>Tags each cached answer with its resource ("resource:questions", "resource:graphql", …) besides the dataset tag.</summary>
    private sealed class ResourceTag : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var segments = context.HttpContext.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var resource = segments switch
            {
                ["v1", "stats", var kind, ..] => $"stats-{kind}",
                ["v1", var name, ..] => name,
                ["graphql", ..] => "graphql",
                _ => null,
            };
            if (resource is not null) context.Tags.Add($"{ResourceTagPrefix}{resource}");
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// Counts what each client adds to the cache (a fixed window per quota partition, as the quotas count): once a client
    /// has added <see cref="OutputCacheSettings.InsertionsPerClient"/> answers in the window, its next ones are not kept.
    /// </summary>
    private sealed class ClientInsertions(OutputCacheSettings settings) : IOutputCachePolicy
    {
        private readonly QuotaCounters counters = new(TimeProvider.System);
        private readonly Quota quota = new() { PermitLimit = settings.InsertionsPerClient, WindowSeconds = settings.Seconds };

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.AllowCacheStorage && context.HttpContext.Features.Get<ApiClient>() is { } client
                && !counters.TryAcquire(client.Partition, quota, 1).Allowed)
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
