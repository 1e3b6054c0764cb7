namespace OpenData.Data.Graph;

/// <summary>How a JSON value is built in SQL: objects, lists, and the scalars GraphQL formats its own way.</summary>
internal static class JsonSql
{
    // json_build_object and concat_ws take at most 100 arguments: larger objects (many aliases) are built in parts.
    public const int MaxPairs = 50;
    private const int MaxParts = 99;

    /// <summary>
    /// An object of (key, value) pairs, values SQL expressions, keys in order. When every key is the name of its field
    /// (no alias), a row whose columns are named by the keys (PostgreSQL writes a row as a JSON object, at less than
    /// half the cost of json_build_object); otherwise json_build_object with the keys bound as values by
    /// <paramref name="bind"/>, so that aliases never enter the statement's text.
    /// </summary>
    /// <remarks>
    /// A row is built in a subquery of its own: an aggregate in a value must name a column of the rows it aggregates
    /// (<c>count(page.rn)</c>, not <c>count(*)</c>), or it would count the subquery's one row.
    /// </remarks>
    public static string Object(IReadOnlyList<JsonPair> pairs, Func<string, string> bind)
    {
        if (pairs.All(p => p.Named)) return $"(SELECT {RowName} FROM (SELECT {string.Join(", ", pairs.Select(p => $"{p.Value} AS {Identifier(p.Key)}"))}) {RowName})";
        var keyed = pairs.Select(p => (p.Named ? Literal(p.Key) : bind(p.Key) + "::text", p.Value)).ToList();
        if (keyed.Count <= MaxPairs) return Build(keyed);
        // Objects of 50 pairs each, as text without their braces, joined by commas: linear in the pairs, never a long
        // chain of || (quadratic copies, and PostgreSQL's stack depth limit past a thousand).
        var parts = keyed.Chunk(MaxPairs).Select(chunk => $"left(right({Build(chunk)}::text, -1), -1)").ToList();
        return $"('{{' || {Joined(parts)} || '}}')::json";
    }

    // The alias of an object's row: no field of the schema has this name (a column of that name would be read instead).
    private const string RowName = "o_";

    /// <summary>A field's name as an SQL identifier (GraphQL names are letters, digits and underscores).</summary>
    private static string Identifier(string name) =>
        name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && name != RowName ? $"\"{name}\"" : throw new ArgumentException($"not a field name: {name}");

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

    /// <summary>
    /// A timestamp as GraphQL's DateTime writes it: ISO 8601 in UTC, the fraction of a second without trailing zeros (nor
    /// its point when it is zero). <paramref name="column"/> is read once (it is often a lookup).
    /// </summary>
    public static string Timestamp(string column) =>
        $"rtrim(rtrim(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '0'), '.') || 'Z'";

    /// <summary>A value of any type as JSON (a row as an object).</summary>
    public static string ToJson(string sql) => $"to_json({sql})";

    /// <summary>An SQL string literal.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>A key of a JSON object and its value: <see cref="Named"/> when the key is its field's name, not an alias.</summary>
internal readonly record struct JsonPair(string Key, bool Named, string Value);
