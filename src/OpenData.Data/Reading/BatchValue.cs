namespace OpenData.Data.Reading;

/// <summary>
/// A value of a statement that is decided when its batch is sent, from what the batch's work learned after the statement
/// was written (a search's matches are estimated to price the request, before it runs). Stateless: a compiled query run
/// again decides it for its own batch.
/// </summary>
public abstract class BatchValue
{
    /// <summary>
    /// The value, given the matches estimated for each full-text search (null: not estimated) and the serving dataset's
    /// questions the request was priced on (<see cref="BatchWork.Questions"/>).
    /// </summary>
    internal abstract object Of(Func<FullTextSearch, long?> matches, long? questions);
}

/// <summary>
/// Whether a page of <see cref="PageRows"/> rows of <see cref="Search"/> reads its matches rather than walking its
/// order's index, by the rule its price follows (<see cref="FullTextSearch.WalksOrderIndex"/>): then it is read by the
/// search index and sorted (<see cref="Paging.Keyset.UnindexedWhen"/>). PostgreSQL guesses a word outside its statistics
/// at about 1,000 matches and walks: a word in no question, 5 rows in date order, read every question (0.9–1.3 s at
/// 300,000 questions, priced 6 permits). With its matches or the dataset's size not known, the planner chooses.
/// </summary>
public sealed class FewMatches(FullTextSearch search, long pageRows) : BatchValue
{
    public FullTextSearch Search { get; } = search;

    public long PageRows { get; } = pageRows;

    internal override object Of(Func<FullTextSearch, long?> matches, long? questions) =>
        matches(Search) is { } known && questions is { } size && !FullTextSearch.WalksOrderIndex(known, PageRows, size);
}
