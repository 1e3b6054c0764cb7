-- A search's matches are counted only when PostgreSQL's estimate is a guess: when a word the search requires is outside
-- the search column's statistics (most_common_elems). Such a word is in few rows, so counting through it reads few
-- index entries. Words all within the statistics are estimated from their frequencies: a search of seven common words
-- was estimated at 1,737 matches and counted, which built the index bitmaps of all seven (17-130 ms at 300,000
-- questions) for a search priced as 1,737 matches.
CREATE OR REPLACE FUNCTION opendata_meta.search_matches(target regclass, config regconfig, words text, exact_below integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    plan json;
    estimated bigint;
    guessed boolean;
    counted bigint;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2)', target)
        INTO plan USING config, words;
    estimated := ceil((plan->0->'Plan'->>'Plan Rows')::float8);
    IF estimated > exact_below THEN
        RETURN estimated;
    END IF;
    -- The words the search requires: its query's lexemes but those negated ('!' before them).
    SELECT EXISTS (
        SELECT FROM regexp_matches(websearch_to_tsquery(config, words)::text, '(^|[^!])''((?:[^'']|'''')+)''', 'g') m
        WHERE NOT EXISTS (
            SELECT FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search'
            WHERE c.oid = target AND replace(m[2], '''''', '''') = ANY (s.most_common_elems::text::text[])))
        INTO guessed;
    IF NOT guessed THEN
        RETURN estimated;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2) LIMIT $3) m', target)
        INTO counted USING config, words, exact_below + 1;
    RETURN CASE WHEN counted > exact_below THEN greatest(estimated, counted) ELSE counted END;
END
$fn$;
