using Microsoft.AspNetCore.Http.Extensions;
using OpenData.Api.Rest;
using OpenData.Data.Datasets;

namespace OpenData.Api.Features.Catalog;

public static class CatalogApi
{
    /// <summary>The media type of the catalog.</summary>
    public const string JsonLd = "application/ld+json";

    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/catalog", GetCatalogAsync)
            .WithName("GetCatalog")
            .WithTags("Dataset")
            .WithSummary("The dataset as a DCAT-AP catalog (JSON-LD)")
            .WithDescription("A DCAT-AP 3 catalog in JSON-LD for data portals that harvest catalogs: the dataset (title, description, publisher, " +
                "contact point, licence when the data is the Senate's, update frequency, period covered, themes), its distributions (REST JSON, " +
                "GraphQL, CSV) and the API as a dcat:DataService whose endpointDescription is the OpenAPI document. Its context is inline: " +
                "a JSON-LD processor reads it without fetching anything.")
            .WithParameters([])
            .Produces(StatusCodes.Status200OK, typeof(object), JsonLd, "application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetCatalogAsync(HttpContext http, DatasetQueries queries, CancellationToken cancellationToken)
    {
        new QueryBinder(http.Request.Query, []).ThrowIfInvalid();
        var mediaType = MediaType(http.Request);
        var dataset = await queries.GetCurrentAsync(cancellationToken)
            ?? throw ApiProblemException.NoDataset();
        return Results.Text(CatalogDocument.Dcat(dataset, BaseUrl(http)).ToJsonString(), mediaType);
    }

    /// <summary>JSON-LD, or plain JSON for a client that accepts only that; 406 otherwise.</summary>
    private static string MediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return JsonLd;
        foreach (var range in accept.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (range.MatchesAllTypes || range.MediaType == "application/*" || range.MediaType == JsonLd) return JsonLd;
            if (range.MediaType == "application/json") return "application/json";
        }
        throw new ApiProblemException(StatusCodes.Status406NotAcceptable, "Not acceptable", "The catalog is available as application/ld+json (or application/json).");
    }

    /// <summary>The API's absolute base URL as the request reached it.</summary>
    public static string BaseUrl(HttpContext http) => UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/');
}
