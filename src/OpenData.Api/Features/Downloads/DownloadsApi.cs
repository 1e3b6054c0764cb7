using System.Globalization;
using Microsoft.Net.Http.Headers;
using OpenData.Api.Protection;
using OpenData.Api.Rest;
using OpenData.Data.Datasets;

namespace OpenData.Api.Features.Downloads;

/// <summary>
/// The bulk files of each import (Parquet and gzipped CSV per table), at an address that names the dataset version:
/// what it serves never changes, so it is cached for a year, validated by its checksum, and read in ranges.
/// </summary>
public static class DownloadsApi
{
    public static void MapDownloadsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadAddress.Route, GetAsync)
            .WithName("GetDownload")
            .WithTags("Dataset")
            .WithSummary("A bulk file of a dataset version (Parquet or gzipped CSV)")
            .WithDescription("One table of one dataset version as a file: questions, answers, senators or ministries, as Parquet (typed columns, " +
                "dates as dates, Zstandard) or gzipped CSV (RFC 4180, UTF-8, a header line). GET /v1/dataset lists the serving version's files " +
                "with their rows, bytes and SHA-256; the files of the versions before it stay available for a while (the last three imports). " +
                "A version's file never changes: cached for a year (immutable), its ETag is its checksum, and it is served in ranges (Range: bytes=…). " +
                "latest stands for the serving version. Each request costs 1 permit, plus 10 per MiB chunk it reads (at least one).")
            .WithPathParameter("version", "The dataset version (GET /v1/dataset's version), or latest: the serving version's file (cached for a minute only).", "latest")
            .WithPathParameter("name", "The file: questions.parquet, questions.csv.gz, answers.parquet, answers.csv.gz, senators.parquet, senators.csv.gz, ministries.parquet or ministries.csv.gz.", "questions.parquet")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/vnd.apache.parquet", "application/gzip")
            .Produces(StatusCodes.Status206PartialContent, typeof(byte[]), "application/vnd.apache.parquet", "application/gzip")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetAsync(HttpContext http, string version, string name, DownloadQueries downloads, QuotaCharge charge,
        Infrastructure.DatasetState dataset, CancellationToken cancellationToken)
    {
        new QueryBinder(http.Request.Query, []).ThrowIfInvalid();
        var latest = version == "latest";
        long number;
        if (latest)
            number = (await dataset.GetAsync(cancellationToken))?.Version
                ?? throw ApiProblemException.NoDataset();
        else if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            throw ApiProblemException.BadParameter("version", "a dataset version is a positive integer (GET /v1/dataset's version), or latest");
        var file = await downloads.FindAsync(number, name, cancellationToken)
            ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found",
                $"No file {name} for dataset version {number}: GET /v1/dataset lists the serving version's files (the last three versions' are kept).");
        var accept = http.Request.GetTypedHeaders().Accept;
        if (accept.Count > 0 && !accept.Any(a => a.Quality is not 0 && new MediaTypeHeaderValue(file.MediaType).IsSubsetOf(a)))
            throw new ApiProblemException(StatusCodes.Status406NotAcceptable, "Not acceptable", $"{file.Name} is served as {file.MediaType}.");
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        // A HEAD, or a GET answered 304 (the client has this file), reads no chunk: its request's permit only.
        var readsNothing = HttpMethods.IsHead(http.Request.Method) || http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false));
        if (!readsNothing)
        {
            var (from, to) = RangeOf(http.Request, file.Bytes);
            var chunks = to / file.ChunkBytes - from / file.ChunkBytes + 1; // the chunks the bytes asked for overlap
            await charge.TakeAsync(http, Prices.Download(chunks), string.Create(CultureInfo.InvariantCulture,
                $"This download costs {Prices.Download(chunks) + 1} permits: 1, plus reading {chunks} chunks of 1 MiB."));
        }
        // A version's file never changes; latest changes with the next import.
        http.Response.Headers.CacheControl = latest ? "public, max-age=60" : "public, max-age=31536000, immutable";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"opendata-v{number}-{file.Name}\"";
        return Results.Stream(downloads.Open(file), file.MediaType, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>The bytes a request's single range asks for (the whole file without one, or with one ASP.NET Core will not serve): for its price.</summary>
    private static (long From, long To) RangeOf(HttpRequest request, long length)
    {
        var ranges = request.GetTypedHeaders().Range?.Ranges;
        if (ranges is not { Count: 1 } || length == 0) return (0, Math.Max(0, length - 1));
        var range = ranges.First();
        return range switch
        {
            { From: { } from, To: { } to } => (Math.Min(from, length - 1), Math.Min(to, length - 1)),
            { From: { } from } => (Math.Min(from, length - 1), length - 1),
            { To: { } suffix } => (Math.Max(0, length - suffix), length - 1),
            _ => (0, length - 1),
        };
    }
}
