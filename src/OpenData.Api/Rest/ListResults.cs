using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using OpenData.Api.Protection;
using OpenData.Data.Paging;
using OpenData.Data.Reading;
using OpenData.Data.Representations;

namespace OpenData.Api.Rest;

/// <summary>Writes lists: a JSON page with its Link header, or a CSV/NDJSON export.</summary>
public static class ListResults
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    /// <summary>
    /// The page size for JSON (default 20, at most 200); null (everything) for exports without a limit. A list without
    /// exports (<paramref name="exportable"/> false: the change feed, Atom feeds) says only what it takes.
    /// </summary>
    public static int? Limit(QueryBinder binder, ResponseFormat format, bool exportable = true)
    {
        var limit = binder.Integer(ApiParameter.Limit with { Minimum = null });
        if (!exportable && limit is < 1 or > MaxLimit)
            binder.Fail(ApiParameter.Limit.Name, $"must be between 1 and {MaxLimit}");
        else if (format == ResponseFormat.Json && limit is < 1 or > MaxLimit)
            binder.Fail(ApiParameter.Limit.Name, $"must be between 1 and {MaxLimit} for JSON; CSV and NDJSON exports take any limit of at least 1");
        else if (limit < 1)
            binder.Fail(ApiParameter.Limit.Name, $"must be at least 1 (no maximum for CSV and NDJSON exports; 1 to {MaxLimit} for JSON)");
        return limit ?? (format == ResponseFormat.Json ? DefaultLimit : null);
    }

    public static IResult Page<TRow, TOut>(HttpContext http, Page<TRow> page, int limit, Func<TRow, TOut> map,
        IReadOnlyDictionary<string, IReadOnlyList<OpenData.Data.Questions.FacetValue>>? facets = null)
    {
        if (page.NextCursor is not null)
            http.Response.Headers.Link = $"<{NextUrl(http.Request, page.NextCursor)}>; rel=\"next\"";
        return TypedResults.Ok(new ListResponse<TOut>(page.Items.Select(map).ToList(), new ListMeta(page.Total, limit, page.NextCursor, facets)));
    }

    /// <summary>A page of a representation's rows (<see cref="JsonRow"/>), each written as its JSON was when it was read.</summary>
    public static IResult Page(HttpContext http, Page<JsonRow> page, int limit) => Page(http, page, limit, row => row);

    /// <summary>
    /// An export of a representation's rows, read for its format (<see cref="RepresentationWriter.Exported"/>): NDJSON their
    /// JSON, CSV their fields (<see cref="Representation.CsvColumns"/>).
    /// </summary>
    public static IResult Export(ResponseFormat format, Func<Export<JsonRow>> read, Representation representation) =>
        new SpooledExport<JsonRow, JsonRow>(format, read, row => row, CsvColumns(representation));

    /// <summary>The CSV columns of a representation's rows read for CSV (<see cref="RepresentationWriter.CsvRows"/>).</summary>
    public static IReadOnlyList<CsvColumn<JsonRow>> CsvColumns(Representation representation) =>
        representation.CsvColumns.Select((c, i) => new CsvColumn<JsonRow>(c.Header, row => row.Csv![i])).ToList();

    /// <summary>An export read from the database by one command, spooled (see <see cref="ExportSpool"/>).</summary>
    public static IResult Export<TRow, TOut>(ResponseFormat format, Func<Export<TRow>> read, Func<TRow, TOut> map, IReadOnlyList<CsvColumn<TOut>> columns) =>
        new SpooledExport<TRow, TOut>(format, read, map, columns);

    /// <summary>A small list already read (statistics, reference lists), written as CSV or NDJSON.</summary>
    public static IResult Export<TOut>(ResponseFormat format, IReadOnlyList<TOut> rows, IReadOnlyList<CsvColumn<TOut>> columns) =>
        new ListExport<TOut>(format, rows, columns);

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(q => q.Key != ApiParameter.Cursor.Name)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(ApiParameter.Cursor.Name, cursor));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    private static void WriteHeaders(HttpResponse response, ResponseFormat format, long total)
    {
        response.ContentType = Negotiation.ContentType(format);
        response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (format == ResponseFormat.Csv) response.Headers.ContentDisposition = "inline; filename=\"export.csv\"";
    }

    /// <summary>
    /// Reads the export into a spool file as fast as PostgreSQL sends it (one turn among the instance's few export
    /// readers, one pooled connection, released when the last row is in the file) while the client receives the
    /// file at its own pace. The headers go once the total is known; a failure after that aborts the response, so
    /// that the client sees a cut transfer rather than a short file that looks whole.
    /// </summary>
    private sealed class SpooledExport<TRow, TOut>(ResponseFormat format, Func<Export<TRow>> read, Func<TRow, TOut> map, IReadOnlyList<CsvColumn<TOut>> columns) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var limiter = http.RequestServices.GetRequiredService<ExportLimiter>();
            var client = http.Features.Get<ApiClient>()?.Partition ?? "ip:unknown";
            using var place = limiter.Enter(client);
            await using var spool = ExportSpool.Create(limiter.SpoolDirectory);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var total = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var writer = new RowWriter<TOut>(format, columns, http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);

            var producer = Task.Run(async () =>
            {
                try
                {
                    using (await limiter.ReadTurnAsync(stop.Token))
                    {
                        var export = read();
                        await using var rows = export.Rows.GetAsyncEnumerator(stop.Token);
                        var more = await rows.MoveNextAsync();
                        // Paid by its rows once they are counted, before they are read: refused, the statement stops here.
                        await http.RequestServices.GetRequiredService<QuotaCharge>().TakeExportAsync(http, export.MostRows);
                        total.TrySetResult(export.Total.Value);
                        await writer.StartAsync(spool, stop.Token);
                        for (; more; more = await rows.MoveNextAsync()) await writer.WriteAsync(map(rows.Current), spool, stop.Token);
                        await writer.FlushAsync(spool, stop.Token);
                    }
                    await http.RequestServices.GetRequiredService<DatasetSession>().ReleaseAsync();
                    spool.Complete();
                }
                catch (Exception e)
                {
                    total.TrySetException(e);
                    spool.Complete(e);
                }
            }, CancellationToken.None);

            try
            {
                WriteHeaders(http.Response, format, await total.Task);
                await spool.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
            catch (Exception) when (http.Response.HasStarted)
            {
                http.Abort();
            }
            finally
            {
                await stop.CancelAsync();
                await producer;
            }
        }
    }

    private sealed class ListExport<TOut>(ResponseFormat format, IReadOnlyList<TOut> rows, IReadOnlyList<CsvColumn<TOut>> columns) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            WriteHeaders(http.Response, format, rows.Count);
            var writer = new RowWriter<TOut>(format, columns, http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
            var output = new StreamOutput(http.Response.Body);
            await writer.StartAsync(output, http.RequestAborted);
            foreach (var row in rows) await writer.WriteAsync(row, output, http.RequestAborted);
            await writer.FlushAsync(output, http.RequestAborted);
        }
    }
}
