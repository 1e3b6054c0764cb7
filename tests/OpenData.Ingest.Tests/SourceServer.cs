using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace OpenData.Ingest.Tests;

/// <summary>
/// A real HTTP server on a free loopback port, standing in for data.senat.fr: it serves the files put in it with an
/// ETag and a Last-Modified, answers conditional requests with 304, and can cut the connection halfway through a file.
/// It logs every answer (path and status).
/// </summary>
public sealed class SourceServer : IDisposable
{
    private sealed record Served(byte[] Content, string ETag, DateTimeOffset LastModified, bool CutMidway, bool Chunked = false, string? RedirectTo = null);

    private readonly Dictionary<string, Served> files = [];
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly Lock gate = new();

    public SourceServer()
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(BaseUrl);
            try
            {
                listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Prefixes.Clear();
            }
        }
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }
    public List<(string Path, int Status)> Log { get; } = [];

    public string Url(string name) => BaseUrl + name;

    /// <summary>Serves <paramref name="content"/> as <paramref name="name"/>, with a new ETag and Last-Modified when it differs.</summary>
    public void Put(string name, byte[] content, DateTimeOffset lastModified, bool cutMidway = false)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
        lock (gate) files[name] = new Served(content, etag, lastModified, cutMidway);
    }

    public void PutFile(string name, string path, DateTimeOffset lastModified) => Put(name, File.ReadAllBytes(path), lastModified);

    /// <summary>Serves <paramref name="content"/> without announcing its length (chunked), as an endless body would come.</summary>
    public void PutChunked(string name, byte[] content)
    {
        lock (gate) files[name] = new Served(content, "\"chunked\"", DateTimeOffset.UtcNow, false, Chunked: true);
    }

    /// <summary>Answers <paramref name="name"/> with a 302 to <paramref name="location"/>.</summary>
    public void PutRedirect(string name, string location)
    {
        lock (gate) files[name] = new Served([], "\"redirect\"", DateTimeOffset.UtcNow, false, RedirectTo: location);
    }

    public List<(string Path, int Status)> TakeLog()
    {
        lock (gate)
        {
            var log = Log.ToList();
            Log.Clear();
            return log;
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var response = context.Response;
        Served? file;
        lock (gate) file = files.GetValueOrDefault(path);
        var status = file is null ? 404 : file.RedirectTo is not null ? 302 : context.Request.Headers["If-None-Match"] == file.ETag ? 304 : 200;
        lock (gate) Log.Add((path, status));
        response.StatusCode = status;
        if (file?.RedirectTo is { } location) response.RedirectLocation = location;
        if (file is null || status is 302 or 304)
        {
            response.Close();
            return;
        }
        response.Headers["ETag"] = file.ETag;
        response.Headers["Last-Modified"] = file.LastModified.ToString("R");
        if (file.Chunked) response.SendChunked = true;
        else response.ContentLength64 = file.Content.Length;
        try
        {
            if (file.CutMidway)
            {
                await response.OutputStream.WriteAsync(file.Content.AsMemory(0, file.Content.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort(); // the connection drops with half the announced bytes sent
                return;
            }
            await response.OutputStream.WriteAsync(file.Content);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // the client went away
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
