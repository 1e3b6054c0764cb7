using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenData.Api.Tests;

/// <summary>The built API (OpenData.Api.dll) as a process of its own, on real Kestrel sockets; killed when disposed.</summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient? client;

    /// <summary>The API on a free port of its own, reading <paramref name="connectionString"/>, its quota lifted unless <paramref name="environment"/> sets it.</summary>
    public ApiProcess(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        Port = FreePort();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__OpenData"] = connectionString,
            ["RateLimiting__Anonymous__PermitLimit"] = "1000000",
            // As ApiFactory: prices asserted exactly are not billed for a batch slowed by the loaded machine.
            ["RateLimiting__BillBeyondMilliseconds"] = "60000",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) settings[name] = value;
        process = Launch($"--urls http://127.0.0.1:{Port}", settings);
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    // Its parameters in the other order than the public constructor's, whose types are the same.
    private ApiProcess(IReadOnlyDictionary<string, string> environment, string arguments) => process = Launch(arguments, environment);

    /// <summary>Starts the API with exactly these arguments and environment (the connection string included by the caller).</summary>
    public static ApiProcess Start(string arguments, IReadOnlyDictionary<string, string> environment) => new(environment, arguments);

    /// <summary>The port of an API started by the constructor.</summary>
    public int Port { get; }

    /// <summary>A client of an API started by the constructor.</summary>
    public HttpClient Client => client ?? throw new InvalidOperationException("started with its own arguments: no client");

    public int Id => process.Id;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Waits for the process to end and, if it did, for the last of its output to be read.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        process.WaitForExit(); // with a timeout, the asynchronous output readers may not be done yet
        return true;
    }

    /// <summary>Waits until the process answers its liveness probe.</summary>
    public async Task<ApiProcess> StartedAsync()
    {
        await WaitUntilAnsweringAsync($"http://127.0.0.1:{Port}/health/live");
        return this;
    }

    /// <summary>Waits until the URL answers (any status), or fails with the process's output.</summary>
    public async Task WaitUntilAnsweringAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"the API exited with {process.ExitCode}:\n{Output}");
                try
                {
                    await http.GetAsync(url);
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, $"{url} to answer", every: TimeSpan.FromMilliseconds(200));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{Output}");
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        client?.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    private Process Launch(string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "OpenData.Api.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Management__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name); // only what the test says
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var started = Process.Start(start)!;
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
