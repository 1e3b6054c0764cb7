namespace OpenData.Data.Reading;

/// <summary>
/// A value of a statement that is decided when its batch is sent, from what the batch's work learned after the statement
/// was written (a search's matches are estimated to price the request, before it runs). Stateless: a compiled query run
/// again decides it for its own batch.
/// </summary>
public abstract class BatchValue
{
    /// <summary>The value, given the matches estimated for each full-text search (null: not estimated).</summary>
    internal abstract object Of(Func<FullTextSearch, long?> matches);
}

/// <summary>
/// Whether a search is known to match few rows, at most <see cref="FullTextSearch.CountedBelow"/>
/// (then counted, not guessed): a page of such a search in an order of an index is read by the search index and sorted
/// (<see cref="Paging.Keyset.UnindexedWhen"/>), not by walking the order's index until the page is full. PostgreSQL
/// guesses a rare word at about 1,000 matches and walks: a word in no question, 5 rows in date order, read every question
/// (0.9–1.3 s at 300,000 questions, priced 6 permits). Not known (not estimated), the planner chooses.
/// </summary>
public sealed class FewMatches(FullTextSearch search) : BatchValue
{
    public FullTextSearch Search { get; } = search;

    internal override object Of(Func<FullTextSearch, long?> matches) => matches(Search) is { } known && known <= FullTextSearch.CountedBelow;
}
