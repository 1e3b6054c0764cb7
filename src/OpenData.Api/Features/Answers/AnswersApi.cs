using OpenData.Api.Rest;
using OpenData.Data.Answers;

namespace OpenData.Api.Features.Answers;

public static class AnswersApi
{
    public static void MapAnswersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/answers", ListAsync)
            .WithName("ListAnswers").WithTags("Answers")
            .WithSummary("Search and list ministers' answers")
            .WithDescription("Answers matching every given filter, latest first by default, with keyset paging and CSV/NDJSON export. " +
                "Each answer links to the question it answers.")
            .WithParameters(AnswerParameters.List)
            .ProducesList<AnswerResponse>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, AnswerQueries answers, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, AnswerParameters.List);
        var filter = AnswerParameters.BindFilter(binder);
        var sort = AnswerParameters.BindSort(binder);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();

        if (format != ResponseFormat.Json)
            return ListResults.Export(format, () => answers.Export(filter, sort, cursor, limit, format == ResponseFormat.Csv, ct), AnswerRepresentations.Answer);
        return ListResults.Page(http, await answers.JsonPageAsync(filter, sort, cursor, limit!.Value, ct), limit.Value);
    }
}
