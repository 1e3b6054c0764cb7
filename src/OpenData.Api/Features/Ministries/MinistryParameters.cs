using OpenData.Api.Rest;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;

namespace OpenData.Api.Features.Ministries;

/// <summary>The ministry filters of the REST API, and how they bind to the query layer's filter.</summary>
public static class MinistryParameters
{
    public static readonly ApiParameter Q = ApiParameter.Text("q",
        "Part of the ministry's name, full name or minister's name, accents and case ignored.", "interieur");
    public static readonly ApiParameter Current = ApiParameter.Boolean("current",
        "true: ministries of the government in office; false: past ones.");

    public static readonly ApiParameter Sort = ApiParameter.Sort(MinistryQueries.Sorts);

    public static IReadOnlyList<ApiParameter> List() =>
        [Q, Current, ApiParameter.UpdatedSince, Sort, ApiParameter.Limit, ApiParameter.Cursor, ApiParameter.Format];

    public static MinistrySort BindSort(QueryBinder binder) => MinistryQueries.Sorts.Named(binder.Choice(Sort))?.Sort ?? MinistryQueries.Sorts[0].Sort;

    public static MinistryFilter BindFilter(QueryBinder binder) => new()
    {
        Q = binder.Text(Q),
        Current = binder.Boolean(Current),
        UpdatedSince = binder.Timestamp(ApiParameter.UpdatedSince),
    };
}
