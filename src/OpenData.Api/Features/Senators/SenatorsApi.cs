using OpenData.Api.Rest;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Senators;

public static class SenatorsApi
{
    public static void MapSenatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/senators", ListAsync)
            .WithName("ListSenators").WithTags("Senators")
            .WithSummary("Search and list senators")
            .WithDescription("Senators, sitting and former, sorted by last name, first name and id (or by updatedAt), with keyset paging and CSV/NDJSON export. Each comes with the history of their political groups.")
            .WithParameters(SenatorParameters.List())
            .ProducesList<SenatorResponse>();

        app.MapGet("/v1/senators/{id}", GetAsync)
            .WithName("GetSenator").WithTags("Senators")
            .WithSummary("One senator, with the history of their political groups")
            .WithDescription("The id is the Senate's matricule (e.g. 08037L). Their questions are at /v1/senators/{id}/questions.")
            .WithParameters([]).WithSenatorId()
            .ProducesResource<SenatorResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, SenatorQueries senators, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, SenatorParameters.List());
        var filter = SenatorParameters.BindFilter(binder);
        var sort = SenatorParameters.BindSort(binder);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();

        if (format != ResponseFormat.Json)
            return ListResults.Export(format, () => senators.Export(filter, cursor, limit, format == ResponseFormat.Csv, ct, sort), SenatorRepresentations.Senator);
        return ListResults.Page(http, await senators.JsonPageAsync(filter, cursor, limit!.Value, ct, sort), limit.Value);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, SenatorQueries senators, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        return TypedResults.Ok(await senators.JsonByIdAsync(OpenData.Data.Ids.Canonical(id), ct) ?? throw ApiProblemException.NotFound($"There is no senator '{id}'."));
    }
}
