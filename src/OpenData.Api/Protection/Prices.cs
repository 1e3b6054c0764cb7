using System.Globalization;
using OpenData.Data.Reading;

namespace OpenData.Api.Protection;

/// <summary>
/// What the database work of a request costs in permits of the caller's quota, beyond the one permit every request
/// pays: one table for REST and GraphQL. A permit is about 0.1 ms of PostgreSQL time (the largest GraphQL query allowed,
/// 10,000, is about a second), measured on 300,000 questions (bench/README.md): a small page found by an index (20 answers,
/// senators, changes: 0.2–0.3 ms) is about covered by the request's permit, a page of questions pays its rows
/// (<see cref="PageRowsPerPermit"/>); the rest is priced at its typical-to-bad case, the work over the
/// questions in proportion to the dataset's size (<see cref="Scaled"/>), full-text work by its matches
/// (<see cref="Matched"/>), what a GraphQL query returns by its values.
/// </summary>
public static partial class Prices
{
    /// <summary>Counting a filtered list under each row of a GraphQL list, or for a facet (not planned): 5–25 ms for a date range or a status, 67 ms for a theme.</summary>
    public const int Count = 100;
    /// <summary>Counting a small table, or the questions of one senator or one ministry by their index: 0.1–1 ms.</summary>
    public const int KeyCount = 10;
    /// <summary>
    /// Rows a page of a full-text search reads per permit (about 3–4 µs each at 300,000 questions, the texts of the
    /// generator's questions: bench/README.md). In date order PostgreSQL either walks the date index and tests each row
    /// against the words until the page is full, or finds every match by the search index and sorts them
    /// (<see cref="SearchPage"/>); by relevance it finds every match. A search's matches are PostgreSQL's estimate from
    /// the search column's statistics, or counted when it estimates few (<see cref="BatchWork.Matches"/>), so a rare word costs a few permits and a
    /// common one what it takes.
    /// </summary>
    public const int SearchRowsPerPermit = 30;
    /// <inheritdoc cref="FullTextSearch.WalkPerMatch"/>
    public const int WalkPerMatch = FullTextSearch.WalkPerMatch;
    /// <summary>
    /// What finding a full-text search's page costs however few its matches: its words parsed, its index read, its
    /// matches estimated, and counted when few (<see cref="FullTextSearch.CountedBelow"/>): 1.2–2.5 ms of PostgreSQL for
    /// a page and the total of a word in two of 300,000 questions (bench/calibration), priced 0.6–0.9 ms at 2 permits.
    /// </summary>
    public const int SearchFloor = 10;
    /// <summary>
    /// Creating a self-service key (POST /v1/keys): a write on the primary under an advisory lock; priced so that one client
    /// cannot turn its quota into thousands of writes a minute (60 attempts a minute at most for an anonymous client).
    /// </summary>
    public const int KeyCreation = 100;
    /// <summary>Matches ranked by relevance per permit: every match is read and ranked (5–10 µs each: 50–96 ms for a word in 9,800 questions, with highlights).</summary>
    public const int MatchesRankedPerPermit = 12;
    /// <summary>
    /// Matches counted per permit (a search's total, found by the search index: a word in 194,000 of 300,000 questions, its
    /// first page and total in 112–132 ms of PostgreSQL, in 15,000 in 17–21 ms; about 1 µs each, bench/calibration).
    /// Planned freely, the count of a common word read every row's search words out of line, 1.0–1.15 s: a batch that
    /// searches is planned without sequential scans (<c>DatasetSession</c>), and this was 40 a permit.
    /// </summary>
    public const int MatchesCountedPerPermit = 100;
    /// <summary>Each highlighted excerpt: the text is parsed again to mark the matched words (0.16 ms a row).</summary>
    public const int Highlight = 2;
    /// <summary>Rows of an export per permit: reading, formatting and spooling 100 rows takes about a millisecond of PostgreSQL time (13 µs a row measured).</summary>
    public const int ExportRowsPerPermit = 10;
    /// <summary>Short values a compiled GraphQL query returns per permit (a number, a date, a name: about 0.5 µs each).</summary>
    public const int ValuesPerPermit = 200;
    /// <summary>
    /// Long texts a compiled GraphQL query returns per permit, each once in its row outside lists under other rows (a
    /// question's text, about 1,000 characters: 100 in a root page took 0.58–1.1 ms of PostgreSQL at 300,000 questions with
    /// the output cache off, about 10 µs each).
    /// </summary>
    public const int TextsPerPermit = 10;
    /// <summary>
    /// Long texts returned per permit in a list under another row (a senator's questions, a twin group) or again by an
    /// alias in their row: 30–40 µs each (100 questions × 50 aliases of their text: 78–292 ms).
    /// </summary>
    public const int NestedTextsPerPermit = 4;
    /// <summary>Rows found by their key per permit (a question's author, its ministry, its answer: about 2 µs each).</summary>
    public const int LookupsPerPermit = 50;
    /// <summary>Lists read under another row per permit (a question's themes, a senator's questions: about 10 µs each).</summary>
    public const int NestedListsPerPermit = 10;
    /// <summary>A facet over every question (grouped with the names it is listed by: 10 ms at 20,000 questions).</summary>
    public const int Facet = 1_500;
    /// <summary>Matches of a full-text search grouped for a facet per permit (about 2 µs each: two facets of a word in 1,000 questions took 4 ms).</summary>
    public const int MatchesGroupedPerPermit = 50;
    /// <summary>Rows read and sorted per permit for a page under another row (a ministry's questions: 1,780 in 3.2 ms at 300,000 questions, about 2 µs each).</summary>
    public const int SortedRowsPerPermit = 50;
    /// <summary>
    /// Rows of a REST page per permit: an answer's row (a page of 20 answers 0.23–0.38 ms of PostgreSQL at 300,000
    /// questions); a question's weighs two (<c>QuestionQueries.RowWeight</c>: a page of 20 questions 0.44–0.69 ms, of 200
    /// 1.97–2.17 ms since its cursors are made without translate(), 2.1× its price at 10 a permit), its detail twenty.
    /// </summary>
    public const int PageRowsPerPermit = 12;
    /// <summary>Pages of a connection under other rows per permit (a senator's 10 questions in order, built as rows of JSON: about 0.05 ms).</summary>
    public const int NestedPagesPerPermit = 2;
    /// <summary>
    /// Rows of the import's figures per permit: about 2 µs each at 300,000 questions (statistics of 919 ministries 2.0 ms,
    /// of the 32 current ones 0.27 ms, a timeline of 591 months 1.2 ms, of 50 years 0.29 ms). The statistics' rows as the
    /// planner estimates them (<see cref="PlannedWork.Figures"/>), a timeline's periods from the dataset's bounds
    /// (<see cref="BatchWork.FigureRows"/>).
    /// </summary>
    public const int FigureRowsPerPermit = 50;
    /// <summary>
    /// Objects an introspection query returns per permit: GraphQL.NET builds them in the API, not in PostgreSQL
    /// (GraphiQL's introspection, about 1,160 objects, took 5.2 ms of the API's CPU at 300,000 questions: 58 permits).
    /// </summary>
    public const int IntrospectionObjectsPerPermit = 20;

    /// <summary>Permits a millisecond of PostgreSQL's time is worth: a permit is about 0.1 ms.</summary>
    public const int PermitsPerMillisecond = 10;

    /// <summary>The number of questions the prices of work over them (counts, searches, statistics) are measured on.</summary>
    public const long ReferenceQuestions = 300_000;

    /// <summary>
    /// The price of work over the questions on a dataset of <paramref name="questions"/>: counting a filter's rows and
    /// aggregating read a share of them, so their time scales with the dataset (at least 1 permit). Full-text work scales
    /// with its matches instead (<see cref="Matched"/>).
    /// </summary>
    public static long Scaled(int price, long questions) =>
        Math.Max(1, (long)Math.Ceiling(price * (double)Math.Max(0, questions) / ReferenceQuestions));

    /// <summary>The price of the work over <paramref name="matches"/> rows at <paramref name="perPermit"/> rows a permit (at least 1).</summary>
    public static long Matched(long matches, int perPermit) => Math.Max(1, Ceiling(Math.Max(0, matches), perPermit));

    /// <summary>
    /// The price of a page of <paramref name="pageRows"/> rows of a full-text search with <paramref name="matches"/>
    /// matches among <paramref name="questions"/>. In date order (<paramref name="ranked"/> false), walking the date
    /// index reads about pageRows × questions / matches rows (the matches spread over the dates), while that is under
    /// <see cref="WalkPerMatch"/> times the matches (<see cref="FullTextSearch.WalksOrderIndex"/>, by which the page is
    /// also planned); otherwise, and by relevance, it reads every match.
    /// </summary>
    public static long SearchPage(long matches, long pageRows, long questions, bool ranked = false)
    {
        matches = Math.Max(0, matches);
        var rows = !ranked && FullTextSearch.WalksOrderIndex(matches, pageRows, questions)
            ? Saturating.Times(Math.Max(0, pageRows), Math.Max(1, questions)) / matches
            : matches;
        return SearchFloor + Matched(rows, SearchRowsPerPermit);
    }

    /// <summary>The price of counting a total of this kind (a full-text search's over its <paramref name="matches"/>).</summary>
    public static long Total(CountKind kind, long questions, long matches) => kind switch
    {
        CountKind.ByKey => KeyCount,
        CountKind.FullText => Matched(matches, MatchesCountedPerPermit),
        _ => Scaled(Count, questions),
    };

    /// <summary>
    /// The price of a batch's work on a dataset of <paramref name="questions"/>, and what it is for (for the caller who
    /// cannot pay it); 0 for reads by index alone. Full-text work is priced by the matches of the batch's searches (the
    /// most any of them has, estimated; every question when not estimated, none with <paramref name="fewestMatches"/>: the
    /// least the batch can cost).
    /// </summary>
    public static (long Price, string What) Of(BatchWork work, long questions, bool fewestMatches = false)
    {
        var matches = fewestMatches ? 0 : work.Matches ?? questions;
        var theMatches = fewestMatches ? "the matches" : work.Matches is null ? string.Create(CultureInfo.InvariantCulture, $"the matches (not yet estimated: all {matches})")
            : string.Create(CultureInfo.InvariantCulture, $"the {matches} estimated matches");
        var parts = new List<(long Price, string What)>();
        foreach (var kind in Enum.GetValues<CountKind>())
            if (work.Counts(kind) > 0)
                parts.Add((Saturating.Times(work.Counts(kind), Total(kind, questions, matches)), kind switch
                {
                    CountKind.FullText => $"counting {theMatches} of a full-text search",
                    CountKind.Filtered => "counting the rows a filter selects",
                    _ => "counting by an index",
                }));
        if (work.FullTextPages > 0)
        {
            var ordered = work.FullTextPages - Math.Min(work.FullTextPages, work.RankedSearches);
            var pageRows = work.FullTextPageRows / work.FullTextPages;
            parts.Add((Saturating.Add(Saturating.Times(ordered, SearchPage(matches, pageRows, questions)),
                Saturating.Times(work.FullTextPages - ordered, SearchPage(matches, pageRows, questions, ranked: true))), "finding a full-text search's page"));
        }
        if (work.RankedSearches > 0) parts.Add((Saturating.Times(work.RankedSearches, Matched(matches, MatchesRankedPerPermit)),
            $"ranking {theMatches} by relevance"));
        if (work.HighlightedRows > 0) parts.Add((Saturating.Times(work.HighlightedRows, Highlight), "highlighting the matched words"));
        foreach (var planned in work.Planned)
        {
            parts.Add(Planned(planned, questions, fewestMatches));
            // The planner prices testing a row against the words as a cheap operator: reading each match's words is what
            // a search-filtered statement costs, as counting them does (a timeline of a word in 194,000 questions: cost
            // 80,000, 1.1 s warm).
            if (planned.FullText) parts.Add((Matched(matches, MatchesCountedPerPermit), $"reading {theMatches} of the full-text search it filters by"));
        }
        if (work.NestedPages > 0) parts.Add((Ceiling(work.NestedPages, NestedPagesPerPermit), "reading a page of a list under each row"));
        if (work.Facets > 0) parts.Add((Saturating.Times(work.Facets, Scaled(Facet, questions)), "grouping every question for a facet"));
        if (work.SearchFacets > 0) parts.Add((Saturating.Times(work.SearchFacets, Matched(matches, MatchesGroupedPerPermit)), $"grouping {theMatches} for a facet"));
        if (work.SortedRows > 0) parts.Add((Ceiling(work.SortedRows, SortedRowsPerPermit), "reading and sorting the questions of the largest ministry for its page"));
        if (work.PageRows > 0) parts.Add((Ceiling(work.PageRows, PageRowsPerPermit), "reading the page's rows"));
        if (work.FigureRows > 0) parts.Add((Ceiling(work.FigureRows, FigureRowsPerPermit), "reading the figures the import computed"));
        var returned = Per(work.Values, ValuesPerPermit) + Per(work.Texts, TextsPerPermit) + Per(work.NestedTexts, NestedTextsPerPermit)
            + Per(work.Lookups, LookupsPerPermit) + Per(work.NestedLists, NestedListsPerPermit);
        if (returned > 0)
            parts.Add(((long)Math.Min(Math.Ceiling(returned), long.MaxValue / 2), string.Create(CultureInfo.InvariantCulture,
                $"returning {Saturating.Add(Saturating.Add(work.Values, work.Texts), work.NestedTexts)} values, {work.Lookups} related rows and {work.NestedLists} nested lists")));
        return (parts.Aggregate(0L, (sum, p) => Saturating.Add(sum, p.Price)), string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.What} ({p.Price})"))));
    }

    private static double Per(long count, int perPermit) => (double)count / perPermit;

    /// <summary>The permits of <paramref name="count"/> units at <paramref name="perPermit"/> each, a started permit whole; never overflows (counts saturate at long.MaxValue).</summary>
    private static long Ceiling(long count, int perPermit) => count / perPermit + (count % perPermit > 0 ? 1 : 0);

    /// <summary>
    /// Fields of a GraphQL document new to the server (once its fragments are expanded) per permit: such a document is
    /// validated, planned and compiled before its price is known, work of the API's and not PostgreSQL's, whether it then
    /// runs or is refused (invalid, too costly, over its Max-Cost). The largest allowed, 2,000 fields, took 7.4 ms of the
    /// API's CPU to be refused after compiling (2.9 ms when its last field was unknown), 3.7 µs a field: at a permit's
    /// 0.1 ms, one per 27. Before this price one client refused on purpose spent 35 s of the API's CPU a minute.
    /// </summary>
    public const int NewDocumentFieldsPerPermit = 25;

    /// <summary>What reading a GraphQL document new to the server costs beyond its request's permit (none under <see cref="NewDocumentFieldsPerPermit"/> fields).</summary>
    public static long NewDocument(long fields) => Math.Max(0, fields) / NewDocumentFieldsPerPermit;

    /// <summary>The price of an introspection query returning <paramref name="objects"/> objects.</summary>
    public static long Introspection(long objects) => Ceiling(objects, IntrospectionObjectsPerPermit);

    /// <summary>
    /// Each chunk of 1 MiB of a bulk file read (a stored value read out of line: 1–1.3 ms of PostgreSQL each, measured at
    /// 300,000 questions: the questions' 39 chunks in 40–50 ms warm).
    /// </summary>
    public const int DownloadChunk = 10;

    /// <summary>The price, beyond the request's permit, of reading <paramref name="chunks"/> chunks of a bulk file (at least one).</summary>
    public static long Download(long chunks) => Saturating.Times(Math.Max(1, chunks), DownloadChunk);

    /// <summary>The price of exporting <paramref name="rows"/> rows.</summary>
    public static long Export(long rows) => Ceiling(rows, ExportRowsPerPermit);
}
