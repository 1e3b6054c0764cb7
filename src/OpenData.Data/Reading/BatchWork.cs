namespace OpenData.Data.Reading;

/// <summary>How a total is counted: what decides its cost.</summary>
public enum CountKind
{
    /// <summary>A small table, or the rows of one senator or one ministry read by their index: well under a millisecond.</summary>
    ByKey,
    /// <summary>The rows a filter selects (dates, statuses, themes…): tens of milliseconds over the questions.</summary>
    Filtered,
    /// <summary>The matches of a full-text search: up to a second for a common word.</summary>
    FullText,
}

/// <summary>
/// What a batch asks of PostgreSQL beyond finding rows by an index, recorded by the query classes as they add their
/// statements, so that a request can be priced before it runs (the API charges it to the caller's quota). A total
/// already counted for this dataset, or a precomputed figure, is not work.
/// </summary>
public sealed class BatchWork
{
    private readonly int[] counts = new int[3];

    /// <summary>Totals to count, by kind.</summary>
    public int Counts(CountKind kind) => counts[(int)kind];

    /// <summary>Pages of a full-text search (the matches are found before they are ordered).</summary>
    public int FullTextPages { get; private set; }

    /// <summary>Full-text searches ordered by relevance (every match ranked).</summary>
    public int RankedSearches { get; private set; }

    /// <summary>Rows whose text is parsed again to mark the matched words.</summary>
    public int HighlightedRows { get; private set; }

    /// <summary>Statistics per ministry computed from the questions rather than read precomputed.</summary>
    public int LiveStatistics { get; private set; }

    /// <summary>Timelines computed from the questions rather than read precomputed.</summary>
    public int LiveTimelines { get; private set; }

    internal void Count(CountKind kind) => counts[(int)kind]++;

    internal void Search(bool ranked, int highlightedRows)
    {
        FullTextPages++;
        if (ranked) RankedSearches++;
        HighlightedRows += highlightedRows;
    }

    internal void Statistics() => LiveStatistics++;

    internal void Timeline() => LiveTimelines++;
}
