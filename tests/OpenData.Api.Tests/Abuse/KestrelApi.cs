using System.Net;
using System.Net.Sockets;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// The API on a real Kestrel socket, with the protection settings of a deployment (the anonymous quota, the
/// per-client share, the export limits), and clients that each come from an address of their own on the
/// loopback network (127.0.0.0/8), as distinct callers would.
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly ApiFactory factory;

    public KestrelApi(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var merged = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            // What ApiFactory lifts for the other tests, put back to the defaults a deployment has.
            ["RateLimiting:Anonymous:PermitLimit"] = "6000",
            ["RateLimiting:Anonymous:WindowSeconds"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) merged[key] = value;
        factory = new ApiFactory(connectionString, merged);
        // The port is chosen here (UseKestrel(0) races with the server's start in WebApplicationFactory).
        factory.UseKestrel();
        factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>A client whose connections come from <paramref name="address"/> (e.g. 127.0.0.2).</summary>
    public HttpClient ClientFrom(string address, TimeSpan? timeout = null)
    {
        var local = IPAddress.Parse(address);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
