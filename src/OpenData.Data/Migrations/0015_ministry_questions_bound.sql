-- The most questions one ministry was asked (a question counts for each ministry it was addressed to): under each
-- ministry of a GraphQL query, a page of its questions reads them all and sorts them (their ministries' index does not
-- give their order), so the price of such a page is that of the largest ministry's. The bounds of 0012 are kept as
-- they are and this one is added to them.
ALTER FUNCTION opendata_meta.list_bounds(text) RENAME TO list_bounds_0012;

CREATE FUNCTION opendata_meta.list_bounds(target text) RETURNS jsonb LANGUAGE plpgsql STABLE AS $fn$
DECLARE ministry_questions int;
BEGIN
    EXECUTE format('SELECT coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM %1$I.questions, unnest(ministry_ids) m GROUP BY m) q', target)
        INTO ministry_questions;
    RETURN opendata_meta.list_bounds_0012(target) || jsonb_build_object('ministryQuestions', ministry_questions);
END
$fn$;

UPDATE opendata.dataset SET list_bounds = opendata_meta.list_bounds('opendata');
