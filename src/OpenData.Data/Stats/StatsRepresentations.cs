using System.Globalization;
using OpenData.Data.Graph;
using OpenData.Data.Representations;

namespace OpenData.Data.Stats;

/// <summary>
/// REST's statistics: a ministry's row and a timeline's period, their declarations' (<see cref="StatsGraph"/>) but for the
/// ministry, which REST gives by id, name and dates in office from the row's columns, and the links of a ministry's counts.
/// </summary>
public static class StatsRepresentations
{
    private static readonly Representation Ministry = Representation.Own("MinistryPeriod",
        "A ministry, by id and name, with its time in office: how a list tells apart the ministries of successive governments that share a name.",
        new("id", "Long!", "The Senate's ministry id (minid).", r => $"{r}.ministry_id"),
        new("name", "String", "Its short name, e.g. Intérieur.", r => $"{r}.ministry_name"),
        new("startDate", "Date", "First day in office.", r => $"{r}.ministry_start_date"),
        new("endDate", "Date", "Last day in office, or null while in office.", r => $"{r}.ministry_end_date"));

    // The questions a ministry's counts are the totals of: those in its charge, under the filters the statement was read with
    // (its column list_filters, StatsQueries.JsonMinistryStatsAsync).
    private static string Questions(string r) => $"'/v1/questions?handledBy=' || {r}.ministry_id || {r}.list_filters";

    private static readonly Representation Links = Representation.Own("MinistryStatsLinks",
        "Links of a ministry's statistics: one counting rule, visible. Each count is the meta.total of its list (questions in\n" +
        "the ministry's charge, handledBy, of the kinds and period counted); answeredWithinDeadline has no list filter.",
        new("ministry", "String!", "The API URL of the ministry.", r => $"'/v1/ministries/' || {r}.ministry_id"),
        new("questions", "String!", "The questions counted in questions.", Questions),
        new("answered", "String!", "The questions counted in answered.", r => $"{Questions(r)} || '&status=answered'"),
        new("awaiting", "String!", "The questions counted in awaiting.", r => $"{Questions(r)} || '&status=awaiting_answer'"),
        new("overdue", "String!", "The questions counted in overdue (as of today).", r => $"{Questions(r)} || '&overdue=true'"));

    private static readonly Representation TimeToAnswer = Representation.Of("TimeToAnswer", GraphDeclarations.TimeToAnswer);

    /// <summary>A row's Kaplan-Meier delays; in CSV, their median and 90th percentile.</summary>
    private static RepresentationField TimeToAnswerOf(string description) =>
        RepresentationField.Holding("timeToAnswer", TimeToAnswer, description) with
        {
            Csv = [new("timeToAnswerMedian", "timeToAnswer", "median"), new("timeToAnswerP90", "timeToAnswer", "p90")],
        };

    /// <summary>A ministry's statistics, over a row of <see cref="StatsQueries.MinistryStatsSql"/> and its list_filters.</summary>
    public static readonly Representation MinistryStats = Representation.Of("MinistryStatsResponse", GraphDeclarations.MinistryStats,
        RepresentationField.Holding("ministry", Ministry, "The ministry handling the questions, with its dates in office (ministries of successive governments share names).") with
        {
            Csv = [new("ministryId", "ministry", "id"), new("ministryName", "ministry", "name"), new("ministryStartDate", "ministry", "startDate"), new("ministryEndDate", "ministry", "endDate")],
        },
        RepresentationField.Left("ministryId", "REST gives it as ministry.id"),
        RepresentationField.Left("ministryName", "REST gives it as ministry.name"),
        TimeToAnswerOf("The delay until an answer counting the questions still waiting: Kaplan-Meier estimates over the questions of links.questions."),
        RepresentationField.Holding("links", Links, "Links to the ministry, and for each count, the question list whose meta.total it is."));

    /// <summary>A period of a timeline, over a row of the timeline statement (<c>StatsQueries.TimelineSql</c>).</summary>
    public static readonly Representation Period = Representation.Of("TimelinePeriodResponse", GraphDeclarations.TimelineBucket,
        TimeToAnswerOf("The delay until an answer of the questions published in the period, counting those still waiting (Kaplan-Meier): n is the period's questions."));

    /// <summary>
    /// The query string, after handledBy, of the question lists a ministry's counts are the totals of: the kinds of question
    /// counted and the period and legislature of <paramref name="filter"/>.
    /// </summary>
    internal static string ListFilters(StatsFilter filter) => string.Concat(new[]
    {
        $"&nature={string.Join(',', filter.EffectiveNatures)}",
        filter.Legislature is { } legislature ? $"&legislature={legislature.ToString(CultureInfo.InvariantCulture)}" : null,
        filter.From is { } from ? $"&publishedFrom={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : null,
        filter.To is { } to ? $"&publishedTo={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : null,
    });
}
