using OpenData.Api.Rest;
using OpenData.Data.Ministries;

namespace OpenData.Api.Features.Ministries;

public static class MinistriesApi
{
    public static void MapMinistriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/ministries", ListAsync)
            .WithName("ListMinistries").WithTags("Ministries")
            .WithSummary("Search and list ministries")
            .WithDescription("Ministries of every government, latest first (by start date, then id; those without a start date last), with keyset paging and CSV/NDJSON export.")
            .WithParameters(MinistryParameters.List())
            .ProducesList<MinistryResponse>();

        app.MapGet("/v1/ministries/{id}", GetAsync)
            .WithName("GetMinistry").WithTags("Ministries")
            .WithSummary("One ministry, with its successor and predecessors")
            .WithDescription("The id is the Senate's minid, an integer (anything else is a 400 naming id). Its questions are at /v1/ministries/{id}/questions (with lineage=true, also those of its predecessors).")
            .WithParameters([]).WithMinistryId()
            .ProducesResource<MinistryDetailResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, MinistryQueries ministries, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, MinistryParameters.List());
        var filter = MinistryParameters.BindFilter(binder);
        var sort = MinistryParameters.BindSort(binder);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();

        if (format != ResponseFormat.Json)
            return ListResults.Export(format, () => ministries.Export(filter, cursor, limit, format == ResponseFormat.Csv, ct, sort), MinistryRepresentations.Ministry);
        return ListResults.Page(http, await ministries.JsonPageAsync(filter, cursor, limit!.Value, ct, sort), limit.Value);
    }

    /// <summary>A ministry id of a path: an integer, or a 400 naming the parameter like any malformed value.</summary>
    public static long ParseId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiProblemException.BadParameter("id", $"'{(id.Length > 40 ? id[..40] + "…" : id)}' is not a ministry id: use the integer minid, e.g. 900");

    private static async Task<IResult> GetAsync(string id, HttpContext http, MinistryQueries ministries, CancellationToken ct)
    {
        var ministryId = ParseId(id);
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        return TypedResults.Ok(await ministries.DetailAsync(ministryId, ct) ?? throw ApiProblemException.NotFound($"There is no ministry {ministryId}."));
    }
}
