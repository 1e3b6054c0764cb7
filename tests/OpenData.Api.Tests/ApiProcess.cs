using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenData.Api.Tests;

/// <summary>The built API (OpenData.Api.dll) as a process of its own, on real Kestrel sockets.</summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ApiProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the API with these arguments and environment (the read-only role's connection string included by the caller).</summary>
    public static ApiProcess Start(string arguments, IReadOnlyDictionary<string, string> environment)
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
        return new ApiProcess(Process.Start(start)!);
    }

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

    /// <summary>Waits until the URL answers (any status), or fails with the process's output.</summary>
    public async Task WaitUntilAnsweringAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"the API exited with {process.ExitCode}:\n{Output}");
            try
            {
                await http.GetAsync(url);
                return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not answer within 30 s:\n{Output}");
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
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
