using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using OpenData.Data.Paging;

namespace OpenData.Api.Rest;

/// <summary>Writes lists: a JSON page with its Link header, or a CSV/NDJSON export streamed row by row.</summary>
public static class ListResults
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    /// <summary>The page size for JSON (default 20, at most 200); null (everything) for exports without a limit.</summary>
    public static int? Limit(QueryBinder binder, ResponseFormat format)
    {
        var limit = binder.Integer(ApiParameter.Limit);
        if (format == ResponseFormat.Json && limit > MaxLimit)
            binder.Fail(ApiParameter.Limit.Name, $"must be between 1 and {MaxLimit} for JSON; CSV and NDJSON exports take any limit");
        return limit ?? (format == ResponseFormat.Json ? DefaultLimit : null);
    }

    public static IResult Page<TRow, TOut>(HttpContext http, Page<TRow> page, int limit, Func<TRow, TOut> map,
        IReadOnlyDictionary<string, IReadOnlyList<OpenData.Data.Questions.FacetValue>>? facets = null)
    {
        if (page.NextCursor is not null)
            http.Response.Headers.Link = $"<{NextUrl(http.Request, page.NextCursor)}>; rel=\"next\"";
        return TypedResults.Ok(new ListResponse<TOut>(page.Items.Select(map).ToList(), new ListMeta(page.Total, limit, page.NextCursor, facets)));
    }

    public static IResult Export<TRow, TOut>(ResponseFormat format, long total, IAsyncEnumerable<TRow> rows, Func<TRow, TOut> map, IReadOnlyList<CsvColumn<TOut>> columns) =>
        new ExportResult<TRow, TOut>(format, total, rows, map, columns);

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = request.Query.Where(q => q.Key != ApiParameter.Cursor.Name)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(ApiParameter.Cursor.Name, cursor));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    private sealed class ExportResult<TRow, TOut>(ResponseFormat format, long total, IAsyncEnumerable<TRow> rows, Func<TRow, TOut> map, IReadOnlyList<CsvColumn<TOut>> columns) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.ContentType = Negotiation.ContentType(format);
            response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (format == ResponseFormat.Csv)
                response.Headers.ContentDisposition = "inline; filename=\"export.csv\"";
            var body = response.BodyWriter;
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = json.Encoder });
            var line = new StringBuilder();
            var count = 0;

            if (format == ResponseFormat.Csv)
            {
                Encoding.UTF8.GetBytes("\uFEFF", body); // BOM: spreadsheets then read the file as UTF-8
                Csv.AppendRow(line, columns.Select(c => c.Header));
            }
            await foreach (var row in rows.WithCancellation(http.RequestAborted))
            {
                var item = map(row);
                if (format == ResponseFormat.Csv)
                {
                    Csv.AppendRow(line, columns.Select(c => Csv.Format(c.Value(item))));
                    Encoding.UTF8.GetBytes(line.ToString(), body);
                    line.Clear();
                }
                else
                {
                    JsonSerializer.Serialize(writer, item, json);
                    writer.Flush();
                    writer.Reset(body);
                    body.Write("\n"u8);
                }
                if (++count % 256 == 0) await body.FlushAsync(http.RequestAborted);
            }
            if (line.Length > 0) Encoding.UTF8.GetBytes(line.ToString(), body);
            await body.FlushAsync(http.RequestAborted);
        }
    }
}
