using OpenData.Api.Rest;
using OpenData.Data.Datasets;

namespace OpenData.Api.Features;

public static class DatasetApi
{
    public static void MapDatasetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/dataset", GetDatasetAsync)
            .WithName("GetDataset")
            .WithTags("Dataset")
            .WithSummary("The dataset being served")
            .WithDescription("Version, import time, the source files with their SHA-256 checksums, row counts and licence of the data the API serves. The version changes with every import.")
            .WithParameters([])
            .ProducesResource<DatasetResponse>(notFound: false);
    }

    private static async Task<IResult> GetDatasetAsync(HttpContext http, DatasetQueries queries, CancellationToken cancellationToken)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        var dataset = await queries.JsonCurrentAsync(cancellationToken) ?? throw ApiProblemException.NoDataset();
        return TypedResults.Ok(dataset);
    }
}

/// <summary>The schema of <c>DatasetRepresentations.Dataset</c> (made from it by Rest.RepresentationSchemas).</summary>
public sealed class DatasetResponse;
