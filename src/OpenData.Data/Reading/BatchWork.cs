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

/// <summary>Work priced by PostgreSQL's estimate of its statement's cost (of its rows for <see cref="Figures"/>), with the kind's price as a fallback.</summary>
public enum PlannedWork
{
    /// <summary>Counting the questions or answers a filter selects.</summary>
    Count,
    /// <summary>Counting the questions of one senator or one ministry by an index (and the page in order that comes with it).</summary>
    KeyCount,
    /// <summary>Statistics per ministry computed from the filtered questions, without the Kaplan-Meier delays (GraphQL, when not selected).</summary>
    Statistics,
    /// <summary>Statistics per ministry computed from the filtered questions with their Kaplan-Meier delays (arrays of every question's delay per ministry).</summary>
    StatisticsWithDelays,
    /// <summary>A timeline computed from the filtered questions.</summary>
    Timeline,
    /// <summary>A page whose rows are all read and sorted (the filter's rows found by their own index, not in the page's order).</summary>
    SortedPage,
    /// <summary>
    /// Statistics the import computed (without filters but current), read as they are: priced by the rows the planner
    /// estimates the statement returns, not by its cost (the cost of such figures, 70–470, did not follow their time: a
    /// cost of 156 took 2 ms for 919 rows, of 468 1.25 ms for 591).
    /// </summary>
    Figures,
}

/// <summary>
/// A statement of the batch whose work depends on how many rows its filter selects and how they are found: priced by
/// the cost PostgreSQL's planner estimates for it (<see cref="Cost"/>, set by the session before the batch is priced,
/// remembered per dataset version), or by its kind while not estimated.
/// </summary>
public sealed class PlannedStatement
{
    internal PlannedStatement(PlannedWork work, string sql, Sql.SqlValues values, bool fullText)
    {
        Work = work;
        Sql = sql;
        Values = values;
        FullText = fullText;
        Key = values.Fingerprint(sql);
    }

    public PlannedWork Work { get; }

    /// <summary>Whether its filter is a full-text search: it then reads every match's words, which its cost does not say.</summary>
    public bool FullText { get; }

    /// <summary>The statement, naming values of <see cref="Values"/> by position.</summary>
    internal string Sql { get; }

    internal Sql.SqlValues Values { get; }

    /// <summary>The statement and the values it names: what its estimate is remembered by.</summary>
    internal string Key { get; }

    /// <summary>
    /// The planner's total cost for the statement, planned for its values (for <see cref="PlannedWork.Figures"/>, the rows it
    /// estimates the statement returns); null when not estimated.
    /// </summary>
    public double? Cost { get; internal set; }
}

/// <summary>
/// What a batch asks of PostgreSQL, recorded by the query classes and the GraphQL compiler as they add their statements,
/// so that a request can be priced before it runs (the API charges it to the caller's quota): the work beyond finding
/// rows by an index, and for a compiled GraphQL query what it returns, each value as many times as rows can reach it.
/// A total already counted for this dataset, or a precomputed figure, is not work. Counters saturate.
/// </summary>
public sealed class BatchWork
{
    /// <summary>The amounts of work recorded, one per <see cref="Amount"/>: one array, so that every one of them is added by <see cref="Add(BatchWork)"/>.</summary>
    private enum Amount { FullTextPages, FullTextPageRows, RankedSearches, HighlightedRows, Values, Texts, NestedTexts, Lookups, NestedLists, Facets, SearchFacets, SortedRows, PageRows, NestedPages, FigureRows }

    private readonly long[] counts = new long[3];
    private readonly long[] amounts = new long[Enum.GetValues<Amount>().Length];
    private readonly HashSet<FullTextSearch> searches = [];
    private readonly List<PlannedStatement> planned = [];

    /// <summary>Statements priced by the planner's estimate of their cost (filtered counts, live statistics and timelines).</summary>
    public IReadOnlyList<PlannedStatement> Planned => planned;

    /// <summary>Totals to count, by kind.</summary>
    public long Counts(CountKind kind) => counts[(int)kind];

    /// <summary>The full-text searches of the batch (what its full-text work is over).</summary>
    public IReadOnlyCollection<FullTextSearch> Searches => searches;

    /// <summary>
    /// The most rows any of <see cref="Searches"/> matches, as PostgreSQL estimates them, or counted when it estimates
    /// few (<see cref="FullTextSearch.CountedBelow"/>; set by the session before the batch is priced); null when not
    /// estimated (every row may match).
    /// </summary>
    public long? Matches { get; internal set; }

    /// <summary>The serving dataset's questions the batch was priced on (set by the API as it prices it); null before.</summary>
    public long? Questions { get; set; }

    /// <summary>Statements PostgreSQL's planner estimated for this batch (its new searches and planned statements).</summary>
    public int Estimated { get; internal set; }

    /// <summary>Of <see cref="Estimated"/>, the live timelines (whose planning takes longest: 1.1–1.7 ms at 300,000 questions).</summary>
    public int EstimatedTimelines { get; internal set; }

    /// <summary>Whether the planner was asked for this batch's estimates: once, when it is priced.</summary>
    internal bool EstimatesAsked { get; set; }

    /// <summary>Pages of a full-text search.</summary>
    public long FullTextPages => amounts[(int)Amount.FullTextPages];

    /// <summary>The rows <see cref="FullTextPages"/> ask for, all pages together (what decides how far a page in date order walks).</summary>
    public long FullTextPageRows => amounts[(int)Amount.FullTextPageRows];

    /// <summary>Full-text searches ordered by relevance (every match ranked).</summary>
    public long RankedSearches => amounts[(int)Amount.RankedSearches];

    /// <summary>Rows whose text is parsed again to mark the matched words.</summary>
    public long HighlightedRows => amounts[(int)Amount.HighlightedRows];

    /// <summary>Values returned that are short (numbers, dates, codes, names), over every row.</summary>
    public long Values => amounts[(int)Amount.Values];

    /// <summary>Values returned that are long texts (a question's or an answer's text), once in their row, outside lists under other rows.</summary>
    public long Texts => amounts[(int)Amount.Texts];

    /// <summary>Long texts returned in a list under another row (a senator's questions, a twin group), or again by an alias in their row.</summary>
    public long NestedTexts => amounts[(int)Amount.NestedTexts];

    /// <summary>Rows found by their key for another row (a question's author, its ministry, its answer), over every row.</summary>
    public long Lookups => amounts[(int)Amount.Lookups];

    /// <summary>Lists read under another row (a question's themes, a senator's questions), over every row.</summary>
    public long NestedLists => amounts[(int)Amount.NestedLists];

    /// <summary>Facets grouping every question (no filter narrows them).</summary>
    public long Facets => amounts[(int)Amount.Facets];

    /// <summary>Facets grouping the matches of a full-text search.</summary>
    public long SearchFacets => amounts[(int)Amount.SearchFacets];

    /// <summary>Rows read and sorted for a page under other rows beyond what their count prices (the largest ministry's questions).</summary>
    public long SortedRows => amounts[(int)Amount.SortedRows];

    /// <summary>Rows of a REST page of questions or answers (each with its text and the names it is listed with).</summary>
    public long PageRows => amounts[(int)Amount.PageRows];

    /// <summary>Pages of a connection read under another row (a senator's questions in keyset order), over every row.</summary>
    public long NestedPages => amounts[(int)Amount.NestedPages];

    /// <summary>Rows of figures the import computed, read as they are (a timeline's periods).</summary>
    public long FigureRows => amounts[(int)Amount.FigureRows];

    /// <summary>The amounts a batch reading rows by their keys alone may record (<see cref="ByKeysAlone"/>).</summary>
    private static readonly Amount[] ByKeys = [Amount.Values, Amount.Texts, Amount.NestedTexts, Amount.Lookups];

    /// <summary>The amounts no batch reading rows by their keys alone records: any amount added later is one of them.</summary>
    private static readonly int[] NotByKeys = [.. Enum.GetValues<Amount>().Except(ByKeys).Select(a => (int)a)];

    /// <summary>
    /// Whether the batch reads nothing but rows found by their keys (and what they hold): it returns values and texts
    /// and looks rows up, nothing else (no list under a row, page, search, total, figure, facet or statement priced by
    /// the planner). A root list of GraphQL records none of these: whether the roots are lookups is for the caller to say.
    /// </summary>
    public bool ByKeysAlone => searches.Count == 0 && planned.Count == 0 && counts.All(c => c == 0) && NotByKeys.All(a => amounts[a] == 0);

    internal void Searched(FullTextSearch search) => searches.Add(search);

    /// <summary>Records the work <paramref name="other"/> recorded (a compiled query reused): what its statements do, not what was estimated for them.</summary>
    internal void Add(BatchWork other)
    {
        for (var i = 0; i < counts.Length; i++) counts[i] = Saturating.Add(counts[i], other.counts[i]);
        for (var i = 0; i < amounts.Length; i++) amounts[i] = Saturating.Add(amounts[i], other.amounts[i]);
        searches.UnionWith(other.searches);
        planned.AddRange(other.planned);
    }

    /// <summary>Records <paramref name="sql"/> (whose values are in <paramref name="values"/>) to be priced by its estimated cost.</summary>
    internal void Plan(PlannedWork work, string sql, Sql.SqlValues values, bool fullText = false) => planned.Add(new PlannedStatement(work, sql, values, fullText));

    internal void Count(CountKind kind, long times = 1) => counts[(int)kind] = Saturating.Add(counts[(int)kind], times);

    /// <summary>Records <paramref name="times"/> pages of a full-text search of <paramref name="pageRows"/> rows each (null: every match).</summary>
    internal void Search(bool ranked, long? pageRows, long highlightedRows, long times = 1)
    {
        Record(Amount.FullTextPages, times);
        Record(Amount.FullTextPageRows, Saturating.Times(times, pageRows ?? long.MaxValue));
        if (ranked) Record(Amount.RankedSearches, times);
        Record(Amount.HighlightedRows, highlightedRows);
    }

    internal void Highlight(long rows) => Record(Amount.HighlightedRows, rows);

    internal void Value(long rows) => Record(Amount.Values, rows);

    internal void Text(long rows, bool nested) => Record(nested ? Amount.NestedTexts : Amount.Texts, rows);

    internal void Lookup(long rows) => Record(Amount.Lookups, rows);

    internal void NestedList(long rows) => Record(Amount.NestedLists, rows);

    internal void NestedPage(long rows) => Record(Amount.NestedPages, rows);

    internal void SortedRow(long rows) => Record(Amount.SortedRows, rows);

    internal void PageRow(long rows) => Record(Amount.PageRows, rows);

    internal void FigureRow(long rows) => Record(Amount.FigureRows, rows);

    internal void Facet() => Record(Amount.Facets, 1);

    internal void SearchFacet() => Record(Amount.SearchFacets, 1);

    private void Record(Amount amount, long times) => amounts[(int)amount] = Saturating.Add(amounts[(int)amount], times);
}
