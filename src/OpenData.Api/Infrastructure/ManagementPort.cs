using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OpenData.Api.Infrastructure;

/// <summary>Configuration section "Management": where the operations endpoints (health probes, metrics) are served.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// When set, Kestrel also listens on this port, and /health/* and /metrics are answered there only (404 on
    /// the public port), while the API's own endpoints are 404 there. Unset: everything on the public port.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>The interface the management port listens on: "*" (every interface: probes and scrapers come from other hosts) or an address.</summary>
    public string Host { get; set; } = "*";
}

/// <summary>
/// A separate port for the operations endpoints, so that the public port (behind a proxy or an ingress) never
/// exposes metrics, and the probes and the scraper reach the instance directly. The split is decided by the port
/// the connection arrived on, never by the Host header, which any client may set.
/// </summary>
public static class ManagementPort
{
    private static readonly PathString[] OperationsPaths = ["/health", Observability.MetricsPath];

    public static void AddManagementPort(this WebApplicationBuilder builder)
    {
        var publicUrls = PublicUrls(builder.Configuration);
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.Section)
            .Validate(o => o.Port is null or (> 0 and <= 65535), "Management:Port must be a TCP port (1-65535)")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Management:Host must be \"*\" or an address")
            .Validate(o => o.Port is null || !publicUrls.Any(url => BindingAddress.Parse(url).Port == o.Port),
                $"Management:Port must differ from the API's own port ({string.Join(";", publicUrls)})")
            .ValidateOnStart();

        // Kestrel's addresses are fixed before the container is built, so the port is read here; the options above
        // report invalid values at start, this only skips them.
        var options = builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>();
        if (options?.Port is not (> 0 and <= 65535) || string.IsNullOrWhiteSpace(options.Host)) return; // unset, or reported at start
        var host = options.Host.Contains(':') && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host; // an IPv6 address
        var managementUrl = $"http://{host}:{options.Port}";
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            builder.Configuration["Kestrel:Endpoints:Management:Url"] = managementUrl; // Kestrel then ignores "urls"
        else
        {
            builder.WebHost.UseUrls([.. publicUrls, managementUrl]);
            // Now part of the urls: cleared so that the host does not warn that the urls override them.
            builder.WebHost.UseSetting("http_ports", "").UseSetting("https_ports", "");
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ManagementPortPolicy>());
    }

    /// <summary>Where Kestrel would listen without a management port: urls (--urls, ASPNETCORE_URLS), else HTTP_PORTS/HTTPS_PORTS, else its default.</summary>
    private static string[] PublicUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls) return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] Ports(string key, string scheme) => (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(port => $"{scheme}://*:{port}").ToArray();
        string[] ports = [.. Ports("http_ports", "http"), .. Ports("https_ports", "https")];
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>Whether the request arrived on the management port (only the operations endpoints answer there).</summary>
    internal static bool Received(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ManagementOptions>>().Value.Port is { } port && context.Connection.LocalPort == port;

    internal static bool IsOperationsEndpoint(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
        && OperationsPaths.Any(path => new PathString("/" + pattern.TrimStart('/')).StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Leaves the operations endpoints only on the management port, and every other endpoint only off it.</summary>
    private sealed class ManagementPortPolicy(IOptions<ManagementOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
    {
        public override int Order => 0;

        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
        {
            var onManagementPort = httpContext.Connection.LocalPort == options.Value.Port;
            for (var i = 0; i < candidates.Count; i++)
                if (candidates.IsValidCandidate(i) && IsOperationsEndpoint(candidates[i].Endpoint) != onManagementPort)
                    candidates.SetValidity(i, false);
            return Task.CompletedTask;
        }
    }
}
