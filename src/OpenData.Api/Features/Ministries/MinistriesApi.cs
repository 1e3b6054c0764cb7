using OpenData.Api.Rest;
using OpenData.Data.Ministries;
using OpenData.Data.Reading;

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

        app.MapGet("/v1/ministries/{id:long}", GetAsync)
            .WithName("GetMinistry").WithTags("Ministries")
            .WithSummary("One ministry, with its successor and predecessors")
            .WithDescription("The id is the Senate's minid (a non-numeric id matches no ministry: 404). Its questions are at /v1/ministries/{id}/questions (with lineage=true, also those of its predecessors).")
            .WithParameters([])
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
            return ListResults.Export(format, () => ministries.Export(filter, cursor, limit, ct, sort), MinistryResponse.From, MinistryResponse.CsvColumns);
        var page = await ministries.PageAsync(filter, cursor, limit!.Value, ct, sort);
        return ListResults.Page(http, page, limit.Value, MinistryResponse.From);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext http, DatasetSession session, MinistryQueries ministries, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        var batch = session.Batch();
        var found = ministries.ByIds(batch, [id]);
        var neighbours = ministries.Neighbours(batch, id);
        await batch.RunAsync(ct);
        var ministry = found.Value.GetValueOrDefault(id) ?? throw ApiProblemException.NotFound($"There is no ministry {id}.");
        var related = neighbours.Value;
        MinistryRef Ref(long relatedId) => new(relatedId, related.GetValueOrDefault(relatedId)?.Name);
        return TypedResults.Ok(new MinistryDetailResponse(MinistryResponse.From(ministry))
        {
            Successor = ministry.SuccessorId is { } successor ? Ref(successor) : null,
            Predecessors = ministry.PredecessorIds.Select(Ref).ToList(),
        });
    }
}
