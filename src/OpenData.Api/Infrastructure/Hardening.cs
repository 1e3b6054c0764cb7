namespace OpenData.Api.Infrastructure;

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
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 64 * 1024L); // GraphQL documents; REST takes none
            limits.MaxRequestLineSize = builder.Configuration.GetValue("Limits:MaxRequestLineBytes", 8 * 1024);
            limits.MaxRequestHeadersTotalSize = builder.Configuration.GetValue("Limits:MaxRequestHeadersBytes", 16 * 1024);
            limits.MaxRequestHeaderCount = 64;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
        });
        // Graceful shutdown: in-flight requests get this long to finish when the process is stopped.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownSeconds", 20)));
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
