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

    /// <summary>
    /// Matches estimated at this many or fewer are counted instead (up to one more) when a word the search requires is
    /// outside the search column's statistics: such a word is estimated from the least common word they keep (about
    /// 1,000 matches at 300,000 questions, for a word in a handful), which priced a rare word's search 6–9 times its
    /// work; and it is in few rows, so counting through it is cheap. Searches of common words alone keep the estimate
    /// (counting seven common words built seven large index bitmaps, 17–130 ms).
    /// </summary>
    public const int CountedBelow = 2_000;

    /// <summary>
    /// How much longer than the matches a walk of an order's index can be while PostgreSQL still prefers it to finding the
    /// matches by the search index (measured: a walk of 5,300 rows chosen for 1,400 matches; with
    /// <c>random_page_cost = 1.1</c>, which the API's connections set).
    /// </summary>
    public const int WalkPerMatch = 5;

    /// <summary>
    /// Whether a page of <paramref name="pageRows"/> rows of a search of <paramref name="matches"/> among
    /// <paramref name="questions"/> is read by walking its order's index: the matches spread over the order, the walk
    /// reads about pageRows × questions / matches rows until the page is full, taken while that is under
    /// <see cref="WalkPerMatch"/> times the matches; otherwise every match is found by the search index and sorted. The
    /// one rule: the API prices a page by it, and a search whose matches are known is planned by it
    /// (<see cref="FewMatches"/>).
    /// </summary>
    public static bool WalksOrderIndex(long matches, long pageRows, long questions)
    {
        if (matches <= 0) return false;
        var walked = Saturating.Times(Math.Max(0, pageRows), Math.Max(1, questions)) / matches;
        return walked < Saturating.Times(WalkPerMatch, matches);
    }

    /// <summary>
    /// Entries of the search index weighed as one match, for a search of several words all within the search column's
    /// statistics: it reads every row of each of its words in the index, however few rows hold them all, and PostgreSQL estimates the
    /// matches of several words as if they were independent (seven common words: 1,520 estimated, 5,584 found, 1.1
    /// million entries read, 30 ms at 300,000 questions). An entry is about 0.025 µs, a match counted 2.5 µs (7,442
    /// matches behind 1.37 million entries: 71 ms).
    /// </summary>
    public const int IndexEntriesPerMatch = 100;

    /// <summary>
    /// The statement giving the matches of a search, $1 being the words: PostgreSQL's estimate from the search column's
    /// statistics with its words' index entries (<see cref="IndexEntriesPerMatch"/>), or the matches counted when that is
    /// at most <see cref="CountedBelow"/> and a guess (migrations 0016, 0017, 0018).
    /// </summary>
    internal string EstimateSql => $"SELECT opendata_meta.search_matches('{Table}', {Config}, $1, {CountedBelow}, {IndexEntriesPerMatch})";
}
