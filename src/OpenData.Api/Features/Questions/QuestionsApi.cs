using OpenData.Api.Features.Ministries;
using OpenData.Data.Ministries;
using OpenData.Data.Reading;
using OpenData.Data.Senators;
using OpenData.Api.Rest;
using OpenData.Data;
using OpenData.Data.Answers;
using OpenData.Data.Questions;

namespace OpenData.Api.Features.Questions;

public static class QuestionsApi
{
    public static void MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/questions", (HttpContext http, DatasetSession session, QuestionQueries questions, CancellationToken ct) =>
                ListAsync(http, session, questions, QuestionParameters.List(), f => f, null, ct))
            .WithName("ListQuestions").WithTags("Questions")
            .WithSummary("Search and list questions")
            .WithDescription("Questions matching every given filter, newest first by default, with keyset paging, optional facets and CSV/NDJSON export.")
            .WithParameters(QuestionParameters.List())
            .ProducesList<QuestionResponse>();

        app.MapGet("/v1/questions/{id}", GetAsync)
            .WithName("GetQuestion").WithTags("Questions")
            .WithSummary("One question, with its answer and the questions that remind it")
            .WithParameters([]).WithQuestionId()
            .ProducesResource<QuestionDetailResponse>();

        app.MapGet("/v1/senators/{id}/questions", (string id, HttpContext http, DatasetSession session, QuestionQueries questions, SenatorQueries senators, CancellationToken ct) =>
                ListAsync(http, session, questions, QuestionParameters.List(senatorFixed: true), f => f with { Senator = Ids.Canonical(id) },
                    batch => senators.Exists(batch, Ids.Canonical(id)), ct, $"There is no senator '{id}'."))
            .WithName("ListSenatorQuestions").WithTags("Senators")
            .WithSummary("Questions asked by a senator")
            .WithDescription("Takes every question filter except senator.")
            .WithParameters(QuestionParameters.List(senatorFixed: true)).WithSenatorId()
            .ProducesList<QuestionResponse>(notFound: true);

        app.MapGet("/v1/ministries/{id}/questions", (string id, HttpContext http, DatasetSession session, QuestionQueries questions, MinistryQueries ministries, CancellationToken ct) =>
                ListAsync(http, session, questions, QuestionParameters.List(ministryFixed: true), f => f with { Ministry = MinistriesApi.ParseId(id) },
                    batch => ministries.Exists(batch, MinistriesApi.ParseId(id)), ct, $"There is no ministry {id}."))
            .WithName("ListMinistryQuestions").WithTags("Ministries")
            .WithSummary("Questions addressed to, transferred to or answered by a ministry")
            .WithDescription("With lineage=true, also those of the ministries it replaced, transitively. Takes every question filter except ministry.")
            .WithParameters(QuestionParameters.List(ministryFixed: true)).WithMinistryId()
            .ProducesList<QuestionResponse>(notFound: true);
    }

    // A question list: the page, its total, its facets and, for a nested route, whether its senator or ministry
    // exists, all in one batch (one round trip, one dataset).
    private static async Task<IResult> ListAsync(HttpContext http, DatasetSession session, QuestionQueries questions,
        IReadOnlyList<ApiParameter> parameters, Func<QuestionFilter, QuestionFilter> fix, Func<ReadBatch, Deferred<bool>>? exists,
        CancellationToken ct, string? notFound = null)
    {
        var binder = new QueryBinder(http.Request.Query, parameters);
        var bound = QuestionParameters.BindFilter(binder);
        var filter = fix(bound);
        var sort = QuestionParameters.BindSort(binder);
        QuestionParameters.Check(binder, bound, sort, ministryFixed: bound.Ministry is null && filter.Ministry is not null);
        var facets = binder.Choices(QuestionParameters.Facets);
        var highlight = binder.Boolean(QuestionParameters.Highlight) ?? false;
        if (highlight && filter.Q is null) binder.Fail(QuestionParameters.Highlight.Name, "highlight needs a full-text query q");
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        if (facets.Count > 0 && format != ResponseFormat.Json) binder.Fail(QuestionParameters.Facets.Name, "facets come with JSON responses only");
        binder.ThrowIfInvalid();

        var batch = session.Batch();
        var found = exists?.Invoke(batch);
        if (format != ResponseFormat.Json)
        {
            if (found is not null && !await batch.RunAsync(found, ct)) throw ApiProblemException.NotFound(notFound!);
            return ListResults.Export(format, () => questions.Export(filter, sort, cursor, limit, highlight, format == ResponseFormat.Csv, ct), QuestionRepresentations.Question);
        }
        var page = questions.JsonPage(batch, filter, sort, cursor, limit!.Value, highlight);
        var counts = facets.Count > 0 ? QuestionFacets.Count(batch, filter, facets) : null;
        await batch.RunAsync(ct);
        if (found is { Value: false }) throw ApiProblemException.NotFound(notFound!);
        return ListResults.Page(http, page.Value, limit.Value, row => row, counts?.Value);
    }

    // The question, its answer, its reminders and its events: one statement.
    private static async Task<IResult> GetAsync(string id, HttpContext http, DatasetSession session, QuestionQueries questions, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        var batch = session.Batch();
        return TypedResults.Ok(await batch.RunAsync(questions.JsonDetail(batch, Ids.Canonical(id)), ct) ?? throw ApiProblemException.NotFound($"There is no question '{id}'."));
    }
}
