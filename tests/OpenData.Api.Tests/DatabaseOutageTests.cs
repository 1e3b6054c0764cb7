using System.Diagnostics;
using System.Net;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// A PostgreSQL of this test's own, stopped and restarted under a running API: quick 503s with
/// Retry-After while it is down, and recovery without a restart of the API when it is back.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string cluster = Directory.CreateTempSubdirectory("opendata-outage-pg-").FullName;
    private readonly int port = FreePort();
    private string Admin => $"Host=127.0.0.1;Port={port};Username=opendata_owner;Password=opendata_owner;Database=opendata";
    private string Reader => $"Host=127.0.0.1;Port={port};Username=opendata_reader;Password=opendata_reader;Database=opendata;Timeout=2";

    public async Task InitializeAsync()
    {
        await PostgresAsync("start");
        await IngestTool.SucceedAsync(["migrate", "--connection", Admin]);
        await IngestTool.SucceedAsync(["import", "--connection", Admin, .. SourceFiles.Generated(300, seed: 3).ImportArguments]);
    }

    public async Task DisposeAsync()
    {
        await PostgresAsync("stop");
        Directory.Delete(cluster, recursive: true);
    }

    [Fact]
    public async Task The_api_answers_503_while_the_database_is_down_and_recovers_by_itself()
    {
        await using var factory = new ApiFactory(Reader, new Dictionary<string, string> { ["OutputCache:Enabled"] = "false" });
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(15); // a bound against hanging, not a timing
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/questions?limit=1")).StatusCode);

        await PostgresAsync("stop");
        var down = await client.GetAsync("/v1/questions?limit=2"); // the client's timeout is the bound against hanging
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        foreach (var export in new[] { "text/csv", "application/x-ndjson" })
        {
            // A client asking for an export gets the same problem, not an empty 503.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=2&sort=publishedAt");
            request.Headers.Accept.ParseAdd(export);
            var exportDown = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, exportDown.StatusCode);
            Assert.Equal("application/problem+json", exportDown.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":503", await exportDown.Content.ReadAsStringAsync());
            Assert.NotNull(exportDown.Headers.RetryAfter);
        }

        await PostgresAsync("start");
        await Eventually.TrueAsync(async () => (await client.GetAsync("/v1/questions?limit=3")).StatusCode == HttpStatusCode.OK, "the API serving again");
        // Readiness answers from a probe at most a second old: the outage's may still be the last one.
        await Eventually.TrueAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness back");
    }

    private async Task PostgresAsync(string action)
    {
        var script = Path.Combine(ContractTests.RepositoryRoot(), "scripts", "postgres.sh");
        var arguments = action == "start" ? $"\"{script}\" start \"{cluster}\" {port} throwaway" : $"\"{script}\" stop \"{cluster}\"";
        using var process = Process.Start(new ProcessStartInfo("bash", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"postgres.sh {action} failed: {error}");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
