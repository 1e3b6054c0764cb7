namespace OpenData.Data.Graph;

/// <summary>How a JSON value is built in SQL: objects, lists, and the scalars GraphQL formats its own way.</summary>
internal static class JsonSql
{
    // json_build_object and concat_ws take at most 100 arguments: larger objects (many aliases) are built in parts.
    public const int MaxPairs = 50;
    private const int MaxParts = 99;

    /// <summary>An object of (key, value) pairs, both SQL expressions (a key a literal or a bound text), keys in order.</summary>
    public static string Object(IReadOnlyList<(string Key, string Value)> pairs)
    {
        if (pairs.Count <= MaxPairs) return Build(pairs);
        // Objects of 50 pairs each, as text without their braces, joined by commas: linear in the pairs, never a long
        // chain of || (quadratic copies, and PostgreSQL's stack depth limit past a thousand).
        var parts = pairs.Chunk(MaxPairs).Select(chunk => $"left(right({Build(chunk)}::text, -1), -1)").ToList();
        return $"('{{' || {Joined(parts)} || '}}')::json";
    }

    private static string Build(IReadOnlyList<(string Key, string Value)> pairs) =>
        "json_build_object(" + string.Join(", ", pairs.Select(p => $"{p.Key}, {p.Value}")) + ")";

    private static string Joined(IReadOnlyList<string> parts) => parts.Count <= MaxParts
        ? $"concat_ws(',', {string.Join(", ", parts)})"
        : Joined(parts.Chunk(MaxParts).Select(Joined).ToList());

    /// <summary>A JSON array of the rows of <paramref name="from"/> (never null: [] when empty).</summary>
    public static string Array(string element, string from, string? orderBy = null) =>
        $"(SELECT coalesce(json_agg({element}{(orderBy is null ? "" : " ORDER BY " + orderBy)}), '[]'::json) FROM {from})";

    /// <summary>A JSON object of one row of <paramref name="from"/>, or null when there is none.</summary>
    public static string One(string element, string from) => $"(SELECT {element} FROM {from})";

    /// <summary>A date as GraphQL's Date scalar writes it: PostgreSQL's JSON writes a date as yyyy-MM-dd (a no-op cast for a date column).</summary>
    public static string Date(string column) => $"({column})::date";

    /// <summary>A timestamp as GraphQL's DateTime writes it: ISO 8601 in UTC, the fraction of a second without trailing zeros.</summary>
    public static string Timestamp(string column) =>
        $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || " +
        $"CASE WHEN extract(microseconds FROM {column})::bigint % 1000000 = 0 THEN '' ELSE '.' || rtrim(to_char({column}, 'US'), '0') END || 'Z'";

    /// <summary>An SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
