using System.Text;

namespace OpenData.Data.Graph;

/// <summary>How a JSON value is built in SQL: objects, lists, and the scalars GraphQL formats its own way.</summary>
internal static class JsonSql
{
    // json_build_object takes at most 100 arguments: larger objects (many aliases) are written as text.
    private const int MaxPairs = 50;

    /// <summary>An object of (key, SQL expression) pairs, keys in order.</summary>
    public static string Object(IReadOnlyList<(string Key, string Value)> pairs)
    {
        if (pairs.Count <= MaxPairs)
            return "json_build_object(" + string.Join(", ", pairs.Select(p => $"{Literal(p.Key)}, {p.Value}")) + ")";
        var text = new StringBuilder("('{' || ");
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0) text.Append(" || ',' || ");
            text.Append($"{Literal(Quote(pairs[i].Key))} || ':' || coalesce(to_json({pairs[i].Value})::text, 'null')");
        }
        return text.Append(" || '}')::json").ToString();
    }

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

    private static string Quote(string key) => System.Text.Json.JsonSerializer.Serialize(key);
}
