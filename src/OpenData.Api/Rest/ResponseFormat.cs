using Microsoft.Net.Http.Headers;

namespace OpenData.Api.Rest;

public enum ResponseFormat { Json, Csv, Ndjson }

/// <summary>Content negotiation: the format parameter wins, then the Accept header; nothing acceptable is a 406.</summary>
public static class Negotiation
{
    public const string CsvType = "text/csv";
    public const string NdjsonType = "application/x-ndjson";

    private static readonly (string MediaType, ResponseFormat Format)[] Offered =
    [
        ("application/json", ResponseFormat.Json),
        (CsvType, ResponseFormat.Csv),
        (NdjsonType, ResponseFormat.Ndjson),
        ("application/ndjson", ResponseFormat.Ndjson),
        ("application/jsonl", ResponseFormat.Ndjson),
    ];

    public static ResponseFormat Negotiate(HttpRequest request, string? formatParameter, bool exportable)
    {
        if (formatParameter is not null)
        {
            var chosen = Enum.Parse<ResponseFormat>(formatParameter, ignoreCase: true);
            if (chosen != ResponseFormat.Json && !exportable)
                throw ApiProblemException.BadParameter("format", "this endpoint answers in JSON only");
            return chosen;
        }

        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return ResponseFormat.Json;
        foreach (var range in accept.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (range.MatchesAllTypes || range.MediaType == "application/*" || range.MediaType == "application/problem+json") return ResponseFormat.Json;
            foreach (var (mediaType, format) in Offered)
                if (new MediaTypeHeaderValue(mediaType).IsSubsetOf(range) && (exportable || format == ResponseFormat.Json))
                    return format;
        }
        throw new ApiProblemException(StatusCodes.Status406NotAcceptable, "Not acceptable",
            exportable
                ? "This resource is available as application/json, text/csv or application/x-ndjson."
                : "This resource is available as application/json.");
    }

    /// <summary>
    /// The format a request of an exportable list would get, by the same rule as <see cref="Negotiate"/>; null when it
    /// would get none (a 406 or a 400). What the caching decides on: an export is never stored in the output cache.
    /// </summary>
    public static ResponseFormat? Of(HttpRequest request)
    {
        var format = request.Query["format"];
        if (format.Count > 1 || (format.Count == 1 && !Enum.TryParse<ResponseFormat>(format[0], ignoreCase: true, out _))) return null;
        try
        {
            return Negotiate(request, format.Count == 1 ? format[0] : null, exportable: true);
        }
        catch (ApiProblemException)
        {
            return null;
        }
    }

    public static string ContentType(ResponseFormat format) => format switch
    {
        ResponseFormat.Csv => "text/csv; charset=utf-8; header=present",
        ResponseFormat.Ndjson => "application/x-ndjson; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
}
