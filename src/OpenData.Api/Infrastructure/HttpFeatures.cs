using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace OpenData.Api.Infrastructure;

/// <summary>CORS for any origin (GET and HEAD, and POST for GraphQL queries; nothing writes), and Brotli/gzip for every text format.</summary>
public static class HttpFeatures
{
    public static readonly string[] ExposedHeaders = ["ETag", "Last-Modified", "Link", "X-Total-Count", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

    public static void AddHttpFeatures(this IServiceCollection services)
    {
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin().WithMethods("GET", "HEAD", "POST").AllowAnyHeader().WithExposedHeaders(ExposedHeaders)));
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // public data, no secrets in responses
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/problem+json", "text/csv", "application/x-ndjson", "application/graphql-response+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    public static void UseHttpFeatures(this WebApplication app) => app.UseCors();

    /// <summary>
    /// Inside the output cache: an answer is compressed once, when rendered, and the cache keeps the compressed
    /// bytes (per Accept-Encoding) instead of compressing them again for every client.
    /// </summary>
    public static void UseCompression(this WebApplication app) => app.UseResponseCompression();
}
