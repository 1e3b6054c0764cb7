using System.Collections.Concurrent;

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

/// <summary>
/// The matches PostgreSQL's statistics estimate for each search (the planner's row estimate, from the most common
/// words of the search column that ANALYZE records at import), remembered per dataset version: a search's price is
/// known before it runs for the cost of planning one statement, once. Bounded: the entries are cheap to recompute.
/// </summary>
public sealed class SearchEstimates
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<(long Version, FullTextSearch Search), long> estimates = new();

    internal bool TryGet(long version, FullTextSearch search, out long matches) => estimates.TryGetValue((version, search), out matches);

    internal void Set(long version, FullTextSearch search, long matches)
    {
        if (estimates.Count >= MaxEntries) estimates.Clear();
        estimates[(version, search)] = matches;
    }
}
