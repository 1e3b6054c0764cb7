-- A search of common words alone reads every row of each word in the search index, whatever its matches: the planner
-- estimates the matches of several words as if they were independent (seven common words: 1,520 estimated, 5,584
-- found), while finding them built the index bitmaps of the seven words, 1.1 million entries (30 ms at 300,000
-- questions, priced as 1,520 matches: 4 ms). Such a search now weighs its matches plus those entries,
-- entries_per_match of them as one match (FullTextSearch.IndexEntriesPerMatch). A search requiring a word outside the
-- statistics (a rare word) reads few entries, as the index skips to that word's rows: its matches are counted as before
-- (0017). The function of 0017, four arguments, calls this one for an API started before this migration.
CREATE FUNCTION opendata_meta.search_matches(target regclass, config regconfig, words text, exact_below integer, entries_per_match integer)
RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    plan json;
    estimated bigint;
    guessed boolean;
    entries float8;
    counted bigint;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2)', target)
        INTO plan USING config, words;
    estimated := ceil((plan->0->'Plan'->>'Plan Rows')::float8);
    -- The words the search requires (its query's lexemes but those negated: '!' before them), each once, with the
    -- share of rows holding it when the search column's statistics keep it (null for a word they do not keep).
    WITH required AS (
        SELECT DISTINCT replace(m[2], '''''', '''') AS word
        FROM regexp_matches(websearch_to_tsquery(config, words)::text, '(^|[^!])''((?:[^'']|'''')+)''', 'g') m
    ), kept AS (
        SELECT r.word, (SELECT u.f FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search'
                        CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) u(e, f)
                        WHERE c.oid = target AND u.e = r.word LIMIT 1) AS share
        FROM required r
    )
    SELECT bool_or(share IS NULL), coalesce(sum(share), 0) * (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = target)
    FROM kept INTO guessed, entries;
    IF NOT coalesce(guessed, false) THEN
        RETURN estimated + ceil(entries / greatest(entries_per_match, 1));
    END IF;
    IF estimated > exact_below THEN
        RETURN estimated;
    END IF;
    EXECUTE format('SELECT count(*) FROM (SELECT FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2) LIMIT $3) m', target)
        INTO counted USING config, words, exact_below + 1;
    RETURN CASE WHEN counted > exact_below THEN greatest(estimated, counted) ELSE counted END;
END
$fn$;

CREATE OR REPLACE FUNCTION opendata_meta.search_matches(target regclass, config regconfig, words text, exact_below integer) RETURNS bigint
LANGUAGE sql VOLATILE AS $fn$ SELECT opendata_meta.search_matches(target, config, words, exact_below, 100) $fn$;
