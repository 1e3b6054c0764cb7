-- How many rows of a table a full-text search matches, for its price. PostgreSQL's estimate, from the search column's
-- statistics, holds for the words those statistics keep (the most common ones); a word outside them is estimated from
-- the least common one kept: about 1,000 matches at 300,000 questions, where a rare word matches a handful. So an
-- estimate of at most exact_below matches is replaced by the matches counted, up to exact_below + 1 (found by the
-- search index: a few milliseconds at most). One call, one round trip, planned for the words (EXECUTE ... USING);
-- VOLATILE, as PostgreSQL allows EXPLAIN in no other function.
CREATE FUNCTION opendata_meta.search_matches(target regclass, config regconfig, words text, exact_below integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    plan json;
    estimated bigint;
    counted bigint;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2)', target)
        INTO plan USING config, words;
    estimated := ceil((plan->0->'Plan'->>'Plan Rows')::float8);
    IF estimated > exact_below THEN
        RETURN estimated;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2) LIMIT $3) m', target)
        INTO counted USING config, words, exact_below + 1;
    RETURN CASE WHEN counted > exact_below THEN greatest(estimated, counted) ELSE counted END;
END
$fn$;

GRANT EXECUTE ON FUNCTION opendata_meta.search_matches(regclass, regconfig, text, integer) TO opendata_reader;
