using OpenData.Api.Rest;
using OpenData.Data.Paging;
using OpenData.Data.Reference;
using OpenData.Data.Representations;

namespace OpenData.Api.Features.Reference;

public static class ReferenceApi
{
    /// <summary>The lookup lists are small and served whole: the only parameter is the format.</summary>
    private static readonly IReadOnlyList<ApiParameter> Parameters = [ApiParameter.Format];

    public static void MapReferenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/themes", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference, ReferenceRepresentations.Themes, ct))
            .WithName("ListThemes").WithTags("Reference")
            .WithSummary("Themes of the Senate's classification")
            .WithDescription("Every theme, in the Senate's order, with its number of questions. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<ThemeResponse>();

        app.MapGet("/v1/groups", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference, ReferenceRepresentations.Groups, ct))
            .WithName("ListGroups").WithTags("Reference")
            .WithSummary("Political groups")
            .WithDescription("Every political group met in the dataset (current groups, past memberships, groups at the time of questions), by code, with its numbers of senators. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<GroupResponse>();

        app.MapGet("/v1/legislatures", (HttpContext http, ReferenceQueries reference, CancellationToken ct) =>
                ListAsync(http, reference, ReferenceRepresentations.Legislatures, ct))
            .WithName("ListLegislatures").WithTags("Reference")
            .WithSummary("Legislatures")
            .WithDescription("Every legislature, latest first, with its dates and number of questions. Served whole (no paging); also as CSV or NDJSON.")
            .WithParameters(Parameters)
            .ProducesList<LegislatureResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, ReferenceQueries reference, ReferenceList list, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, Parameters);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        binder.ThrowIfInvalid();

        var rows = await reference.ListAsync(list, format == ResponseFormat.Csv, ct);
        if (format != ResponseFormat.Json)
            return ListResults.Export(format, rows, ListResults.CsvColumns(list.Representation));
        return ListResults.Page(http, new Page<JsonRow>(rows, [], rows.Count, null), rows.Count);
    }
}
