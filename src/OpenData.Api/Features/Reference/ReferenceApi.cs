using OpenData.Api.Rest;
using OpenData.Data.Paging;
using OpenData.Data.Reference;

namespace OpenData.Api.Features.Reference;

public static class ReferenceApi
{
    /// <summary>The lookup lists are small and served whole: the only parameter is the format.</summary>
    private static readonly IReadOnlyList<ApiParameter> Parameters = [ApiParameter.Format];

    public static void MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/themes", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference.ThemesAsync, ThemeResponse.From, ThemeResponse.CsvColumns, ct))
            .WithName("ListThemes").WithTags("Reference")
            .WithSummary("Themes of the Senate's classification")
            .WithDescription("Every theme, in the Senate's order, with its number of questions. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<ThemeResponse>();

        app.MapGet("/v1/groups", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference.GroupsAsync, GroupResponse.From, GroupResponse.CsvColumns, ct))
            .WithName("ListGroups").WithTags("Reference")
            .WithSummary("Political groups")
            .WithDescription("Every political group met in the dataset (current groups, past memberships, groups at the time of questions), by code, with its numbers of senators. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<GroupResponse>();

        app.MapGet("/v1/legislatures", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference.LegislaturesAsync, LegislatureResponse.From, LegislatureResponse.CsvColumns, ct))
            .WithName("ListLegislatures").WithTags("Reference")
            .WithSummary("Legislatures")
            .WithDescription("Every legislature, latest first, with its dates and number of questions. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<LegislatureResponse>();
    }

    private static async Task<IResult> ListAsync<TRow, TOut>(HttpContext http, Func<CancellationToken, Task<IReadOnlyList<TRow>>> read,
        Func<TRow, TOut> map, IReadOnlyList<CsvColumn<TOut>> columns, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, Parameters);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        binder.ThrowIfInvalid();

        var rows = await read(ct);
        if (format != ResponseFormat.Json)
            return ListResults.Export(format, rows.Select(map).ToList(), columns);
        return ListResults.Page(http, new Page<TRow>(rows, [], rows.Count, null), rows.Count, map);
    }
}
