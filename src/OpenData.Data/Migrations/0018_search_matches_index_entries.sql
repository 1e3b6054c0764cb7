-- A search of several common words alone reads every row of each word in the search index, whatever its matches: the planner
-- estimates the matches of several words as if they were independent (seven common words: 1,520 estimated, 5,584
-- found), while finding them built the index bitmaps of the seven words, 1.1 million entries (30 ms at 300,000
-- questions, priced as 1,520 matches: 4 ms). Such a search now weighs its matches plus those entries,
-- entries_per_match of them as one match (FullTextSearch.IndexEntriesPerMatch). A search requiring a word outside the
-- statistics (a rare word) reads few entries, as the index skips to that word's rows: its matches are counted as before
-- (0017). The function of 0017, four arguments, calls this one for an API started before this migration.
CREATE FUNCTION opendata_meta.search_matches(target regclass, config regconfig, words text, exact_below integer, entries_per_match integer)
RETURNS bigint
-- Its own statements planned once a session (generic), not for each of their first five calls: planning the read of
-- pg_stats costs milliseconds. The search's estimate and count are planned for their words whatever the mode (EXECUTE).
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
    plan json;
    estimated bigint;
    required text[];
    elems text[];
    shares real[];
    guessed boolean;
    entries float8;
    counted bigint;
BEGIN
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM %s x WHERE x.search @@ websearch_to_tsquery($1, $2)', target)
        INTO plan USING config, words;
    estimated := ceil((plan->0->'Plan'->>'Plan Rows')::float8);
    -- The words the search requires: its query's lexemes but those negated ('!' before them), each once.
    SELECT array_agg(DISTINCT replace(m[2], '''''', '''')) INTO required
    FROM regexp_matches(websearch_to_tsquery(config, words)::text, '(^|[^!])''((?:[^'']|'''')+)''', 'g') m;
    -- One word estimated above exact_below: its estimate is its rows (from the statistics, or a guess of more than
    -- exact_below rows for a word they do not keep: too many to count), and its index entries as many.
    IF coalesce(cardinality(required), 0) <= 1 AND estimated > exact_below THEN
        RETURN estimated;
    END IF;
    -- The words the search column's statistics keep and the share of rows holding each, read once (pg_stats is a view
    -- dear to plan and to read: 0.5-1 ms).
    SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs INTO elems, shares
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = 'search'
    WHERE c.oid = target;
    -- Whether a required word is outside the statistics (its estimate is a guess), and the rows of those within (the
    -- index entries finding the matches reads).
    SELECT bool_or(array_position(elems, w) IS NULL),
           coalesce(sum(shares[array_position(elems, w)]), 0) * (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = target)
    FROM unnest(required) w
    INTO guessed, entries;
    IF NOT coalesce(guessed, false) THEN
        -- One word: its estimate is its rows, as many index entries.
        RETURN estimated + CASE WHEN cardinality(required) > 1 THEN ceil(entries / greatest(entries_per_match, 1)) ELSE 0 END;
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
