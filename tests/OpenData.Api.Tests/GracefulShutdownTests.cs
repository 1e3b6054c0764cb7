using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests;

/// <summary>The real API process, stopped with SIGTERM while it is still sending a response: that response completes.</summary>
public sealed class GracefulShutdownTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task Stopping_the_process_lets_an_in_flight_export_finish()
    {
        using var api = await new ApiProcess(fixture.Database.ReaderConnectionString).StartedAsync();

        // Start a whole-set export and read only its headers: the server is mid-response.
        var response = await api.Client.GetAsync("/v1/questions?format=ndjson", HttpCompletionOption.ResponseHeadersRead);
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
        Assert.True(api.WaitForExit(TimeSpan.FromSeconds(30)), "the API did not stop within 30 s of SIGTERM");
        Assert.Equal(0, api.ExitCode);
    }
}
