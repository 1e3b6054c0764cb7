using OpenData.Api.Features.Answers;
using OpenData.Data;
using OpenData.Api.Rest;
using OpenData.Data.Answers;
using OpenData.Data.Questions;

namespace OpenData.Api.Features.Questions;

public static class QuestionsApi
{
    public static void MapQuestionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/questions", (HttpContext http, QuestionQueries questions, QuestionFacets facets, CancellationToken ct) =>
                ListAsync(http, questions, facets, QuestionParameters.List(), f => f, ct))
            .WithName("ListQuestions").WithTags("Questions")
            .WithSummary("Search and list questions")
            .WithDescription("Questions matching every given filter, newest first by default, with keyset paging, optional facets and CSV/NDJSON export.")
            .WithParameters(QuestionParameters.List())
            .ProducesList<QuestionResponse>();

        app.MapGet("/v1/questions/{id}", GetAsync)
            .WithName("GetQuestion").WithTags("Questions")
            .WithSummary("One question, with its answer and the questions that remind it")
            .WithParameters([])
            .ProducesResource<QuestionDetailResponse>();

        app.MapGet("/v1/senators/{id}/questions", async (string id, HttpContext http, QuestionQueries questions, QuestionFacets facets, Lookups lookups, CancellationToken ct) =>
            {
                if (!await lookups.SenatorExistsAsync(id, ct)) throw ApiProblemException.NotFound($"There is no senator '{id}'.");
                return await ListAsync(http, questions, facets, QuestionParameters.List(senatorFixed: true), f => f with { Senator = id }, ct);
            })
            .WithName("ListSenatorQuestions").WithTags("Senators")
            .WithSummary("Questions asked by a senator")
            .WithDescription("Takes every question filter except senator.")
            .WithParameters(QuestionParameters.List(senatorFixed: true))
            .ProducesList<QuestionResponse>(notFound: true);

        app.MapGet("/v1/ministries/{id}/questions", async (long id, HttpContext http, QuestionQueries questions, QuestionFacets facets, Lookups lookups, CancellationToken ct) =>
            {
                if (!await lookups.MinistryExistsAsync(id, ct)) throw ApiProblemException.NotFound($"There is no ministry {id}.");
                return await ListAsync(http, questions, facets, QuestionParameters.List(ministryFixed: true), f => f with { Ministry = id }, ct);
            })
            .WithName("ListMinistryQuestions").WithTags("Ministries")
            .WithSummary("Questions addressed to, transferred to or answered by a ministry")
            .WithDescription("With lineage=true, also those of the ministries it replaced, transitively. Takes every question filter except ministry.")
            .WithParameters(QuestionParameters.List(ministryFixed: true))
            .ProducesList<QuestionResponse>(notFound: true);
    }

    private static async Task<IResult> ListAsync(HttpContext http, QuestionQueries questions, QuestionFacets facetQueries,
        IReadOnlyList<ApiParameter> parameters, Func<QuestionFilter, QuestionFilter> fix, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, parameters);
        var filter = fix(QuestionParameters.BindFilter(binder));
        var sort = QuestionParameters.BindSort(binder, filter);
        var facets = binder.Choices(QuestionParameters.Facets);
        var highlight = binder.Boolean(QuestionParameters.Highlight) ?? false;
        if (highlight && filter.Q is null) binder.Fail(QuestionParameters.Highlight.Name, "highlight needs a full-text query q");
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        var limit = ListResults.Limit(binder, format);
        var cursor = binder.Text(ApiParameter.Cursor);
        if (facets.Count > 0 && format != ResponseFormat.Json) binder.Fail(QuestionParameters.Facets.Name, "facets come with JSON responses only");
        binder.ThrowIfInvalid();

        if (format != ResponseFormat.Json)
        {
            var total = await questions.CountAsync(filter, ct);
            return ListResults.Export(format, total, questions.StreamAsync(filter, sort, cursor, limit, highlight, ct), QuestionResponse.From, QuestionResponse.CsvColumns);
        }
        var page = await questions.PageAsync(filter, sort, cursor, limit!.Value, highlight, ct);
        var counts = facets.Count > 0 ? await facetQueries.CountAsync(filter, facets, ct) : null;
        return ListResults.Page(http, page, limit!.Value, QuestionResponse.From, counts);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, QuestionQueries questions, AnswerQueries answers, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, []);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        binder.ThrowIfInvalid();
        var question = await questions.GetAsync(id, ct) ?? throw ApiProblemException.NotFound($"There is no question '{id}'.");
        var answer = (await answers.GetByQuestionIdsAsync([id], ct)).GetValueOrDefault(id);
        var reminders = (await questions.RemindersOfAsync([id], ct))[id];
        return TypedResults.Ok(new QuestionDetailResponse(QuestionResponse.From(question))
        {
            Answer = answer is null ? null : AnswerResponse.From(answer),
            Reminders = reminders.Select(r => new ReminderRef(r.Id, Dates.Of(r.PublishedAt), r.Title, $"/v1/questions/{r.Id}")).ToList(),
        });
    }
}

/// <summary>A question with its answer and the later questions that remind it.</summary>
public sealed record QuestionDetailResponse : QuestionResponse
{
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public QuestionDetailResponse(QuestionResponse question) : base(question) { }

    /// <summary>The minister's answer, or null while there is none.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(100)]
    public AnswerResponse? Answer { get; init; }

    /// <summary>Later questions that remind this one (rappels), oldest first.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(101)]
    public IReadOnlyList<ReminderRef> Reminders { get; init; } = [];
}

/// <summary>A question that reminds another.</summary>
/// <param name="Id">The reminding question's reference.</param>
/// <param name="PublishedAt">Its publication date.</param>
/// <param name="Title">Its title.</param>
/// <param name="Self">Its API URL.</param>
public sealed record ReminderRef(string Id, DateOnly PublishedAt, string? Title, string Self);
