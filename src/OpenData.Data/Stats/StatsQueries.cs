using Dapper;
using OpenData.Data.Datasets;
using OpenData.Data.Reading;
using OpenData.Data.Questions;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Stats;

/// <summary>Aggregates over the served questions: per-ministry answer statistics and timelines.</summary>
public sealed class StatsQueries(DatasetSession session)
{
    /// <summary>
    /// Per ministry handling the questions (the ministry a question was transferred to, else the one it was
    /// addressed to), the questions received and how they were answered; most questions first, then by id.
    /// Questions addressed to no ministry are left out.
    /// </summary>
    public Deferred<IReadOnlyList<MinistryStatsRow>> MinistryStats(ReadBatch batch, StatsFilter filter)
    {
        var sql = MinistryStatsSql(filter, batch);
        return batch.Add($"SELECT * FROM ({sql}) s ORDER BY s.questions DESC, s.ministry_id",
            async grid => (IReadOnlyList<MinistryStatsRow>)(await grid.ReadAsync<MinistryStatsRow>()).AsList());
    }

    /// <summary>
    /// The statement of the statistics (without its order: most questions first, then by ministry). Computed live, the Kaplan-Meier delays are computed only when <paramref name="timeToAnswer"/> asks
    /// for them (GraphQL reads only the fields selected; otherwise their columns are null). Its work is recorded in
    /// <paramref name="batch"/>, for REST and GraphQL alike (GraphQL also prices the values it returns): computed live, its
    /// estimated cost, planned for its values; read as the import computed it, its rows as the planner estimates them.
    /// </summary>
    internal static string MinistryStatsSql(StatsFilter filter, ReadBatch batch, bool timeToAnswer = true)
    {
        var where = batch.Where();
        if (filter.Current is { } current) where.AddRaw(current ? "m.current" : "NOT m.current");
        if (IsDefault(filter))
        {
            var figures = PrecomputedMinistryStatsSql(where);
            batch.Work.Plan(PlannedWork.Figures, figures, batch.Parameters);
            return figures;
        }
        var sql = LiveMinistryStatsSql(filter, where, timeToAnswer);
        batch.PlanForValues = true;
        batch.Work.Plan(timeToAnswer ? PlannedWork.StatisticsWithDelays : PlannedWork.Statistics, sql, batch.Parameters);
        return sql;
    }

    public Task<IReadOnlyList<MinistryStatsRow>> MinistryStatsAsync(StatsFilter filter, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(MinistryStats(batch, filter), cancellationToken);
    }

    /// <summary>
    /// The statistics as REST represents them (<see cref="StatsRepresentations.MinistryStats"/>), each row as its JSON or,
    /// for a CSV export (<paramref name="csv"/>), its CSV fields; its links name the question lists under the same filters.
    /// </summary>
    public Task<IReadOnlyList<JsonRow>> JsonMinistryStatsAsync(StatsFilter filter, bool csv, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        var sql = MinistryStatsSql(filter, batch);
        var filters = batch.Where().Bind(StatsRepresentations.ListFilters(filter));
        return batch.RunAsync(RepresentationWriter.List(batch, StatsRepresentations.MinistryStats,
            $"(SELECT x.*, {filters}::text AS list_filters FROM ({sql}) x) s", "s", "s.questions DESC, s.ministry_id", csv), cancellationToken);
    }

    /// <summary>
    /// The request without filters but <see cref="StatsFilter.Current"/>: its figures were computed by the import. Any other
    /// field, including one added later, makes the filter differ from the default one and the figures computed live.
    /// </summary>
    private static bool IsDefault(StatsFilter filter) =>
        filter.EffectiveNatures.SequenceEqual(StatsFilter.DefaultNatures)
        && filter with { Current = null, Natures = StatsFilter.DefaultNatures } == new StatsFilter();

    /// <summary>
    /// Reads the import's figures. Overdue changes with the date: the awaiting questions less those whose deadline is
    /// today or later, which are few (published in the last two months), where those already past would be most.
    /// </summary>
    private static string PrecomputedMinistryStatsSql(SqlWhere where) => $"""
        SELECT s.ministry_id,
               coalesce(m.name, s.ministry_name) AS ministry_name, m.start_date AS ministry_start_date, m.end_date AS ministry_end_date,
               s.questions, s.answered, s.answered_within_deadline, s.awaiting,
               s.awaiting - coalesce(d.not_due, 0)::bigint AS overdue,
               s.median_delay_days, s.p90_delay_days, s.time_to_answer_median, s.time_to_answer_p90,
               s.questions AS time_to_answer_n, s.answered AS time_to_answer_answered
        FROM opendata.ministry_stats s
        LEFT JOIN opendata.ministries m ON m.id = s.ministry_id
        LEFT JOIN (SELECT ministry_id, sum(questions) AS not_due FROM opendata.ministry_awaiting_deadlines
                   WHERE deadline >= current_date GROUP BY ministry_id) d ON d.ministry_id = s.ministry_id
        WHERE {where.Sql}
        """;

    private static string LiveMinistryStatsSql(StatsFilter filter, SqlWhere where, bool timeToAnswer)
    {
        QuestionSql.Where(new QuestionFilter
        {
            Legislature = filter.Legislature,
            PublishedFrom = filter.From,
            PublishedTo = filter.To,
            Natures = filter.EffectiveNatures,
        }, where);
        where.AddRaw("h.ministry_id IS NOT NULL");

        // The Kaplan-Meier delays of each row (TimeToAnswerSql).
        return $"""
            SELECT s.ministry_id, s.ministry_name, s.ministry_start_date, s.ministry_end_date, s.questions, s.answered,
                   s.answered_within_deadline, s.awaiting, s.overdue, s.median_delay_days, s.p90_delay_days,
                   {(timeToAnswer ? "k.median" : "NULL::integer")} AS time_to_answer_median, {(timeToAnswer ? "k.p90" : "NULL::integer")} AS time_to_answer_p90,
                   s.questions AS time_to_answer_n, s.answered AS time_to_answer_answered
            FROM (
            SELECT h.ministry_id,
                   coalesce(m.name, min(h.ministry_name)) AS ministry_name, m.start_date AS ministry_start_date, m.end_date AS ministry_end_date,
                   count(*) AS questions,
                   count(*) FILTER (WHERE {QuestionPredicates.Answered("q")}) AS answered,
                   count(*) FILTER (WHERE {QuestionPredicates.AnsweredWithinDeadline("q")}) AS answered_within_deadline,
                   count(*) FILTER (WHERE {QuestionPredicates.Awaiting("q")}) AS awaiting,
                   count(*) FILTER (WHERE {QuestionPredicates.Overdue("q")}) AS overdue,
                   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY q.answer_delay_days)
                       FILTER (WHERE {QuestionPredicates.Answered("q")}))::numeric, 1) AS median_delay_days,
                   round((percentile_cont(0.9) WITHIN GROUP (ORDER BY q.answer_delay_days)
                       FILTER (WHERE {QuestionPredicates.Answered("q")}))::numeric, 1) AS p90_delay_days
                   {(timeToAnswer ? $", array_agg({TimeToAnswerSql.Days("q")}) AS days, array_agg({QuestionPredicates.Answered("q")}) AS answered_flags" : "")}
            FROM opendata.questions q
            CROSS JOIN LATERAL (SELECT
                {QuestionSql.HandledBy("q")} AS ministry_id,
                CASE WHEN q.transfer_ministry_id IS NOT NULL THEN q.transfer_ministry_name ELSE q.ministry_name END AS ministry_name) h
            LEFT JOIN opendata.ministries m ON m.id = h.ministry_id
            {(timeToAnswer ? TimeToAnswerSql.Joins("q") : "")}
            WHERE {where.Sql}
            GROUP BY h.ministry_id, m.name, m.start_date, m.end_date
            ) s
            {(timeToAnswer ? $"CROSS JOIN LATERAL {TimeToAnswerSql.Estimate("s.days", "s.answered_flags")} k" : "")}
            """;
    }

    /// <summary>
    /// Per month or year, the questions matching the filter published in the period and those answered in
    /// it, from the first period with an event to the last, periods without any event included with zeros.
    /// </summary>
    /// <remarks>
    /// Computed live, it is priced by its estimated cost; read as the import computed it, by its periods, which the
    /// dataset's <paramref name="bounds"/> give (the planner guesses 1,000 for generate_series, and its joins multiply that).
    /// </remarks>
    public Deferred<IReadOnlyList<TimelineRow>> Timeline(ReadBatch batch, QuestionFilter filter, StatsInterval interval, ListBounds bounds)
    {
        var sql = TimelineSql(filter, interval, batch, bounds);
        return batch.Add($"SELECT * FROM ({sql}) t ORDER BY t.period", async grid => (IReadOnlyList<TimelineRow>)(await grid.ReadAsync<TimelineRow>()).AsList());
    }

    /// <summary>
    /// The statement of the timeline (without its order, by period); the Kaplan-Meier delays only when
    /// <paramref name="timeToAnswer"/> asks for them (otherwise their columns are null). Its work is recorded in
    /// <paramref name="batch"/>, for REST and GraphQL alike: computed live (a filter sets a condition), its estimated cost,
    /// planned for its values; read as the import computed it, its periods.
    /// </summary>
    internal static string TimelineSql(QuestionFilter filter, StatsInterval interval, ReadBatch batch, ListBounds bounds, bool timeToAnswer = true)
    {
        var where = batch.Where();
        QuestionSql.Where(filter, where);
        var sql = TimelineSql(interval, where, timeToAnswer);
        if (where.IsEmpty) batch.Work.FigureRow(Periods(interval, bounds));
        else
        {
            batch.PlanForValues = true;
            batch.Work.Plan(PlannedWork.Timeline, sql, batch.Parameters, fullText: filter.Searches);
        }
        return sql;
    }

    /// <summary>The periods of a timeline of the dataset: its months, or the calendar years they span (at most one more than their twelfths).</summary>
    private static long Periods(StatsInterval interval, ListBounds bounds) =>
        interval == StatsInterval.Year ? (Math.Max(bounds.Months, 1) + 22) / 12 : bounds.Months;

    private static string TimelineSql(StatsInterval interval, SqlWhere where, bool timeToAnswer)
    {
        // Constants chosen from the enum, never text from the request.
        var (unit, format) = interval == StatsInterval.Year ? ("year", "YYYY") : ("month", "YYYY-MM");
        // A filter that sets no condition counts every question: the import has counted them per month, and computed the
        // Kaplan-Meier delays of each month's and year's questions.
        var counts = where.IsEmpty
            ? $"""
                counts AS (
                    SELECT date_trunc('{unit}', month::timestamp) AS period, sum(questions) AS questions, sum(answers) AS answers
                    FROM opendata.timeline_months GROUP BY 1
                ),
                survival AS (
                    {(timeToAnswer ? $"""
                    SELECT period::timestamp AS period, questions AS n, answered, time_to_answer_median AS median, time_to_answer_p90 AS p90
                    FROM opendata.timeline_survival WHERE unit = '{unit}'
                    """ : NoSurvival)}
                )
                """
            : $"""
                matched AS (
                    SELECT q.published_at, q.answered_at{(timeToAnswer ? $", {TimeToAnswerSql.Days("q")} AS days, {QuestionPredicates.Answered("q")} AS answered" : "")}
                    FROM opendata.questions q {(timeToAnswer ? TimeToAnswerSql.Joins("q") : "")} WHERE {where.Sql}
                ),
                events AS (
                    SELECT date_trunc('{unit}', published_at::timestamp) AS period, 1 AS questions, 0 AS answers FROM matched
                    UNION ALL
                    SELECT date_trunc('{unit}', answered_at::timestamp), 0, 1 FROM matched WHERE answered_at IS NOT NULL
                ),
                counts AS (
                    SELECT period, sum(questions) AS questions, sum(answers) AS answers FROM events GROUP BY period
                ),
                survival AS (
                    {(timeToAnswer ? $"""
                    SELECT g.period, g.n, g.answered, k.median, k.p90
                    FROM (SELECT date_trunc('{unit}', published_at::timestamp) AS period, count(*) AS n, count(*) FILTER (WHERE answered) AS answered,
                                 array_agg(days) AS days, array_agg(answered) AS flags
                          FROM matched GROUP BY 1) g
                    CROSS JOIN LATERAL {TimeToAnswerSql.Estimate("g.days", "g.flags")} k
                    """ : NoSurvival)}
                )
                """;

        var sql = $"""
            WITH {counts}
            SELECT to_char(s.period, '{format}') AS period,
                   coalesce(c.questions, 0)::bigint AS questions,
                   coalesce(c.answers, 0)::bigint AS answers,
                   sv.median AS time_to_answer_median, sv.p90 AS time_to_answer_p90,
                   coalesce(sv.n, 0)::bigint AS time_to_answer_n, coalesce(sv.answered, 0)::bigint AS time_to_answer_answered
            FROM generate_series((SELECT min(period) FROM counts), (SELECT max(period) FROM counts), interval '1 {unit}') s(period)
            LEFT JOIN counts c ON c.period = s.period
            LEFT JOIN survival sv ON sv.period = s.period
            """;
        return sql;
    }

    /// <summary>A survival CTE of no row: the timeline's Kaplan-Meier columns are then null.</summary>
    private const string NoSurvival = "SELECT NULL::timestamp AS period, 0::bigint AS n, 0::bigint AS answered, NULL::integer AS median, NULL::integer AS p90 WHERE false";

    public Task<IReadOnlyList<TimelineRow>> TimelineAsync(QuestionFilter filter, StatsInterval interval, ListBounds bounds, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(Timeline(batch, filter, interval, bounds), cancellationToken);
    }

    /// <summary>The timeline as REST represents it (<see cref="StatsRepresentations.Period"/>): each period as its JSON or its CSV fields.</summary>
    public Task<IReadOnlyList<JsonRow>> JsonTimelineAsync(QuestionFilter filter, StatsInterval interval, ListBounds bounds, bool csv, CancellationToken cancellationToken)
    {
        var batch = session.Batch();
        return batch.RunAsync(RepresentationWriter.List(batch, StatsRepresentations.Period, $"({TimelineSql(filter, interval, batch, bounds)}) s", "s", "s.period", csv),
            cancellationToken);
    }
}
