namespace OpenData.Api.Rest;

public enum ParameterKind { Text, Integer, Boolean, Date, Timestamp, Choice, Cursor }

/// <summary>
/// A query parameter of the REST API: the one definition used to parse and validate requests and to
/// document them in the OpenAPI document.
/// </summary>
public sealed record ApiParameter(string Name, ParameterKind Kind, string Description)
{
    /// <summary>An example value: in the description, and pre-filled by Swagger UI's try-out only when <see cref="Prefill"/>.</summary>
    public string? Example { get; init; }
    /// <summary>Swagger UI's try-out sends <see cref="Example"/>: only where it returns data with every other parameter's own pre-filled value.</summary>
    public bool Prefill { get; init; }
    /// <summary>Allowed values of a <see cref="ParameterKind.Choice"/>.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];
    /// <summary>May be given several times (or comma-separated); values combine with OR.</summary>
    public bool Repeatable { get; init; }
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public string? Default { get; init; }

    public static ApiParameter Text(string name, string description, string? example = null) => new(name, ParameterKind.Text, description) { Example = example };
    public static ApiParameter Integer(string name, string description, int? minimum = null, int? maximum = null, string? example = null) =>
        new(name, ParameterKind.Integer, description) { Minimum = minimum, Maximum = maximum, Example = example };
    public static ApiParameter Boolean(string name, string description) => new(name, ParameterKind.Boolean, description) { Example = "true" };
    public static ApiParameter Date(string name, string description, string example) => new(name, ParameterKind.Date, description) { Example = example };
    public static ApiParameter Choice(string name, string description, IReadOnlyList<string> values, bool repeatable = false, string? @default = null) =>
        new(name, ParameterKind.Choice, description) { Values = values, Repeatable = repeatable, Default = @default, Example = @default ?? values[0] };

    /// <summary>A list's <c>sort</c>: its values, their meanings and its default (the first) from the list's table of orders.</summary>
    public static ApiParameter Sort<TSort>(IReadOnlyList<OpenData.Data.Paging.SortOption<TSort>> sorts) where TSort : struct, Enum =>
        Choice("sort", "Order: " + Meanings(sorts.Select(s => (s.Name, s.Description))), sorts.Select(s => s.Name).ToList(), @default: sorts[0].Name);

    /// <summary>"a: what a means; b: …", for the description of a parameter whose values come from a table.</summary>
    public static string Meanings(IEnumerable<(string Value, string Description)> values) =>
        string.Join("; ", values.Select(v => $"{v.Value}: {char.ToLowerInvariant(v.Description[0])}{v.Description[1..].TrimEnd('.')}")) + ".";

    // Shared by every list.
    public static readonly ApiParameter Limit = Integer("limit",
        $"Rows per page: 1 to {ListResults.MaxLimit} for JSON, default {ListResults.DefaultLimit}. CSV and NDJSON exports stream the whole filtered list unless a limit is given (no maximum).",
        minimum: 1, example: "20");
    /// <summary>The limit of a list without exports (the change feed, Atom feeds).</summary>
    public static readonly ApiParameter PageLimit = Integer("limit", $"Rows per page: 1 to {ListResults.MaxLimit}, default {ListResults.DefaultLimit}.",
        minimum: 1, maximum: ListResults.MaxLimit, example: "20");
    public static readonly ApiParameter Cursor = new("cursor", ParameterKind.Cursor,
        "Opaque cursor of the next page, from meta.nextCursor or the Link header. Pages never skip or repeat a row.") { Example = null };
    /// <summary>The updatedSince of every tracked list (questions, answers, senators, ministries).</summary>
    public static readonly ApiParameter UpdatedSince = new("updatedSince", ParameterKind.Timestamp,
        "Only what changed since: rows whose updatedAt is at or after this date (midnight UTC) or RFC 3339 timestamp. " +
        "updatedAt is when the import that last changed a row was first served, so passing the largest updatedAt already seen never misses a change; the change feed (/v1/changes) says what changed.")
    { Example = "2025-01-01T00:00:00Z" };

    public static readonly ApiParameter Format = Choice("format",
        "Response format, instead of the Accept header: json (default), csv (RFC 4180, UTF-8, one header row) or ndjson (one JSON object per line).",
        ["json", "csv", "ndjson"]);
}
