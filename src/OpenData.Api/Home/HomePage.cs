using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using OpenData.Api.Infrastructure;
using OpenData.Data.Datasets;

namespace OpenData.Api.Home;

/// <summary>
/// The home page at / (French and English), its script and style, and the favicon: files of this folder embedded
/// in the assembly, so that the API serves them wherever it runs (nothing from a CDN, nothing third-party). The page
/// reads everything it shows from the API itself. favicon.ico holds favicon.svg drawn at 16 and 32 pixels.
/// </summary>
public static class HomePage
{
    /// <summary>Only this server's own files and API: no inline script or style, nothing from elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, Asset> Assets = new()
    {
        ["/"] = Load("index.html", "text/html; charset=utf-8", maxAge: 60),
        ["/home/home.js"] = Load("home.js", "text/javascript; charset=utf-8"),
        ["/home/home.css"] = Load("home.css", "text/css; charset=utf-8"),
        ["/favicon.svg"] = Load("favicon.svg", "image/svg+xml"),
        ["/favicon.ico"] = Load("favicon.ico", "image/x-icon"),
    };

    /// <summary>The paths of the page and its files.</summary>
    public static IEnumerable<string> Paths => Assets.Keys;

    /// <summary>Whether a path is one of the page's files (they run no query and cost no quota).</summary>
    public static bool Serves(PathString path) => path.Value is { } value && Assets.ContainsKey(value);

    public static void MapHomePage(this IEndpointRouteBuilder app)
    {
        foreach (var (path, asset) in Assets.Where(a => a.Key != "/"))
            app.MapGet(path, (HttpContext http) => Serve(http, asset)).ExcludeFromDescription();
        var described = new Described(); // this application's: another one in the process (a test's) has its own dataset
        app.MapGet("/", async (HttpContext http, DatasetState state, DatasetQueries queries, CancellationToken cancellationToken) =>
            Serve(http, WithDataset(Assets["/"], await described.GetAsync(state, queries, cancellationToken), Features.Catalog.CatalogApi.BaseUrl(http))))
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, Asset asset)
    {
        http.Response.Headers.CacheControl = $"public, max-age={asset.MaxAge}";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    /// <summary>The serving dataset, read once per version (the page costs no quota: it must not query at each request).</summary>
    private sealed class Described
    {
        private volatile DatasetInfo? known;

        /// <summary>The serving dataset; null when there is none or it cannot be read.</summary>
        public async Task<DatasetInfo?> GetAsync(DatasetState state, DatasetQueries queries, CancellationToken cancellationToken)
        {
            try
            {
                var version = (await state.GetAsync(cancellationToken))?.Version;
                if (version is null) return null;
                if (known is { } dataset && dataset.Version == version) return dataset;
                return known = await queries.GetCurrentAsync(cancellationToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                return null; // the page still loads; its script says the dataset could not be read
            }
        }
    }

    /// <summary>The page with the dataset's schema.org description in its head (for search engines), when there is a dataset.</summary>
    private static Asset WithDataset(Asset page, DatasetInfo? dataset, string api)
    {
        if (dataset is null) return page;
        // The serializer escapes <, > and & in strings: nothing in the JSON can end the script element.
        var json = Features.Catalog.CatalogDocument.SchemaOrg(dataset, api).ToJsonString();
        var content = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(page.Content)
            .Replace(DatasetMarker, $"<script type=\"application/ld+json\">{json}</script>", StringComparison.Ordinal));
        return page with { Content = content, ETag = ETagOf(content) };
    }

    private const string DatasetMarker = "<!--dataset-->";

    private static EntityTagHeaderValue ETagOf(byte[] content) => new($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag, int MaxAge);

    private static Asset Load(string name, string contentType, int maxAge = 3600)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Home/{name}")
            ?? throw new InvalidOperationException($"Home/{name} is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new Asset(content, contentType, ETagOf(content), maxAge);
    }
}
