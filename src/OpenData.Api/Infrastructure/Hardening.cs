using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace OpenData.Api.Infrastructure;

/// <summary>Configuration section "Limits": the largest request Kestrel accepts.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>GraphQL documents; REST takes no body.</summary>
    [Range(1, int.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    [Range(1, int.MaxValue)]
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;
}

/// <summary>The setting "ShutdownSeconds", at the root of the configuration: how long in-flight requests may finish once the process is stopped.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "";

    [Range(0, 3600)]
    public int ShutdownSeconds { get; set; } = 20;
}

/// <summary>
/// Limits on what a request may be, and headers that stop browsers from doing anything but reading the
/// data: a public API is probed and fuzzed by everyone.
/// </summary>
public static class Hardening
{
    /// <summary>Pages served to browsers (Swagger UI, GraphiQL) run their own scripts; everything else is data.</summary>
    private static readonly string[] BrowserPages = ["/swagger", "/graphql"];

    public static void AddHardening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, options) =>
        {
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
            limits.MaxRequestLineSize = options.Value.MaxRequestLineBytes;
            limits.MaxRequestHeadersTotalSize = options.Value.MaxRequestHeadersBytes;
            limits.MaxRequestHeaderCount = 64;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            // No "Server: Kestrel": what the server runs on is nobody's business, and 15 bytes of every answer.
            kestrel.AddServerHeader = false;
        });
        // Graceful shutdown: in-flight requests get this long to finish when the process is stopped.
        builder.Services.AddOptions<ShutdownOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, options) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(options.Value.ShutdownSeconds));
    }

    public static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            // Set when the response starts, so that error responses (whose headers are cleared) get them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Resource-Policy"] = "cross-origin"; // public data: any site may load it
                if (Home.HomePage.Serves(context.Request.Path))
                    headers.ContentSecurityPolicy = Home.HomePage.ContentSecurityPolicy;
                else if (!BrowserPages.Any(page => context.Request.Path.StartsWithSegments(page)) || IsApiCall(context.Request))
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                return Task.CompletedTask;
            });
            return next(context);
        });

    // POST /graphql and GET /graphql?query=… are API calls, not the IDE page.
    private static bool IsApiCall(HttpRequest request) =>
        request.Path.StartsWithSegments("/graphql") && (HttpMethods.IsPost(request.Method) || request.Query.ContainsKey("query") || request.Query.ContainsKey("extensions"));
}
