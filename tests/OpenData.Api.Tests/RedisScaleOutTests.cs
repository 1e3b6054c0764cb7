using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.Infrastructure;
using OpenData.Testing;
using static OpenData.Api.Tests.RateLimitingTests;

namespace OpenData.Api.Tests;

/// <summary>
/// Two API instances on one database and one real redis-server (started here, on a free port, without
/// persistence): the combined quota holds across both, an answer cached by one serves the other, an import
/// evicts on both; Redis stopped mid-test leaves both answering (no 5xx, no hang), and sharing resumes when
/// it is back.
/// </summary>
public sealed class RedisScaleOutTests : IAsyncLifetime
{
    private const int Limit = 8;
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(5);
    private readonly RedisServer redis = new();
    private TestDatabase database = null!;
    private WebApplicationFactory<Program> first = null!, second = null!;
    private HttpClient a = null!, b = null!;

    public async Task InitializeAsync()
    {
        await redis.StartAsync();
        database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 7));
        first = Instance();
        second = Instance();
        a = first.CreateClient();
        b = second.CreateClient();
        a.Timeout = b.Timeout = RequestBound; // with Redis down, a request must not wait for it
        // The instances connect to Redis in the background: until then they count in memory, which is what
        // the outage test checks, not these.
        await Eventually.TrueAsync(() => Connected(first) && Connected(second), "both instances connected to Redis");
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
        redis.Dispose();
    }

    private WebApplicationFactory<Program> Instance() => WithPeerHeader(new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string>
    {
        ["ConnectionStrings:Redis"] = redis.Configuration,
        ["RateLimiting:Anonymous:PermitLimit"] = Limit.ToString(),
        ["RateLimiting:Anonymous:WindowSeconds"] = "600",
        ["Dataset:PollSeconds"] = "0.2",
    }));

    [Fact]
    public async Task With_tracing_on_redis_commands_are_spans()
    {
        var spans = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name.Contains("StackExchangeRedis", StringComparison.Ordinal),
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans.Add(activity.DisplayName),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var traced = WithPeerHeader(new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.Configuration,
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:1", // tracing on; the collector need not answer
        }));
        var client = traced.CreateClient();
        // A quota check (EVAL) and an output-cache read per request, once the instance has connected to Redis.
        await Eventually.TrueAsync(async () => { await Get(client, "/v1/themes", "10.5.0.9"); return !spans.IsEmpty; }, "a span of a Redis command");
    }

    [Fact]
    public async Task The_quota_is_shared_by_both_instances()
    {
        await AssertCombinedQuotaAsync("10.5.0.1");
    }

    [Fact]
    public async Task An_answer_cached_by_one_instance_serves_the_other()
    {
        var miss = await Get(a, "/v1/questions?limit=7", "10.5.0.2");
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Null(miss.Headers.Age);
        var hit = await Get(b, "/v1/questions?limit=7", "10.5.0.2");
        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.NotNull(hit.Headers.Age); // served from the shared output cache: instance b never ran the query
        Assert.Equal(await miss.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        Assert.Equal(miss.Headers.ETag, hit.Headers.ETag);
    }

    [Fact]
    public async Task An_import_evicts_on_both_instances()
    {
        var before = new[] { await Get(a, "/v1/questions?limit=1", "10.5.0.3"), await Get(b, "/v1/questions?limit=1", "10.5.0.3") };
        Assert.NotNull(before[1].Headers.Age);
        var beforeBody = await before[0].Content.ReadAsStringAsync();
        Assert.Contains("\"total\":300", beforeBody);

        await IngestTool.ImportAsync(database, SourceFiles.Generated(400, seed: 8));
        foreach (var (client, name) in new[] { (a, "a"), (b, "b") })
        {
            HttpResponseMessage after = before[0];
            await Eventually.TrueAsync(async () => (after = await Get(client, "/v1/questions?limit=1", "10.5.0.4")).Headers.ETag?.ToString() != before[0].Headers.ETag?.ToString(),
                $"instance {name} serving the new dataset");
            Assert.Contains("\"total\":400", await after.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Both_instances_keep_serving_while_redis_is_down_and_share_again_when_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await Get(a, "/v1/questions?limit=3", "10.5.0.5")).StatusCode); // cached in Redis
        redis.Stop();

        foreach (var url in new[] { "/v1/questions?limit=3", "/v1/dataset", "/v1/questions?limit=4" })
            foreach (var client in new[] { a, b })
            {
                var response = await Get(client, url, "10.5.0.6"); // the clients' timeout (RequestBound) is the bound against hanging
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Null(response.Headers.Age); // the cache misses: answered from PostgreSQL
                Assert.Equal(Limit.ToString(), Header(response, "RateLimit-Limit"));
            }
        // Each instance still limits, with its own counter while Redis is away: 3 requests each so far, two of them
        // pages that also paid a permit for their rows.
        Assert.Equal((Limit - 6).ToString(), Header(await Get(a, "/v1/dataset", "10.5.0.6"), "RateLimit-Remaining"));

        await redis.StartAsync();
        await Eventually.TrueAsync(() => Connected(first) && Connected(second), "both instances reconnected to Redis");
        await AssertCombinedQuotaAsync("10.5.0.7");

        // The output cache is shared again.
        Assert.Null((await Get(a, "/v1/questions?limit=5", "10.5.0.8")).Headers.Age);
        Assert.NotNull((await Get(b, "/v1/questions?limit=5", "10.5.0.8")).Headers.Age);
    }

    /// <summary>Requests from one client alternate between the instances: one count, then 429 on both.</summary>
    private async Task AssertCombinedQuotaAsync(string peer)
    {
        for (var i = 1; i <= Limit; i++)
        {
            var response = await Get(i % 2 == 0 ? b : a, "/v1/dataset", peer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal((Limit - i).ToString(), Header(response, "RateLimit-Remaining"));
        }
        foreach (var client in new[] { a, b })
        {
            var rejected = await Get(client, "/v1/dataset", peer);
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
            Assert.Equal("0", Header(rejected, "RateLimit-Remaining"));
            Assert.InRange(rejected.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        }
    }

    private static bool Connected(WebApplicationFactory<Program> instance) => instance.Services.GetRequiredService<RedisConnection>().IsConnected;

    /// <summary>A redis-server process of the test's own (never a system service), without persistence.</summary>
    private sealed class RedisServer : IDisposable
    {
        private readonly int port = FreePort();
        private Process? process;

        public string Configuration => $"127.0.0.1:{port}";

        public async Task StartAsync()
        {
            process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("cannot start redis-server (apt-get install redis-server)");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"redis-server exited with {process.ExitCode}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            }, "redis-server to listen", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        }

        public void Stop()
        {
            if (process is null) return;
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
            process.Dispose();
            process = null;
        }

        public void Dispose() => Stop();

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
