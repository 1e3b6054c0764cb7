using System.Diagnostics;
using System.Net;

namespace OpenData.Api.Tests;

/// <summary>The real API process (the built OpenData.Api.dll) on a free port of its own, stopped when disposed.</summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process process;

    public ApiProcess(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "OpenData.Api.dll")}\" --urls http://127.0.0.1:{Port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__OpenData"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimiting__Anonymous__PermitLimit"] = "1000000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>Waits until the process answers its liveness probe.</summary>
    public async Task<ApiProcess> StartedAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await Client.GetAsync("/health/live")).IsSuccessStatusCode) return this;
            }
            catch (HttpRequestException) when (attempt < 150) { }
            Assert.False(process.HasExited, "the API process exited at start");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
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
