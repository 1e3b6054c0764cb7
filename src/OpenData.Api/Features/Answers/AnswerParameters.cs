using OpenData.Data.Paging;
using OpenData.Api.Rest;
using OpenData.Data.Answers;

namespace OpenData.Api.Features.Answers;

/// <summary>The filters and sorts of the answers list, and how they bind to the query layer's filter.</summary>
public static class AnswerParameters
{
    public static readonly ApiParameter Q = ApiParameter.Text("q",
        "French full-text search over the answer's text: accents and case ignored, stemming (\"désertification médicale\" finds \"desertification medicales\"). Supports \"quoted phrases\", or, -exclusion.",
        "désertification médicale");
    public static readonly ApiParameter Ministry = new("ministry", ParameterKind.Integer,
        "Id of the answering ministry (see /v1/ministries).") { Example = "121" };
    public static readonly ApiParameter PublishedFrom = ApiParameter.Date("publishedFrom", "Answers published on or after this date.", "2024-01-01");
    public static readonly ApiParameter PublishedTo = ApiParameter.Date("publishedTo", "Answers published on or before this date.", "2024-12-31");
    public static readonly ApiParameter Sort = ApiParameter.Sort(AnswerQueries.Sorts);

    public static readonly IReadOnlyList<ApiParameter> List =
        [Q, Ministry, PublishedFrom, PublishedTo, ApiParameter.UpdatedSince, Sort, ApiParameter.Limit, ApiParameter.Cursor, ApiParameter.Format];

    public static AnswerFilter BindFilter(QueryBinder binder)
    {
        var (from, to) = binder.DateRange(PublishedFrom, PublishedTo);
        return new()
        {
            Q = binder.Text(Q),
            Ministry = binder.Long(Ministry),
            PublishedFrom = from,
            PublishedTo = to,
            UpdatedSince = binder.Timestamp(ApiParameter.UpdatedSince),
        };
    }

    public static AnswerSort BindSort(QueryBinder binder) => AnswerQueries.Sorts.Named(binder.Choice(Sort))?.Sort ?? AnswerQueries.Sorts[0].Sort;
}
