namespace OpenData.Data.Reading;

/// <summary>
/// A full-text search a batch makes: the table searched (its <c>search</c> column) and the words, in the syntax of
/// <c>websearch_to_tsquery</c>. Its work (finding, counting, ranking the matches) grows with how many rows match.
/// </summary>
public readonly record struct FullTextSearch(string Table, string Words)
{
    /// <summary>The text search configuration every search and every search column uses (French, accents ignored).</summary>
    public const string Config = "'opendata_meta.french_unaccent'";

    /// <summary>The tsquery of <paramref name="words"/> (an SQL expression naming its bound value).</summary>
    public static string Query(string words) => $"websearch_to_tsquery({Config}, {words})";

    /// <summary>The statement PostgreSQL estimates the matches of a search with: $1 is the words.</summary>
    internal string EstimateSql => $"EXPLAIN (FORMAT JSON) SELECT 1 FROM {Table} x WHERE x.search @@ {Query("$1")}";
}
