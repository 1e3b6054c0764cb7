using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace OpenData.Api.Tests;

/// <summary>Metrics are process-wide (the Npgsql meter is static): these tests run alone so that counters move only for them.</summary>
[CollectionDefinition(nameof(ObservabilityCollection), DisableParallelization = true)]
public sealed class ObservabilityCollection;

/// <summary>Request ids in headers, problem bodies and log scopes; Prometheus metrics at /metrics; OTLP tracing when configured.</summary>
[Collection(nameof(ObservabilityCollection))]
public sealed class ObservabilityTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Every_response_carries_the_request_id_of_its_problem_body()
    {
        var ok = await Client.GetAsync("/v1/dataset");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(string.IsNullOrEmpty(Assert.Single(ok.Headers.GetValues("X-Request-Id"))));

        var bad = await Client.GetAsync("/v1/questions?limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var header = Assert.Single(bad.Headers.GetValues("X-Request-Id"));
        using var body = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal(header, body.RootElement.GetProperty("requestId").GetString());

        var notFound = await Client.GetAsync("/no/such/route");
        Assert.True(notFound.Headers.Contains("X-Request-Id"));
        Assert.NotEqual(header, Assert.Single(notFound.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task Log_lines_written_during_a_request_are_scoped_with_its_request_id()
    {
        var logs = new CapturingLoggerProvider();
        await using var factory = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" })
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var response = await factory.CreateClient().GetAsync("/v1/questions?limit=abc");
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));

        var lines = logs.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        var mine = lines.Where(e => e.Scope.TryGetValue("RequestId", out var id) && Equals(id, requestId)).ToList();
        Assert.NotEmpty(mine);
        Assert.All(lines.Where(e => e.Message.Contains("/v1/questions", StringComparison.Ordinal)), e => Assert.Equal(requestId, e.Scope["RequestId"]));
    }

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/senators?limit=2")).StatusCode);
        var text = await ScrapeUntilAsync(t => t.Contains("http_server_request_duration", StringComparison.Ordinal) && t.Contains("/v1/senators", StringComparison.Ordinal));
        var response = await Client.GetAsync("/metrics");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/v1/senators\"", text);
        Assert.Contains("http_response_status_code=\"200\"", text);
        Assert.Contains("dotnet_", text); // runtime instrumentation
    }

    [Fact]
    public async Task The_dataset_version_gauge_shows_the_serving_version()
    {
        using var dataset = JsonDocument.Parse(await Client.GetStringAsync("/v1/dataset"));
        var version = dataset.RootElement.GetProperty("version").GetInt64();
        await ScrapeUntilAsync(t => Value(t, "opendata_dataset_version") == version);
    }

    [Fact]
    public async Task Output_cache_hits_and_misses_are_counted()
    {
        var before = await ScrapeAsync();
        var (hits, misses) = (Value(before, "opendata_output_cache_hits_total"), Value(before, "opendata_output_cache_misses_total"));

        const string url = "/v1/questions?limit=4";
        var first = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age); // computed by the endpoint
        var second = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age); // the output cache answered, and said so with Age
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        await ScrapeUntilAsync(t => Value(t, "opendata_output_cache_misses_total") == misses + 1 && Value(t, "opendata_output_cache_hits_total") == hits + 1);

        // Not cacheable (an export): neither a hit nor a miss.
        var csv = new HttpRequestMessage(HttpMethod.Get, url);
        csv.Headers.Accept.ParseAdd("text/csv");
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(csv)).StatusCode);
        // A marker after it, a miss of its own: once the marker is counted, so would the export have been.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/questions?limit=37")).StatusCode);
        var after = await ScrapeUntilAsync(t => Value(t, "opendata_output_cache_misses_total") >= misses + 2);
        Assert.Equal(misses + 2, Value(after, "opendata_output_cache_misses_total"));
        Assert.Equal(hits + 1, Value(after, "opendata_output_cache_hits_total"));
    }

    [Fact]
    public async Task Rate_limit_rejections_are_counted()
    {
        await using var factory = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:Anonymous:PermitLimit"] = "2",
            ["RateLimiting:Anonymous:WindowSeconds"] = "600",
        });
        var client = factory.CreateClient();
        // Read in-process: once the quota is spent, /metrics (not exempt from it) is rejected too.
        var scope = factory.Services.GetRequiredService<IMeterFactory>();
        long rejections = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == "opendata.rate_limit.rejections") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref rejections, value));
        listener.Start();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.GetAsync("/v1/dataset")).StatusCode);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        // Counted once the response is complete, which can be a moment after the client has it.
        await Eventually.TrueAsync(() => Interlocked.Read(ref rejections) >= 3, "three rejections counted");
        Assert.Equal(3, Interlocked.Read(ref rejections));
    }

    [Fact]
    public async Task Npgsql_connection_pool_metrics_are_exported()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/ministries?limit=1")).StatusCode);
        await ScrapeUntilAsync(t => t.Contains("db_client_connection", StringComparison.Ordinal)); // pool usage: idle and used connections, maximum
    }

    [Fact]
    public async Task The_metrics_endpoint_is_not_in_the_openapi_document()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("\"/metrics\"", document);
    }

    [Fact]
    public async Task Traces_are_collected_only_when_an_otlp_endpoint_is_configured()
    {
        await using (var untraced = new ApiFactory(fixture.Database.ReaderConnectionString))
            Assert.Null(untraced.Services.GetService<TracerProvider>());
        await using var traced = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:1" });
        Assert.Equal(HttpStatusCode.OK, (await traced.CreateClient().GetAsync("/v1/dataset")).StatusCode); // an unreachable collector costs nothing visible
        Assert.NotNull(traced.Services.GetService<TracerProvider>());
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Scrapes until the condition holds: measurements are recorded once responses complete, and scrapes may be cached briefly.</summary>
    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        var text = "";
        await Eventually.TrueAsync(async () => condition(text = await ScrapeAsync()), "the metrics showing the expected values");
        return text;
    }

    /// <summary>The sum over all series of one metric (0 when it has none yet).</summary>
    private static double Value(string text, string metric)
    {
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length <= metric.Length || line[metric.Length] is not ('{' or ' ')) continue;
            var rest = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            sum += double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return sum;
    }

    private sealed record Entry(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Keeps every log line with the values of the scopes it was written in.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, object?>();
                provider.scopes.ForEachScope((scope, dictionary) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (key, value) in pairs) dictionary[key] = value;
                }, values);
                provider.Entries.Enqueue(new Entry(category, formatter(state, exception), values));
            }
        }
    }
}
