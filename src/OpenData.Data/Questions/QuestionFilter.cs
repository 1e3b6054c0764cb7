namespace OpenData.Data.Questions;

/// <summary>The question filters, shared by REST and GraphQL. Every field is optional; all combine with AND.</summary>
public sealed record QuestionFilter
{
    /// <summary>French full-text search over title, topic and text (accents and case ignored, stemming).</summary>
    public string? Q { get; init; }
    /// <summary>Whether the filter is a full-text search (<see cref="Q"/> has words).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Q))]
    public bool Searches => !string.IsNullOrWhiteSpace(Q);
    /// <summary>The author's matricule, canonical (trimmed, upper case) when it can be one; as given otherwise, for the message that says it is not one (<see cref="Ids.SenatorFilter"/>).</summary>
    public string? Senator { get; init => field = value is null ? null : Ids.SenatorFilter(value); }
    public long? Ministry { get; init; }
    /// <summary>The ministry now in charge of the question: the one it was transferred to, else the one it was addressed to (how the statistics count).</summary>
    public long? HandledBy { get; init; }
    /// <summary>With <see cref="Ministry"/>: also the ministries it replaced, transitively.</summary>
    public bool Lineage { get; init; }
    public IReadOnlyList<string> Natures { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public int? Legislature { get; init; }
    public int? Theme { get; init; }
    /// <summary>The author's political group at the time of the question.</summary>
    public string? Group { get; init; }
    public DateOnly? PublishedFrom { get; init; }
    public DateOnly? PublishedTo { get; init; }
    public DateOnly? AnsweredFrom { get; init; }
    public DateOnly? AnsweredTo { get; init; }
    public bool? Overdue { get; init; }
    /// <summary>Changed by a dataset that landed at or after this instant (see <see cref="Changes.Updates"/>).</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    public static readonly IReadOnlyList<string> StatusValues = [.. QuestionKinds.Statuses.Select(s => s.Value)];
}

/// <summary>Orders of question lists; each is a keyset over (key, id).</summary>
public enum QuestionSort
{
    PublishedDesc,
    PublishedAsc,
    AnsweredDesc,
    DelayAsc,
    DelayDesc,
    Relevance,
    UpdatedDesc,
    UpdatedAsc,
}

/// <summary>What a question list may not be asked for, whatever the API: the one statement of these rules.</summary>
public enum QuestionRule
{
    /// <summary>Ordering by relevance needs a full-text query to rank against.</summary>
    RelevanceNeedsQuery,
    /// <summary>A ministry's lineage needs the ministry.</summary>
    LineageNeedsMinistry,
    /// <summary>A senator filter holds an id (a matricule like 08037L), not a name: names are searched in the senators.</summary>
    SenatorIsNotAnId,
    /// <summary>publishedFrom after publishedTo: a range that selects nothing by construction.</summary>
    PublishedRangeReversed,
    /// <summary>answeredFrom after answeredTo.</summary>
    AnsweredRangeReversed,
}

public static class QuestionRules
{
    /// <summary>How the total of the list is counted: by the full-text index, by a senator's or a ministry's index, or over the rows a filter selects.</summary>
    public static Reading.CountKind CountKind(this QuestionFilter filter) =>
        filter.Searches ? Reading.CountKind.FullText
        : filter.Natures.Count == 0 && filter.Statuses.Count == 0 && filter is { HandledBy: null, Legislature: null, Theme: null, Group: null, PublishedFrom: null, PublishedTo: null,
            AnsweredFrom: null, AnsweredTo: null, Overdue: null, UpdatedSince: null } ? Reading.CountKind.ByKey
        : Reading.CountKind.Filtered;

    /// <summary>
    /// Whether the filter selects rows clustered in time that no order's index finds, but an index of their own does (a
    /// ministry's questions, by the index of their ministries; those answered in a period, by the answers' dates): its
    /// pages are read by that index and sorted (<see cref="Paging.Keyset.Unindexed"/>), each page reading every row the
    /// filter selects, and priced so. Walking the date order for them read most of the table for a past ministry or a
    /// past year's answers. So does a filter of unanswered questions alone in an order of the answers (latest answered,
    /// delays), where unanswered questions come last: walking that order read every answered question first (overdue
    /// questions by latest answer: 270 ms for a page priced 41 at 300,000 questions).
    /// </summary>
    public static bool PagesReadEveryRow(this QuestionFilter filter, QuestionSort sort) =>
        filter.Ministry is not null || filter.AnsweredFrom is not null || filter.AnsweredTo is not null
        || sort is QuestionSort.AnsweredDesc or QuestionSort.DelayAsc or QuestionSort.DelayDesc && filter.UnansweredOnly();

    /// <summary>Whether the filter selects no answered question: overdue ones, or statuses that are not "answered".</summary>
    private static bool UnansweredOnly(this QuestionFilter filter) =>
        filter.Overdue == true || filter.Statuses.Count > 0 && !filter.Statuses.Contains(QuestionKinds.Answered);

    /// <summary>The rules the list breaks (none for a valid one); <paramref name="ministryFixed"/> when the route or the parent names the ministry.</summary>
    public static IReadOnlyList<QuestionRule> Broken(this QuestionFilter filter, QuestionSort sort, bool ministryFixed = false)
    {
        var broken = new List<QuestionRule>();
        if (sort == QuestionSort.Relevance && !filter.Searches) broken.Add(QuestionRule.RelevanceNeedsQuery);
        if (filter.Lineage && filter.Ministry is null && !ministryFixed) broken.Add(QuestionRule.LineageNeedsMinistry);
        if (filter.Senator is { } senator && !Ids.CanBeSenator(senator)) broken.Add(QuestionRule.SenatorIsNotAnId);
        if (filter.PublishedFrom > filter.PublishedTo) broken.Add(QuestionRule.PublishedRangeReversed);
        if (filter.AnsweredFrom > filter.AnsweredTo) broken.Add(QuestionRule.AnsweredRangeReversed);
        return broken;
    }

    /// <summary>The filter field a broken rule is about (REST's parameter, GraphQL's filter field), and why, in words.</summary>
    public static (string Field, string Problem) Explain(this QuestionRule rule, QuestionFilter filter) => rule switch
    {
        QuestionRule.RelevanceNeedsQuery => ("sort", "relevance needs a full-text query q"),
        QuestionRule.LineageNeedsMinistry => ("lineage", "lineage needs a ministry"),
        QuestionRule.SenatorIsNotAnId => ("senator", $"'{filter.Senator}' is not a senator id (the Senate's matricule, like 08037L): find a senator by name with /v1/senators?q={Uri.EscapeDataString(filter.Senator ?? "")} (GraphQL: senators(filter: {{q: ...}}))"),
        QuestionRule.PublishedRangeReversed => ("publishedFrom", $"publishedFrom {filter.PublishedFrom:yyyy-MM-dd} is after publishedTo {filter.PublishedTo:yyyy-MM-dd}"),
        _ => ("answeredFrom", $"answeredFrom {filter.AnsweredFrom:yyyy-MM-dd} is after answeredTo {filter.AnsweredTo:yyyy-MM-dd}"),
    };
}
