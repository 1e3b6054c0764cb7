-- The largest lists of a dataset, by kind (all themes, the reminders of one question, …): what the GraphQL cost
-- multiplies a plain list by, so that it bounds what a query may return. Computed by each import (one scan of the
-- questions there, not in the API) and recorded with the dataset.
ALTER TABLE opendata.dataset ADD COLUMN list_bounds jsonb;

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
          'memberships', (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM %1$I.senator_groups GROUP BY senator_id) g))
        $sql$, target) INTO bounds;
    RETURN bounds;
END
$fn$;

UPDATE opendata.dataset SET list_bounds = opendata_meta.list_bounds('opendata');
