using Dapper;
using Npgsql;
using OpenData.Data.Questions;
using OpenData.Data.Sql;

namespace OpenData.Data.Stats;

/// <summary>Aggregates over the served questions: per-ministry answer statistics and timelines.</summary>
public sealed class StatsQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Per ministry handling the questions (the ministry a question was transferred to, else the one it was
    /// addressed to), the questions received and how they were answered; most questions first, then by id.
    /// Questions addressed to no ministry are left out.
    /// </summary>
    public async Task<IReadOnlyList<MinistryStatsRow>> MinistryStatsAsync(StatsFilter filter, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        QuestionSql.Where(new QuestionFilter
        {
            Legislature = filter.Legislature,
            PublishedFrom = filter.From,
            PublishedTo = filter.To,
            Natures = filter.EffectiveNatures,
        }, where);
        where.AddRaw("h.ministry_id IS NOT NULL");
        if (filter.Current is { } current) where.AddRaw(current ? "m.current" : "NOT m.current");

        var sql = $"""
            SELECT h.ministry_id,
                   coalesce(m.name, min(h.ministry_name)) AS ministry_name,
                   count(*) AS questions,
                   count(*) FILTER (WHERE q.status = 'answered') AS answered,
                   count(*) FILTER (WHERE q.status = 'answered' AND q.answered_at <= q.deadline) AS answered_within_deadline,
                   count(*) FILTER (WHERE q.status = 'awaiting_answer') AS awaiting,
                   count(*) FILTER (WHERE q.status = 'awaiting_answer' AND q.deadline < current_date) AS overdue,
                   round((percentile_cont(0.5) WITHIN GROUP (ORDER BY q.answer_delay_days)
                       FILTER (WHERE q.status = 'answered'))::numeric, 1) AS median_delay_days,
                   round((percentile_cont(0.9) WITHIN GROUP (ORDER BY q.answer_delay_days)
                       FILTER (WHERE q.status = 'answered'))::numeric, 1) AS p90_delay_days
            FROM opendata.questions q
            CROSS JOIN LATERAL (SELECT
                coalesce(q.transfer_ministry_id, q.ministry_id) AS ministry_id,
                CASE WHEN q.transfer_ministry_id IS NOT NULL THEN q.transfer_ministry_name ELSE q.ministry_name END AS ministry_name) h
            LEFT JOIN opendata.ministries m ON m.id = h.ministry_id
            WHERE {where.Sql}
            GROUP BY h.ministry_id, m.name
            ORDER BY questions DESC, h.ministry_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MinistryStatsRow>(new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Per month or year, the questions matching the filter published in the period and those answered in
    /// it, from the first period with an event to the last, periods without any event included with zeros.
    /// </summary>
    public async Task<IReadOnlyList<TimelineRow>> TimelineAsync(QuestionFilter filter, StatsInterval interval, CancellationToken cancellationToken)
    {
        var where = new SqlWhere();
        QuestionSql.Where(filter, where);
        // Constants chosen from the enum, never text from the request.
        var (unit, format) = interval == StatsInterval.Year ? ("year", "YYYY") : ("month", "YYYY-MM");

        var sql = $"""
            WITH matched AS (
                SELECT q.published_at, q.answered_at FROM opendata.questions q WHERE {where.Sql}
            ),
            events AS (
                SELECT date_trunc('{unit}', published_at::timestamp) AS period, 1 AS questions, 0 AS answers FROM matched
                UNION ALL
                SELECT date_trunc('{unit}', answered_at::timestamp), 0, 1 FROM matched WHERE answered_at IS NOT NULL
            ),
            counts AS (
                SELECT period, sum(questions) AS questions, sum(answers) AS answers FROM events GROUP BY period
            )
            SELECT to_char(s.period, '{format}') AS period,
                   coalesce(c.questions, 0)::bigint AS questions,
                   coalesce(c.answers, 0)::bigint AS answers
            FROM generate_series((SELECT min(period) FROM counts), (SELECT max(period) FROM counts), interval '1 {unit}') s(period)
            LEFT JOIN counts c ON c.period = s.period
            ORDER BY s.period
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimelineRow>(new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
