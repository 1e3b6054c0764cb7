-- The statistics of the default requests, computed by each import (Transform.sql, step "statistics") so
-- that /v1/stats/ministries and /v1/stats/timeline without filters read a few hundred rows instead of
-- aggregating every question. Filtered requests are still computed from the questions when asked.
-- Readable by the API through the default privileges of migration 0001, like the other served tables.

-- Per handling ministry, the written questions (QE) it had to answer and how it answered them. Overdue
-- changes with the date: it is counted when read, with ministry_awaiting_deadlines.
CREATE TABLE opendata.ministry_stats (
    ministry_id bigint PRIMARY KEY,
    ministry_name text,                    -- from the questions: the name in opendata.ministries wins when read
    questions bigint NOT NULL,
    answered bigint NOT NULL,
    answered_within_deadline bigint NOT NULL,
    awaiting bigint NOT NULL,
    median_delay_days numeric,
    p90_delay_days numeric
);

-- Written questions awaiting an answer, per deadline and handling ministry: overdue = deadline < today. They
-- add up to ministry_stats.awaiting (every written question has a deadline), so the API reads only the few
-- rows not yet due, through the key, and subtracts them.
CREATE TABLE opendata.ministry_awaiting_deadlines (
    deadline date NOT NULL,
    ministry_id bigint NOT NULL,
    questions bigint NOT NULL,
    PRIMARY KEY (deadline, ministry_id)
);

-- Every question, per month: how many were published in it and how many answered in it.
CREATE TABLE opendata.timeline_months (
    month date PRIMARY KEY,
    questions bigint NOT NULL,
    answers bigint NOT NULL
);

-- Fills the three tables of a schema from its questions: the import calls it for the staging schema
-- (Transform.sql, step "statistics"); here it fills them for a dataset served before this migration, which
-- would otherwise serve empty default statistics until its next import.
CREATE OR REPLACE FUNCTION opendata_meta.compute_statistics(target text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    -- Written questions per handling ministry (the one a question was transferred to, else the one it was
    -- addressed to), as the live query of /v1/stats/ministries counts them.
    EXECUTE format($sql$
        INSERT INTO %1$I.ministry_stats
        SELECT h.ministry_id, min(h.ministry_name), count(*),
               count(*) FILTER (WHERE q.status = 'answered'),
               count(*) FILTER (WHERE q.status = 'answered' AND q.answered_at <= q.deadline),
               count(*) FILTER (WHERE q.status = 'awaiting_answer'),
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY q.answer_delay_days) FILTER (WHERE q.status = 'answered'))::numeric, 1),
               round((percentile_cont(0.9) WITHIN GROUP (ORDER BY q.answer_delay_days) FILTER (WHERE q.status = 'answered'))::numeric, 1)
        FROM %1$I.questions q
        CROSS JOIN LATERAL (SELECT
            coalesce(q.transfer_ministry_id, q.ministry_id) AS ministry_id,
            CASE WHEN q.transfer_ministry_id IS NOT NULL THEN q.transfer_ministry_name ELSE q.ministry_name END AS ministry_name) h
        WHERE q.nature_code = 'QE' AND h.ministry_id IS NOT NULL
        GROUP BY h.ministry_id
        $sql$, target);

    EXECUTE format($sql$
        INSERT INTO %1$I.ministry_awaiting_deadlines
        SELECT deadline, coalesce(transfer_ministry_id, ministry_id), count(*)
        FROM %1$I.questions
        WHERE nature_code = 'QE' AND status = 'awaiting_answer' AND coalesce(transfer_ministry_id, ministry_id) IS NOT NULL
        GROUP BY 1, 2
        $sql$, target);

    EXECUTE format($sql$
        INSERT INTO %1$I.timeline_months
        SELECT month, sum(questions), sum(answers)
        FROM (
            SELECT date_trunc('month', published_at::timestamp)::date AS month, 1 AS questions, 0 AS answers FROM %1$I.questions
            UNION ALL
            SELECT date_trunc('month', answered_at::timestamp)::date, 0, 1 FROM %1$I.questions WHERE answered_at IS NOT NULL
        ) events
        GROUP BY month
        $sql$, target);
END
$fn$;

SELECT opendata_meta.compute_statistics('opendata');
