using System.Text.Json.Serialization;
using OpenData.Data.Questions;

namespace OpenData.Api.Rest;

/// <summary>Every JSON list: the rows of this page and what describes the whole list.</summary>
/// <param name="Data">The rows of this page.</param>
/// <param name="Meta">The exact total of the filtered list, the page size and the cursor of the next page.</param>
public sealed record ListResponse<T>(IReadOnlyList<T> Data, ListMeta Meta);

/// <summary>What describes the whole list.</summary>
/// <param name="Total">Exact number of rows matching the filters, across all pages.</param>
/// <param name="Limit">Rows per page.</param>
/// <param name="NextCursor">Cursor of the next page (also in the Link header), or null on the last page.</param>
/// <param name="Facets">With facets=…: for each facet, the values found under the current filters and their counts.</param>
public sealed record ListMeta(
    long Total,
    int Limit,
    string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? Facets = null);
