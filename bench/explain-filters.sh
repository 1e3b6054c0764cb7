#!/usr/bin/env bash
# Shows which index each documented question filter uses at full scale: for every filter, the plan of
# the page query (newest first, 21 rows) and of the exact count the API runs, as PostgreSQL chooses them.
#   bench/explain-filters.sh "postgresql://opendata_reader:…@127.0.0.1:PORT/opendata"
# Prints one line per filter: the access paths of both plans (a "Seq Scan" there means no index was used).
set -euo pipefail
url=${1:?usage: explain-filters.sh POSTGRES_URL}
ministry=$(psql "$url" -Atc "SELECT id FROM opendata.ministries WHERE current ORDER BY question_count DESC LIMIT 1")
author=$(psql "$url" -Atc "SELECT author_id FROM opendata.questions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
config="'opendata_meta.french_unaccent'"
filters=(
  "q (selective)|search @@ websearch_to_tsquery($config, 'désertification médicale')"
  "q (broad)|search @@ websearch_to_tsquery($config, 'communes rurales')"
  "senator|author_id = '$author'"
  "ministry|ministry_ids @> ARRAY[$ministry]::bigint[]"
  "ministry + lineage|ministry_ids && (SELECT lineage_ids FROM opendata.ministries WHERE id = $ministry)"
  "nature|nature_code = ANY('{QOSD,QG}')"
  "status|status = ANY('{lapsed}')"
  "legislature|legislature = 16"
  "theme|theme_ids @> ARRAY[5]"
  "group|author_group = 'UC'"
  "publishedFrom/To|published_at >= '2025-01-01' AND published_at <= '2025-03-31'"
  "answeredFrom/To|answered_at >= '2025-01-01' AND answered_at <= '2025-03-31'"
  "overdue=true|status = 'awaiting_answer' AND deadline < current_date"
  "updatedSince|updated_version >= (SELECT coalesce(min(version), 9223372036854775807) FROM opendata_meta.landings WHERE landed_at >= '2026-10-01')"
)
plan() { psql "$url" -Atc "EXPLAIN $1" | grep -oE "(Parallel )?(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan)( Backward)?( using [a-z_]+)? on [a-z_]+|Bitmap Index Scan on [a-z_]+" | sort -u | paste -sd ';' -; }
printf "| filter | page query (21 newest) | exact count |\n|---|---|---|\n"
for f in "${filters[@]}"; do
  name=${f%%|*} cond=${f#*|}
  printf "| %s | %s | %s |\n" "$name" \
    "$(plan "SELECT id FROM opendata.questions q WHERE $cond ORDER BY published_at DESC, id DESC LIMIT 21")" \
    "$(plan "SELECT count(*) FROM opendata.questions q WHERE $cond")"
done
