using Microsoft.OpenApi;

namespace OpenData.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and Swagger UI at /swagger, both served from the app itself. The document
/// is built once per process (it depends on nothing but the code) and served from memory with an ETag, Cache-Control
/// and 304s: Swashbuckle would build it again for every request (~30 ms of CPU each).
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";

    public static void AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OpenData.Api — questions to the French government from the Senate",
                Version = "v1",
                Description = "Read-only API over the French Senate's written and oral questions to the government, their answers, " +
                    "the senators who asked them and the ministries they were addressed to. The data is the Senate's (data.senat.fr, " +
                    "Licence Ouverte / Open Licence 2.0) when GET /v1/dataset says generated: false; a server loaded with generated data " +
                    "(generated: true, licence and source null) serves synthetic questions in the same shapes, which are not the Senate's.",
                License = new OpenApiLicense { Name = "The Senate's data: Licence Ouverte / Open Licence 2.0 (Etalab); generated data has none (see /v1/dataset)", Url = new Uri("https://www.etalab.gouv.fr/licence-ouverte-open-licence/") },
                Contact = new OpenApiContact { Name = "OpenData.Api maintainers", Email = null },
            });
            options.DocInclusionPredicate((_, api) => api.HttpMethod != HttpMethods.Head); // HEAD is GET without the body
            options.UseAllOfToExtendReferenceSchemas(); // keeps the description of properties whose type is another schema
            options.SupportNonNullableReferenceTypes();
            options.OperationFilter<OpenData.Api.Rest.ParameterDocumentation>();
            options.SchemaFilter<OpenData.Api.Rest.RequiredProperties>();
            options.OperationFilter<OpenData.Api.Rest.ResponseDocumentation>();
            options.DocumentFilter<OpenData.Api.Rest.RepresentationSchemas>(); // before the description's pass over every schema
            options.DocumentFilter<OpenData.Api.Rest.DocumentDescription>();
            foreach (var assembly in new[] { "OpenData.Api", "OpenData.Data" })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, $"{assembly}.xml");
                if (File.Exists(xml)) options.IncludeXmlComments(xml);
            }
        });
    }

    public static void MapApiDocumentation(this WebApplication app)
    {
        var document = new BuiltOnce();
        app.Use((http, next) => http.Request.Path == DocumentPath && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            ? document.ServeAsync(http, next)
            : next(http));
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint(DocumentPath, "OpenData.Api v1");
            options.DocumentTitle = "OpenData.Api";
            // Bodies shown as plain text: colouring a page of 200 questions kept the browser busy for seconds, and colouring
            // each operation's examples as it opens took a third of Swagger UI's CPU over a try-out of every operation.
            options.ConfigObject.AdditionalItems["syntaxHighlight"] = new Dictionary<string, object> { ["activated"] = false };
            options.EnableTryItOutByDefault(); // each operation's parameters editable and its Execute button shown when opened
        });
    }
}

/// <summary>
/// The document as Swashbuckle writes it the first time, kept and served from then on, its server URL the absolute URL
/// of the request (scheme and host, from a trusted proxy's X-Forwarded-Proto and Host): spliced into the kept bytes,
/// never serialized again, whatever Host a caller sends. Each URL has an ETag of its own.
/// </summary>
internal sealed class BuiltOnce
{
    private readonly SemaphoreSlim building = new(1, 1);
    private Built? built;

    private sealed record Built(byte[] Before, byte[] After, string ContentType, string Hash);

    public async Task ServeAsync(HttpContext http, RequestDelegate next)
    {
        var document = built ?? await BuildAsync(http, next);
        if (document is null) return; // Swashbuckle answered something else (an error): passed on as it was
        var server = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonEncodedText.Encode(
            Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/')).ToString());
        var etag = $"\"{document.Hash}-{Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(server))}\"";
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.Vary = "Host, X-Forwarded-Proto";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        http.Response.ContentType = document.ContentType;
        http.Response.ContentLength = document.Before.Length + server.Length + document.After.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.Body.WriteAsync(document.Before, http.RequestAborted);
        await http.Response.Body.WriteAsync(server, http.RequestAborted);
        await http.Response.Body.WriteAsync(document.After, http.RequestAborted);
    }

    private async Task<Built?> BuildAsync(HttpContext http, RequestDelegate next)
    {
        await building.WaitAsync(http.RequestAborted);
        try
        {
            if (built is { } done) return done;
            var original = http.Response.Body;
            using var captured = new MemoryStream();
            http.Response.Body = captured;
            try
            {
                await next(http);
            }
            finally
            {
                http.Response.Body = original;
            }
            if (http.Response.StatusCode != StatusCodes.Status200OK || captured.Length == 0)
            {
                captured.Position = 0;
                await captured.CopyToAsync(original, http.RequestAborted);
                return null;
            }
            var body = captured.ToArray();
            var placeholder = System.Text.Encoding.UTF8.GetBytes(Rest.DocumentDescription.ServerUrlPlaceholder);
            var at = body.AsSpan().IndexOf(placeholder);
            if (at < 0 || body.AsSpan(at + placeholder.Length).IndexOf(placeholder) >= 0)
                throw new InvalidOperationException("the OpenAPI document must hold its server URL placeholder exactly once");
            built = new Built(body[..at], body[(at + placeholder.Length)..], http.Response.ContentType ?? "application/json; charset=utf-8",
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..24]);
            return built;
        }
        finally
        {
            building.Release();
        }
    }
}
