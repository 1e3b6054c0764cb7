using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests;

/// <summary>The real API process, stopped with SIGTERM while it is still sending a response: that response completes.</summary>
public sealed class GracefulShutdownTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task Stopping_the_process_lets_an_in_flight_export_finish()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "OpenData.Api.dll")}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__OpenData"] = fixture.Database.ReaderConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__Anonymous__PermitLimit"] = "1000000";
        using var api = Process.Start(start)!;
        _ = api.StandardOutput.ReadToEndAsync();
        _ = api.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if ((await http.GetAsync("/health/live")).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) when (attempt < 100) { }
                await Task.Delay(200);
            }

            // Start a whole-set export and read only its headers: the server is mid-response.
            var response = await http.GetAsync("/v1/questions?format=ndjson", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var expected = long.Parse(response.Headers.GetValues("X-Total-Count").Single());
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(body);
            var firstLine = await reader.ReadLineAsync();

            Process.Start("kill", $"-TERM {api.Id}")!.WaitForExit();
            var lines = firstLine is null ? 0 : 1;
            while (await reader.ReadLineAsync() is { } line)
                if (line.Length > 0) lines++;

            Assert.Equal(expected, lines);
            Assert.True(api.WaitForExit(30_000), "the API did not stop within 30 s of SIGTERM");
            Assert.Equal(0, api.ExitCode);
        }
        finally
        {
            if (!api.HasExited) api.Kill(entireProcessTree: true);
        }
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
