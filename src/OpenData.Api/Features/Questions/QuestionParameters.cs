using OpenData.Data.Paging;
using OpenData.Api.Rest;
using OpenData.Data.Questions;

namespace OpenData.Api.Features.Questions;

/// <summary>The question filters, sorts and facets of the REST API, and how they bind to the query layer's filter.</summary>
public static class QuestionParameters
{
    public static readonly ApiParameter Q = ApiParameter.Text("q",
        "French full-text search over title, topic and text: accents and case ignored, stemming (\"désertification médicale\" finds \"desertification medicales\"). Supports \"quoted phrases\", or, -exclusion.",
        "désertification médicale");
    public static readonly ApiParameter Senator = ApiParameter.Text("senator", "Author's senator id (matricule).", "08037L");
    public static readonly ApiParameter Ministry = new("ministry", ParameterKind.Integer,
        "Ministry id: questions addressed to, transferred to or answered by it.") { Example = "121" };
    public static readonly ApiParameter HandledBy = ApiParameter.Integer("handledBy",
        "Ministry id: questions now in its charge (transferred to it, or addressed to it and not transferred away), as the statistics count them.",
        minimum: 0, example: "900");
    public static readonly ApiParameter Lineage = ApiParameter.Boolean("lineage",
        "With ministry: also the ministries it replaced after reshuffles, transitively (its predecessors).");
    public static readonly ApiParameter Nature = ApiParameter.Choice("nature",
        "Kind of question (repeatable): " + ApiParameter.Meanings(QuestionKinds.Natures.Select(n => (n.Value, n.Description))),
        [.. QuestionKinds.Natures.Select(n => n.Value)], repeatable: true);
    public static readonly ApiParameter Status = ApiParameter.Choice("status",
        "Status (repeatable): " + ApiParameter.Meanings(QuestionKinds.Statuses.Select(n => (n.Value, n.Description))),
        QuestionFilter.StatusValues, repeatable: true);
    public static readonly ApiParameter Legislature = ApiParameter.Integer("legislature", "Legislature number.", minimum: 1, maximum: 1000, example: "17");
    public static readonly ApiParameter Theme = ApiParameter.Integer("theme", "Theme id (see /v1/themes).", minimum: 0, example: "5");
    public static readonly ApiParameter Group = ApiParameter.Text("group", "The author's political group code at the time of the question (see /v1/groups).", "UC");
    public static readonly ApiParameter PublishedFrom = ApiParameter.Date("publishedFrom", "Published on or after this date.", "2024-01-01");
    public static readonly ApiParameter PublishedTo = ApiParameter.Date("publishedTo", "Published on or before this date.", "2024-12-31");
    public static readonly ApiParameter AnsweredFrom = ApiParameter.Date("answeredFrom", "Answered on or after this date.", "2024-01-01");
    public static readonly ApiParameter AnsweredTo = ApiParameter.Date("answeredTo", "Answered on or before this date.", "2024-12-31");
    public static readonly ApiParameter Overdue = ApiParameter.Boolean("overdue",
        "true: written questions still awaiting an answer after their two-month deadline; false: all others.");
    public static readonly ApiParameter Sort = ApiParameter.Sort(QuestionQueries.Sorts);
    public static readonly ApiParameter Highlight = ApiParameter.Boolean("highlight",
        "With q: adds to each question an excerpt of its title and text with the matched words between <mark> and </mark>. Asked for, since making the excerpts costs more than the search itself.");
    public static readonly ApiParameter Facets = ApiParameter.Choice("facets",
        $"Adds meta.facets: for each named facet, the values under the current filters with their counts (at most {QuestionFacets.MaxValues} per facet, most frequent first). Comma-separated or repeated.",
        QuestionFacets.Names, repeatable: true);

    /// <summary>The filters of a question list (without the senator or ministry a nested route fixes).</summary>
    public static IReadOnlyList<ApiParameter> Filters(bool senatorFixed = false, bool ministryFixed = false) =>
    [
        Q, .. senatorFixed ? Array.Empty<ApiParameter>() : [Senator], .. ministryFixed ? Array.Empty<ApiParameter>() : [Ministry], Lineage, HandledBy,
        Nature, Status, Legislature, Theme, Group, PublishedFrom, PublishedTo, AnsweredFrom, AnsweredTo, Overdue, ApiParameter.UpdatedSince,
    ];

    public static IReadOnlyList<ApiParameter> List(bool senatorFixed = false, bool ministryFixed = false) =>
        [.. Filters(senatorFixed, ministryFixed), Sort, Highlight, Facets, ApiParameter.Limit, ApiParameter.Cursor, ApiParameter.Format];

    public static QuestionFilter BindFilter(QueryBinder binder) => new()
    {
        Q = binder.Text(Q),
        Senator = binder.Text(Senator),
        Ministry = binder.Long(Ministry),
        HandledBy = binder.Long(HandledBy),
        Lineage = binder.Boolean(Lineage) ?? false,
        Natures = binder.Choices(Nature),
        Statuses = binder.Choices(Status),
        Legislature = binder.Integer(Legislature),
        Theme = binder.Integer(Theme),
        Group = binder.Text(Group),
        PublishedFrom = binder.Date(PublishedFrom),
        PublishedTo = binder.Date(PublishedTo),
        AnsweredFrom = binder.Date(AnsweredFrom),
        AnsweredTo = binder.Date(AnsweredTo),
        Overdue = binder.Boolean(Overdue),
        UpdatedSince = binder.Timestamp(ApiParameter.UpdatedSince),
    };

    public static QuestionSort BindSort(QueryBinder binder) => QuestionQueries.Sorts.Named(binder.Choice(Sort))?.Sort ?? QuestionQueries.Sorts[0].Sort;

    /// <summary>
    /// Fails on every rule the filter (as the client gave it) breaks with its order: <see cref="QuestionRules.Broken"/>, the
    /// one statement of them, GraphQL's too. <paramref name="ministryFixed"/> when the route names the ministry.
    /// </summary>
    public static void Check(QueryBinder binder, QuestionFilter filter, QuestionSort sort = QuestionSort.PublishedDesc, bool ministryFixed = false)
    {
        foreach (var rule in filter.Broken(sort, ministryFixed))
        {
            var (field, problem) = rule.Explain(filter);
            binder.Fail(field, problem);
        }
    }
}
