using System.Net;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// Management:Port, on the real server: the health probes and metrics answer there and nowhere else, the API
/// answers on its own port and not there, whether the public port comes from --urls or from HTTP_PORTS (as in
/// the container image).
/// </summary>
public sealed class ManagementPortTests(SmallDataset dataset) : IClassFixture<SmallDataset>
{
    private static readonly string[] OperationsPaths = ["/health/live", "/health/ready", "/metrics"];

    [Theory]
    [InlineData("urls")]
    [InlineData("http_ports")]
    public async Task Health_and_metrics_answer_on_the_management_port_only(string publicPortFrom)
    {
        int port = ApiProcess.FreePort(), management = ApiProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__OpenData"] = dataset.Database.ReaderConnectionString,
            ["Management__Port"] = management.ToString(),
            ["Management__Host"] = "127.0.0.1",
            ["RateLimiting__Anonymous__PermitLimit"] = "5",
            // Permits are counted exactly: a request slowed by the loaded machine is not billed its time.
            ["RateLimiting__BillBeyondMilliseconds"] = "60000",
        };
        var arguments = "";
        if (publicPortFrom == "urls") arguments = $"--urls http://127.0.0.1:{port}";
        else environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        using var api = ApiProcess.Start(arguments, environment);
        var publicUrl = $"http://127.0.0.1:{port}";
        var managementUrl = $"http://127.0.0.1:{management}";
        await api.WaitUntilAnsweringAsync($"{managementUrl}/health/live");
        using var http = new HttpClient();

        foreach (var path in OperationsPaths)
        {
            var there = await http.GetAsync(managementUrl + path);
            Assert.Equal(HttpStatusCode.OK, there.StatusCode);
            var here = await http.GetAsync(publicUrl + path);
            Assert.Equal(HttpStatusCode.NotFound, here.StatusCode);
            Assert.Equal("application/problem+json", here.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("http_server_request_duration_seconds", await http.GetStringAsync($"{managementUrl}/metrics"));
        Assert.Contains("Healthy", await http.GetStringAsync($"{managementUrl}/health/ready"));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{publicUrl}/v1/dataset")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{publicUrl}/v1/questions?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{managementUrl}/v1/dataset")).StatusCode);

        // The split follows the socket's port, not the Host header a client sends.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"{publicUrl}/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{management}";
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed)).StatusCode);

        // The management port is not public: its scrapes and probes take nothing from any quota, and answer when the
        // same address has no permit left on the public port.
        while ((await http.GetAsync($"{publicUrl}/v1/dataset")).StatusCode != HttpStatusCode.TooManyRequests) { }
        for (var i = 0; i < 20; i++)
            foreach (var path in OperationsPaths)
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(managementUrl + path)).StatusCode);
    }

    [Fact]
    public async Task Without_a_management_port_health_and_metrics_stay_on_the_public_port()
    {
        var port = ApiProcess.FreePort();
        using var api = ApiProcess.Start($"--urls http://127.0.0.1:{port}",
            new Dictionary<string, string> { ["ConnectionStrings__OpenData"] = dataset.Database.ReaderConnectionString });
        await api.WaitUntilAnsweringAsync($"http://127.0.0.1:{port}/health/live");
        using var http = new HttpClient();
        foreach (var path in OperationsPaths.Append("/v1/dataset"))
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}{path}")).StatusCode);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("70000")]
    public void A_management_port_that_cannot_work_stops_the_start_with_its_reason(string value)
    {
        var port = ApiProcess.FreePort();
        using var api = ApiProcess.Start($"--urls http://127.0.0.1:{port}", new Dictionary<string, string>
        {
            ["ConnectionStrings__OpenData"] = dataset.Database.ReaderConnectionString,
            ["Management__Port"] = value == "same" ? port.ToString() : value,
        });
        Assert.True(api.WaitForExit(TimeSpan.FromSeconds(30)), "the API started anyway");
        Assert.NotEqual(0, api.ExitCode);
        Assert.Contains(value == "same" ? "Management:Port must differ from the API's own port" : "Management:Port must be a TCP port", api.Output);
    }
}
