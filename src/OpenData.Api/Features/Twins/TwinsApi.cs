using OpenData.Api.Features.Questions;
using OpenData.Api.Rest;
using OpenData.Data;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Twins;

namespace OpenData.Api.Features.Twins;

/// <summary>Twin questions: near-identical texts, found at import (a question's similar ones, and the groups they form).</summary>
public static class TwinsApi
{
    public static readonly ApiParameter Ministry = ApiParameter.Integer("ministry",
        "Groups one of whose questions was addressed, transferred to or answered by this ministry (see /v1/ministries).", minimum: 0, example: "101");
    public static readonly ApiParameter PublishedFrom = ApiParameter.Date("publishedFrom", "Groups whose earliest question was published on or after this date.", "2020-01-01");
    public static readonly ApiParameter PublishedTo = ApiParameter.Date("publishedTo", "Groups whose earliest question was published on or before this date.", "2024-12-31");
    public static readonly ApiParameter MinSize = ApiParameter.Integer("minSize", $"Groups of at least this many questions ({TwinFilter.DefaultMinSize} to {TwinFilter.MaxMinSize}, default {TwinFilter.DefaultMinSize}).",
        minimum: TwinFilter.DefaultMinSize, maximum: TwinFilter.MaxMinSize, example: "3");
    public static readonly ApiParameter Facets = ApiParameter.Choice("facets",
        "group: adds meta.facets.group, for each political group the number of selected twin groups one of whose senators sat in it when asking: which groups carry the same words.",
        ["group"], repeatable: true);

    private static IReadOnlyList<ApiParameter> SimilarParameters => [ApiParameter.PageLimit, ApiParameter.Cursor];
    private static IReadOnlyList<ApiParameter> GroupParameters => [Ministry, PublishedFrom, PublishedTo, MinSize, Facets, ApiParameter.PageLimit, ApiParameter.Cursor];

    public static void MapTwinsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/questions/{id}/similar", SimilarAsync)
            .WithName("ListSimilarQuestions").WithTags("Questions")
            .WithSummary("The questions whose text is near-identical to this one's")
            .WithDescription($"The most similar first, each with its similarity: the Jaccard similarity of the two texts' three-word shingles after the opening formula that names the senator and the minister, phrases found in more than one question in 2,000 (the language of questions) left out. Listed from {TwinQueries.Threshold:0.0}, where copies begin (README, \"Twin questions\").")
            .WithParameters(SimilarParameters).WithQuestionId()
            .ProducesList<SimilarQuestionResponse>(notFound: true, exportable: false);

        app.MapGet("/v1/twins", GroupsAsync)
            .WithName("ListTwins").WithTags("Questions")
            .WithSummary("Groups of near-identical questions")
            .WithDescription($"Questions joined by a similarity of at least {TwinQueries.Threshold:0.0} (see /v1/questions/{{id}}/similar), the largest groups first, each with its senators, their political groups, its dates and its earliest question, whose id names the group.")
            .WithParameters(GroupParameters)
            .ProducesList<TwinGroupResponse>(exportable: false);
    }

    private static async Task<IResult> SimilarAsync(string id, HttpContext http, DatasetSession session, QuestionQueries questions, TwinQueries twins, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, SimilarParameters);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        var limit = binder.Integer(ApiParameter.PageLimit) ?? ListResults.DefaultLimit;
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();
        var question = Ids.Canonical(id);
        var batch = session.Batch();
        var exists = questions.Exists(batch, question);
        var page = twins.JsonSimilar(batch, question, cursor, limit);
        await batch.RunAsync(ct);
        if (!exists.Value) throw ApiProblemException.NotFound($"There is no question '{id}'.");
        return ListResults.Page(http, page.Value, limit);
    }

    private static async Task<IResult> GroupsAsync(HttpContext http, DatasetSession session, TwinQueries twins, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, GroupParameters);
        Negotiation.Negotiate(http.Request, null, exportable: false);
        var (from, to) = binder.DateRange(PublishedFrom, PublishedTo);
        var filter = new TwinFilter(binder.Long(Ministry), from, to, binder.Integer(MinSize) ?? TwinFilter.DefaultMinSize);
        var facets = binder.Choices(Facets);
        var limit = binder.Integer(ApiParameter.PageLimit) ?? ListResults.DefaultLimit;
        var cursor = binder.Text(ApiParameter.Cursor);
        binder.ThrowIfInvalid();
        var batch = session.Batch();
        var page = twins.JsonGroups(batch, filter, cursor, limit);
        var groups = facets.Count > 0 ? twins.GroupFacet(batch, filter) : null;
        await batch.RunAsync(ct);
        IReadOnlyDictionary<string, IReadOnlyList<FacetValue>>? counts = groups is null ? null
            : new Dictionary<string, IReadOnlyList<FacetValue>> { ["group"] = [.. groups.Value.Select(g => new FacetValue(g.Code, g.Label, g.Count, null, null))] };
        return ListResults.Page(http, page.Value, limit, row => row, counts);
    }
}
