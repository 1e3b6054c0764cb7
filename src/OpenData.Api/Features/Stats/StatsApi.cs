using OpenData.Api.Features.Questions;
using OpenData.Api.Rest;
using OpenData.Data.Stats;

namespace OpenData.Api.Features.Stats;

public static class StatsApi
{
    public static readonly ApiParameter From = ApiParameter.Date("from", "Questions published on or after this date.", "2024-01-01");
    public static readonly ApiParameter To = ApiParameter.Date("to", "Questions published on or before this date.", "2024-12-31");
    public static readonly ApiParameter Current = ApiParameter.Boolean("current",
        "true: only the ministries in office; false: only those no longer in office. All by default.");
    public static readonly ApiParameter Nature = ApiParameter.Choice("nature",
        "Kinds of question counted (repeatable). Default QE: written questions only, since only they have the two-month deadline " +
        "that answeredWithinDeadline and overdue measure (oral questions count as neither).",
        QuestionParameters.Nature.Values, repeatable: true, @default: "QE");
    public static readonly ApiParameter Interval = ApiParameter.Choice("interval", "Length of the periods: month (default) or year.",
        ["month", "year"], @default: "month");

    public static readonly IReadOnlyList<ApiParameter> MinistryParameters =
        [QuestionParameters.Legislature, From, To, Current, Nature, ApiParameter.Format];

    public static IReadOnlyList<ApiParameter> TimelineParameters { get; } = [Interval, .. QuestionParameters.Filters(), ApiParameter.Format];

    public static void MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/stats/ministries", MinistriesAsync)
            .WithName("GetMinistryStats").WithTags("Statistics")
            .WithSummary("How each ministry answers questions")
            .WithDescription("Per ministry handling the questions (the one a question was transferred to, else the one it was addressed to): " +
                "questions received, answered, answered within the two-month deadline, awaiting, overdue, and the median and 90th percentile " +
                "of the answer delay in days. Written questions only unless nature says otherwise. Most questions first; no paging. " +
                "Also as CSV or NDJSON, one row per ministry (format= or the Accept header).")
            .WithParameters(MinistryParameters)
            .ProducesStats<MinistryStatsListResponse>();

        app.MapGet("/v1/stats/timeline", TimelineAsync)
            .WithName("GetTimeline").WithTags("Statistics")
            .WithSummary("Questions and answers per month or year")
            .WithDescription("For the questions matching every given filter (the filters of /v1/questions), how many were published and how many " +
                "answered in each month or year, oldest first, without gaps. The totals equal those of /v1/questions with the same filters. " +
                "Also as CSV or NDJSON, one row per period (format= or the Accept header).")
            .WithParameters(TimelineParameters)
            .ProducesStats<TimelineResponse>();
    }

    private static async Task<IResult> MinistriesAsync(HttpContext http, StatsQueries stats, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, MinistryParameters);
        var natures = binder.Choices(Nature);
        var (from, to) = binder.DateRange(From, To);
        var filter = new StatsFilter
        {
            Legislature = binder.Integer(QuestionParameters.Legislature),
            From = from,
            To = to,
            Current = binder.Boolean(Current),
            Natures = natures.Count > 0 ? natures : StatsFilter.DefaultNatures,
        };
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        binder.ThrowIfInvalid();

        var rows = await stats.JsonMinistryStatsAsync(filter, format == ResponseFormat.Csv, ct);
        if (format != ResponseFormat.Json)
            return ListResults.Export(format, rows, ListResults.CsvColumns(StatsRepresentations.MinistryStats));
        return TypedResults.Ok(new StatsList<MinistryStatsMeta>(rows, MinistryStatsMeta.Of(rows.Count, filter)));
    }

    private static async Task<IResult> TimelineAsync(HttpContext http, StatsQueries stats, Infrastructure.DatasetState dataset, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, TimelineParameters);
        var interval = binder.Choice(Interval) == "year" ? StatsInterval.Year : StatsInterval.Month;
        var filter = QuestionParameters.BindFilter(binder);
        QuestionParameters.Check(binder, filter);
        var format = Negotiation.Negotiate(http.Request, binder.Choice(ApiParameter.Format), exportable: true);
        binder.ThrowIfInvalid();

        var rows = await stats.JsonTimelineAsync(filter, interval, dataset.Bounds, format == ResponseFormat.Csv, ct);
        if (format != ResponseFormat.Json)
            return ListResults.Export(format, rows, ListResults.CsvColumns(StatsRepresentations.Period));
        return TypedResults.Ok(new StatsList<TimelineMeta>(rows, new TimelineMeta(rows.Count, interval == StatsInterval.Year ? "year" : "month",
            rows.Count > 0 ? null : "No question matches these filters: no period has figures.")));
    }

    /// <summary>
    /// A statistics list: its JSON envelope (also as CSV and NDJSON rows), and the problems a client can cause. One
    /// Produces for the 200: the API explorer keeps a single response per status code, so a second one would hide the JSON schema.
    /// </summary>
    private static RouteHandlerBuilder ProducesStats<T>(this RouteHandlerBuilder builder) => builder
        .Produces<T>(StatusCodes.Status200OK, "application/json", Negotiation.CsvType, Negotiation.NdjsonType)
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status406NotAcceptable)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
