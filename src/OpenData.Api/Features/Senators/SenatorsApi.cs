using System.Runtime.CompilerServices;
using OpenData.Api.Rest;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Senators;

public static class SenatorsApi
{
    /// <summary>Rows per group-history query while exporting: exports stay streamed, at one extra round trip per batch.</summary>
    private const int ExportBatchSize = 500;

    public static void MapSenatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/senators", ListAsync)
            .WithName("ListSenators").WithTags("Senators")
            .WithSummary("Search and list senators")
            .WithDescription("Senators, sitting and former, sorted by last name, first name and id, with keyset paging and CSV/NDJSON export. Each comes with the history of their political groups.")
            .WithParameters(SenatorParameters.List())
            .ProducesList<SenatorResponse>();

        app.MapGet("/v1/senators/{id}", GetAsync)
            .WithName("GetSenator").WithTags("Senators")
            .WithSummary("One senator, with the history of their political groups")
            .WithDescription("The id is the Senate's matricule (e.g. 08037L). Their questions are at /v1/senators/{id}/questions.")
            .WithParameters([])
            .ProducesResource<SenatorResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, SenatorQueries senators, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, SenatorParameters.List());
        var filter = SenatorParameters.BindFilter(binder);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();

        if (format != ResponseFormat.Json)
        {
            var total = await senators.CountAsync(filter, ct);
            var rows = WithHistoryAsync(senators, senators.StreamAsync(filter, cursor, limit, ct), ct);
            return ListResults.Export(format, total, rows, r => SenatorResponse.From(r.Senator, r.History), SenatorResponse.CsvColumns);
        }
        var page = await senators.PageAsync(filter, cursor, limit!.Value, ct);
        var history = await senators.GroupHistoryAsync(page.Items.Select(s => s.Id).ToList(), ct);
        return ListResults.Page(http, page, limit.Value, s => SenatorResponse.From(s, history[s.Id]));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, SenatorQueries senators, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        var senator = await senators.GetAsync(id, ct) ?? throw ApiProblemException.NotFound($"There is no senator '{id}'.");
        var history = await senators.GroupHistoryAsync([id], ct);
        return TypedResults.Ok(SenatorResponse.From(senator, history[id]));
    }

    /// <summary>Adds each streamed senator's group history, fetched one batch of senators at a time.</summary>
    private static async IAsyncEnumerable<(SenatorRow Senator, IEnumerable<SenatorGroupRow> History)> WithHistoryAsync(
        SenatorQueries senators, IAsyncEnumerable<SenatorRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<SenatorRow>(ExportBatchSize);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < ExportBatchSize) continue;
            foreach (var item in await AttachAsync(batch)) yield return item;
            batch.Clear();
        }
        if (batch.Count > 0)
            foreach (var item in await AttachAsync(batch)) yield return item;

        async Task<IEnumerable<(SenatorRow, IEnumerable<SenatorGroupRow>)>> AttachAsync(List<SenatorRow> items)
        {
            var history = await senators.GroupHistoryAsync(items.Select(s => s.Id).ToList(), ct);
            return items.Select(s => (s, history[s.Id])).ToList();
        }
    }
}
