-- The delay until an answer as a time-to-event with right-censoring: a question not answered counts as waiting until
-- its closedAt (lapsed, withdrawn or converted) or, still open, until the dataset's asOf (its newest publication).
-- Kaplan-Meier estimates over such a population (the days to the answer or to the censoring, and whether answered):
-- the survival S(t) is the product over the times t_j <= t of (1 - d_j / n_j), d_j answered at t_j, n_j still waiting
-- just before; the median is the first time S falls to 0.5 or below, the 90th percentile to 0.1 or below; null where
-- the curve never falls that low. Ties: all answers at t_j count before the censorings at t_j (the usual convention).
CREATE OR REPLACE FUNCTION opendata_meta.time_to_answer(days integer[], answered boolean[], OUT median integer, OUT p90 integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    WITH steps AS (
        SELECT greatest(t, 0) AS t, count(*) FILTER (WHERE e) AS d, count(*) AS k
        FROM unnest(days, answered) u(t, e)
        GROUP BY 1
    ), at_risk AS (
        SELECT t, d, sum(k) OVER (ORDER BY t DESC) AS n FROM steps
    ), curve AS (
        -- S reaches 0 where every question still waiting is answered (d = n): ln(0) is avoided, the product is 0.
        SELECT t, CASE WHEN bool_or(d = n) OVER w THEN 0
                       ELSE exp(sum(ln(CASE WHEN d < n THEN 1 - d::float8 / n ELSE 1 END)) OVER w) END AS s
        FROM at_risk
        WINDOW w AS (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
    -- A margin for the floating-point product: 1/2 computed as exp(ln(1/2)) must read as 0.5.
    SELECT min(t) FILTER (WHERE s <= 0.5 + 1e-9), min(t) FILTER (WHERE s <= 0.1 + 1e-9) FROM curve
$fn$;

-- The few changes of a question's status (most changes are additions): what closedAt reads for many questions at once.
CREATE INDEX IF NOT EXISTS changes_status ON opendata_meta.changes (id, seq) WHERE type = 'question' AND kind = 'changed' AND 'status' = ANY(fields);

ALTER TABLE opendata.ministry_stats ADD COLUMN time_to_answer_median integer, ADD COLUMN time_to_answer_p90 integer;

-- The same per month and per year of publication, for the default timeline (every question, of every kind): the
-- questions published in the period, how many of them were answered (at any date), and their Kaplan-Meier delays.
CREATE TABLE opendata.timeline_survival (
    unit text NOT NULL CHECK (unit IN ('month', 'year')),
    period date NOT NULL,
    questions bigint NOT NULL,
    answered bigint NOT NULL,
    time_to_answer_median integer,
    time_to_answer_p90 integer,
    PRIMARY KEY (unit, period)
);

-- The Kaplan-Meier figures of the default statistics (ministry_stats, timeline_survival), computed by each import once
-- its questions, legislatures and changes are in place (Transform.sql, step "time to answer"), as StatsQueries computes
-- them live (TimeToAnswerSql): each question answered after answer_delay_days, or censored at its closedAt
-- (QuestionEvents.ClosedAt: a lapsed question at the end of its legislature, a withdrawn or converted one at the
-- landing of the import that changed its status) or at the schema's asOf (DatasetQueries.AsOf).
CREATE OR REPLACE FUNCTION opendata_meta.compute_time_to_answer(target text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format($sql$
        CREATE TEMPORARY TABLE waiting ON COMMIT DROP AS
        SELECT coalesce(q.transfer_ministry_id, q.ministry_id) AS ministry_id, q.nature_code, q.published_at,
               CASE WHEN q.status = 'answered' THEN coalesce(q.answer_delay_days, 0)
                    ELSE coalesce(closed.at, as_of.at) - q.published_at END AS days,
               q.status = 'answered' AS answered
        FROM %1$I.questions q
        CROSS JOIN (SELECT greatest((SELECT max(published_at) FROM %1$I.questions), (SELECT max(published_at) FROM %1$I.answers)) AS at) as_of
        LEFT JOIN %1$I.legislatures l ON l.number = q.legislature
        LEFT JOIN (
            -- An import computes this before it lands: its own changes are dated now (it lands seconds later).
            SELECT c.id, (max(coalesce(d.landed_at, clock_timestamp())) AT TIME ZONE 'UTC')::date AS at
            FROM opendata_meta.changes c LEFT JOIN opendata_meta.landings d ON d.version = c.version
            WHERE c.type = 'question' AND c.kind = 'changed' AND 'status' = ANY(c.fields)
              AND NOT EXISTS (SELECT 1 FROM opendata_meta.changes b WHERE b.type = 'question' AND b.id = c.id AND b.kind <> 'changed' AND b.seq > c.seq)
            GROUP BY c.id
        ) sc ON sc.id = q.id
        CROSS JOIN LATERAL (SELECT CASE WHEN q.status IN ('lapsed', 'withdrawn', 'converted')
            THEN coalesce(CASE WHEN q.status = 'lapsed' THEN l.end_date END, sc.at) END AS at) closed
        $sql$, target);

    EXECUTE format($sql$
        UPDATE %1$I.ministry_stats s SET time_to_answer_median = k.median, time_to_answer_p90 = k.p90
        FROM (SELECT ministry_id, array_agg(days) AS days, array_agg(answered) AS answered
              FROM waiting WHERE nature_code = 'QE' AND ministry_id IS NOT NULL GROUP BY ministry_id) g
        CROSS JOIN LATERAL opendata_meta.time_to_answer(g.days, g.answered) k
        WHERE s.ministry_id = g.ministry_id
        $sql$, target);

    EXECUTE format($sql$
        INSERT INTO %1$I.timeline_survival
        SELECT g.unit, g.period, g.questions, g.answered, k.median, k.p90
        FROM (SELECT u.unit, date_trunc(u.unit, w.published_at::timestamp)::date AS period, count(*) AS questions,
                     count(*) FILTER (WHERE w.answered) AS answered, array_agg(w.days) AS days, array_agg(w.answered) AS flags
              FROM waiting w CROSS JOIN (VALUES ('month'), ('year')) u(unit)
              GROUP BY 1, 2) g
        CROSS JOIN LATERAL opendata_meta.time_to_answer(g.days, g.flags) k
        $sql$, target);
    DROP TABLE waiting;
END
$fn$;

SELECT opendata_meta.compute_time_to_answer('opendata');
