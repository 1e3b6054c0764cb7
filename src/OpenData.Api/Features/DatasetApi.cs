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
        var dataset = await queries.GetCurrentAsync(cancellationToken);
        if (dataset is null)
            throw ApiProblemException.NoDataset();
        return TypedResults.Ok(DatasetResponse.From(dataset));
    }
}

/// <summary>The dataset being served.</summary>
/// <param name="Version">Increases with every import; ETags derive from it.</param>
/// <param name="ImportedAt">When the import landed (UTC).</param>
/// <param name="AsOf">The date of the newest publication in the source (a question or an answer in the Journal officiel): the day the data speaks for, at which a question still awaiting an answer has waited so far. Null before the first question.</param>
/// <param name="ContentHash">SHA-256 over the source files' checksums: equal for imports of the same files.</param>
/// <param name="Sources">The files the dataset was imported from.</param>
/// <param name="RowCounts">Rows per resource.</param>
/// <param name="UnknownAuthors">Questions whose author is missing from the senators file (served with the author as named in the question).</param>
/// <param name="Notices">What the importer noticed in the source files (skipped rows, unknown labels).</param>
/// <param name="Generated">True for synthetic data written by <c>opendata-ingest generate</c>: not the Senate's data, but for its one real question (SEQ240611950); licence and source are then null.</param>
/// <param name="Description">What the data is, in a sentence.</param>
/// <param name="Licence">Licence of the data; null for generated data.</param>
/// <param name="Source">Where the Senate publishes the files; null for generated data.</param>
/// <param name="Downloads">The dataset as bulk files, Parquet and gzipped CSV for each table, with their rows, bytes and SHA-256 (empty for a dataset imported before they were written).</param>
/// <param name="Links">Links to related API resources.</param>
public sealed record DatasetResponse(
    long Version,
    DateTime ImportedAt,
    DateOnly? AsOf,
    string ContentHash,
    IReadOnlyList<DatasetSource> Sources,
    IReadOnlyDictionary<string, long> RowCounts,
    int UnknownAuthors,
    IReadOnlyList<string> Notices,
    bool Generated,
    string Description,
    LicenceInfo? Licence,
    string? Source,
    IReadOnlyList<DownloadLink> Downloads,
    SelfLink Links)
{
    public static DatasetResponse From(DatasetInfo d) => new(
        d.Version, d.ImportedAt, d.AsOf, d.ContentHash, d.Sources, d.RowCounts, d.UnknownAuthors, d.Notices, d.Generated,
        d.Generated
            ? "Generated data: synthetic questions, answers, senators and ministries written by opendata-ingest generate in the Senate's formats, " +
              "but for one real question, SEQ240611950, as the Senate published it (Sénat, data.senat.fr, Licence Ouverte 2.0)."
            : "The Senate's parliamentary questions to the government, as published on data.senat.fr.",
        d.Licence is { } licence ? new LicenceInfo(licence, d.LicenceUrl ?? "") : null, d.SourceUrl,
        [.. d.Downloads.Select(f => new DownloadLink(f.Table, f.Format, OpenData.Data.Datasets.DownloadAddress.Of(d.Version, f.Name), f.Bytes, f.Rows, f.Sha256))],
        new SelfLink("/v1/dataset"));
}

/// <summary>A bulk file of the dataset.</summary>
/// <param name="Table">questions, answers, senators or ministries.</param>
/// <param name="Format">parquet (typed columns, dates as dates, Zstandard) or csv.gz (RFC 4180, UTF-8, a header line, gzipped).</param>
/// <param name="Url">Where it is served (GET, ranges accepted, cached for a year).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Rows">Rows of the table it holds.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex (also its ETag).</param>
public sealed record DownloadLink(string Table, string Format, string Url, long Bytes, long Rows, string Sha256);

/// <summary>A licence: its name and where its text is.</summary>
/// <param name="Name">Name of the licence.</param>
/// <param name="Url">Where its text is.</param>
public sealed record LicenceInfo(string Name, string Url);
