using System.Globalization;
using OpenData.Data.Reading;

namespace OpenData.Api.Protection;

/// <summary>
/// What the database work of a request costs in permits of the caller's quota, beyond the one permit every request
/// pays: one table for REST and GraphQL. A permit is about 0.1 ms of PostgreSQL time (GraphQL's node; the largest
/// query allowed, 10,000, is about a second), measured on 300,000 questions (bench/README.md): a page of 20 rows found by
/// an index takes 0.1–0.2 ms and is covered by the request's permit; the rest is priced at its typical-to-bad case.
/// </summary>
public static class Prices
{
    /// <summary>Counting a filtered list: 5–25 ms for a date range or a status, 67 ms for a theme.</summary>
    public const int Count = 100;
    /// <summary>Counting a small table, or the questions of one senator or one ministry by their index: 0.1–1 ms.</summary>
    public const int KeyCount = 10;
    /// <summary>Finding the page of a full-text search: the matches are found before they are ordered.</summary>
    public const int Search = 100;
    /// <summary>Ranking every match by relevance: about a second for a word found in a third of the questions.</summary>
    public const int Rank = 1_000;
    /// <summary>Counting the matches of a full-text search: 0.1 ms for a rare phrase, 0.9 s for a common word.</summary>
    public const int SearchCount = 1_000;
    /// <summary>Each highlighted excerpt: the text is parsed again to mark the matched words (0.16 ms a row).</summary>
    public const int Highlight = 2;
    /// <summary>Statistics computed from the filtered questions instead of read precomputed (0.3 s over the written questions).</summary>
    public const int LiveStatistics = 3_000;
    /// <summary>A timeline computed from the filtered questions instead of read precomputed (0.5 s over the answered questions).</summary>
    public const int LiveTimeline = 3_000;
    /// <summary>Rows of an export per permit: reading, formatting and spooling 100 rows takes about a millisecond.</summary>
    public const int ExportRowsPerPermit = 100;

    /// <summary>The price of counting a total of this kind.</summary>
    public static int Total(CountKind kind) => kind switch
    {
        CountKind.ByKey => KeyCount,
        CountKind.FullText => SearchCount,
        _ => Count,
    };

    /// <summary>The price of a batch's work, and what it is for (for the caller who cannot pay it); 0 for reads by index alone.</summary>
    public static (long Price, string What) Of(BatchWork work)
    {
        var parts = new List<(long Price, string What)>();
        foreach (var kind in Enum.GetValues<CountKind>())
            if (work.Counts(kind) > 0)
                parts.Add((work.Counts(kind) * (long)Total(kind), kind switch
                {
                    CountKind.FullText => "counting the matches of a full-text search",
                    CountKind.Filtered => "counting the rows a filter selects",
                    _ => "counting by an index",
                }));
        if (work.FullTextPages > 0) parts.Add((work.FullTextPages * (long)Search, "finding a full-text search's page"));
        if (work.RankedSearches > 0) parts.Add((work.RankedSearches * (long)Rank, "ranking every match by relevance"));
        if (work.HighlightedRows > 0) parts.Add((work.HighlightedRows * (long)Highlight, "highlighting the matched words"));
        if (work.LiveStatistics > 0) parts.Add((work.LiveStatistics * (long)LiveStatistics, "computing statistics from the filtered questions"));
        if (work.LiveTimelines > 0) parts.Add((work.LiveTimelines * (long)LiveTimeline, "computing a timeline from the filtered questions"));
        return (parts.Sum(p => p.Price), string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.What} ({p.Price})"))));
    }

    /// <summary>The price of exporting <paramref name="rows"/> rows.</summary>
    public static long Export(long rows) => (rows + ExportRowsPerPermit - 1) / ExportRowsPerPermit;
}
