-- Twin questions: near-identical texts (the same words sent to several senators), found by each import
-- (OpenData.Ingest's TwinFinder: the Jaccard similarity of the texts' shingles after the opening formula, from 0.4).

-- Each pair twice, once from each side: a question's twins are one index range, the most similar first.
CREATE TABLE opendata.question_similar (
    question_id text NOT NULL,
    similar_id text NOT NULL,
    similarity real NOT NULL CHECK (similarity BETWEEN 0 AND 1),
    PRIMARY KEY (question_id, similar_id)
);
CREATE INDEX question_similar_order ON opendata.question_similar (question_id, similarity DESC, similar_id);

-- The groups the pairs join, named by their earliest question (publication date, then id): stable from one import to
-- the next while that question stays the earliest.
CREATE TABLE opendata.twin_groups (
    id text PRIMARY KEY,
    size integer NOT NULL CHECK (size >= 2),
    question_ids text[] NOT NULL,      -- in publication order, the earliest first
    published_from date NOT NULL,
    published_to date NOT NULL,
    senator_ids text[] NOT NULL,       -- distinct, in order of their first question
    group_codes text[] NOT NULL,       -- the political groups of those senators when they asked, distinct, sorted
    ministry_ids bigint[] NOT NULL,    -- every ministry the questions were addressed, transferred to or answered by
    min_similarity real NOT NULL       -- the least similarity of the pairs that join it
);
CREATE INDEX twin_groups_order ON opendata.twin_groups (size DESC, id);
CREATE INDEX twin_groups_ministries ON opendata.twin_groups USING gin (ministry_ids);

CREATE TABLE opendata.twin_members (
    question_id text PRIMARY KEY,
    group_id text NOT NULL
);

-- The dataset's longest lists gain the largest twin group (what a GraphQL query listing a group's questions is priced by).
CREATE OR REPLACE FUNCTION opendata_meta.list_bounds(target text) RETURNS jsonb LANGUAGE plpgsql STABLE AS $fn$
DECLARE bounds jsonb;
BEGIN
    EXECUTE format($sql$
        SELECT jsonb_build_object(
          'themes', (SELECT count(*) FROM %1$I.themes),
          'groups', (SELECT count(*) FROM %1$I.political_groups),
          'legislatures', (SELECT count(*) FROM %1$I.legislatures),
          'ministries', (SELECT count(*) FROM %1$I.ministries),
          'months', (SELECT coalesce((extract(year FROM age(max(month), min(month))) * 12 + extract(month FROM age(max(month), min(month))))::int + 1, 0)
                     FROM %1$I.timeline_months),
          'questionThemes', (SELECT coalesce(max(cardinality(theme_ids)), 0) FROM %1$I.questions),
          'reminders', (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM %1$I.questions
                        WHERE reminds_question_id IS NOT NULL GROUP BY reminds_question_id) r),
          'sharedWith', (SELECT coalesce(max(cardinality(shared_with)), 0) FROM %1$I.answers),
          'predecessors', (SELECT coalesce(max(cardinality(predecessor_ids)), 0) FROM %1$I.ministries),
          'memberships', (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM %1$I.senator_groups GROUP BY senator_id) g),
          'twinSize', (SELECT coalesce(max(size), 0) FROM %1$I.twin_groups))
        $sql$, target) INTO bounds;
    RETURN bounds;
END
$fn$;

-- The dataset served when this migration runs was imported before twins were looked for: it has none, and says so
-- (its row counts and longest lists name them), until the next import finds them.
UPDATE opendata.dataset SET row_counts = row_counts || jsonb_build_object('twin_groups', (SELECT count(*) FROM opendata.twin_groups)),
                            list_bounds = opendata_meta.list_bounds('opendata');
