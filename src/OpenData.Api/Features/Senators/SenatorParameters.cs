using OpenData.Api.Rest;
using OpenData.Data.Paging;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Senators;

/// <summary>The senator filters of the REST API, and how they bind to the query layer's filter.</summary>
public static class SenatorParameters
{
    public static readonly ApiParameter Q = ApiParameter.Text("q",
        "Part of the senator's first or last name, accents and case ignored (\"helene\" finds \"Hélène\").", "helene");
    public static readonly ApiParameter Active = ApiParameter.Boolean("active",
        "true: senators currently sitting; false: former senators.");
    public static readonly ApiParameter Group = ApiParameter.Text("group",
        "Current (or last) political group code, exact match (see /v1/groups).", "UC");
    public static readonly ApiParameter Constituency = ApiParameter.Text("constituency",
        "Constituency (circonscription) as published by the Senate, exact match.", "Paris");

    public static readonly ApiParameter Sort = ApiParameter.Sort(SenatorQueries.Sorts);

    public static IReadOnlyList<ApiParameter> List() =>
        [Q, Active, Group, Constituency, ApiParameter.UpdatedSince, Sort, ApiParameter.Limit, ApiParameter.Cursor, ApiParameter.Format];

    public static SenatorSort BindSort(QueryBinder binder) => SenatorQueries.Sorts.Named(binder.Choice(Sort))?.Sort ?? SenatorQueries.Sorts[0].Sort;

    public static SenatorFilter BindFilter(QueryBinder binder) => new()
    {
        Q = binder.Text(Q),
        Active = binder.Boolean(Active),
        Group = binder.Text(Group),
        Constituency = binder.Text(Constituency),
        UpdatedSince = binder.Timestamp(ApiParameter.UpdatedSince),
    };
}
