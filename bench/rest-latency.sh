#!/usr/bin/env bash
# REST latency and export memory at full scale (figures for the README; not a test).
#
#   bench/rest-latency.sh                       generate 300,000 questions, import them into a throwaway
#                                               PostgreSQL, then measure
#   bench/rest-latency.sh --reader "Host=…"     measure against a database already loaded (read-only role)
#   --requests N (default 200) per target, sequential, after 20 warm-up requests
#
# For each target: median and p95 of the time to the last byte, with the output cache off (uncached:
# every request reaches PostgreSQL) and on (cached). Then the API's resident memory while it streams the
# whole question set as CSV. Then GraphQL (uncached, as POST): the latency of a nested query and of the
# pages of a connection walk, and, with wrk installed, throughput at 32 connections of the nested query
# and of the REST default list in the same run. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
requests=200 reader="" questions=300000
while [ $# -gt 0 ]; do
  case "$1" in
    --reader) reader=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --questions) questions=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

dotnet build -c Release -v quiet -nologo src/OpenData.Ingest/OpenData.Ingest.csproj >/dev/null
dotnet build -c Release -v quiet -nologo src/OpenData.Api/OpenData.Api.csproj >/dev/null
ingest() { dotnet "$root/src/OpenData.Ingest/bin/Release/net10.0/opendata-ingest.dll" "$@"; }

if [ -z "$reader" ]; then
  cluster=$(mktemp -d /tmp/opendata-bench-pg.XXXXXX)
  pg_port=$(scripts/free-port.sh 57000)
  trap 'scripts/postgres.sh stop "$cluster"; rm -rf "$cluster"' EXIT
  scripts/postgres.sh start "$cluster" "$pg_port" throwaway
  data="$root/bench/data/$questions"
  [ -f "$data/questions.zip" ] || ingest generate --questions "$questions" --out "$data" --zip >/dev/null
  owner="Host=127.0.0.1;Port=$pg_port;Username=opendata_owner;Password=opendata_owner;Database=opendata"
  ingest migrate --connection "$owner" >/dev/null
  /usr/bin/time -f "import: %e s, importer peak RSS %M KB" \
    dotnet "$root/src/OpenData.Ingest/bin/Release/net10.0/opendata-ingest.dll" import --connection "$owner" \
    --questions "$data/questions.zip" --senators "$data/ODSEN_GENERAL.json" --groups "$data/ODSEN_HISTOGROUPES.json" >/dev/null
  reader="Host=127.0.0.1;Port=$pg_port;Username=opendata_reader;Password=opendata_reader;Database=opendata"
fi

http_port=$(scripts/free-port.sh 5300)
base="http://127.0.0.1:$http_port"
api_pid=""
start_api() {
  # The load generator is one client: quotas would measure the limiter, not the API.
  (cd src/OpenData.Api && OutputCache__Enabled=$1 Logging__LogLevel__Default=Warning RateLimiting__Anonymous__PermitLimit=2000000000 ConnectionStrings__OpenData="$reader" \
    exec dotnet bin/Release/net10.0/OpenData.Api.dll --urls "$base") &
  api_pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/health/ready" >/dev/null && return; sleep 0.2; done
  echo "the API did not become ready" >&2; exit 1
}
stop_api() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; }

# Pick real ids from the data so the targets are meaningful.
start_api false
detail=$(curl -s "$base/v1/questions?limit=1&status=answered" | sed -E 's/^\{"data":\[\{"id":"([^"]+)".*/\1/')
ministry=$(curl -s "$base/v1/ministries?current=true&limit=1" | sed -E 's/^\{"data":\[\{"id":([0-9]+).*/\1/')
targets=(
  "default list|/v1/questions"
  "filtered list|/v1/questions?ministry=$ministry&status=answered&publishedFrom=2025-01-01&publishedTo=2026-12-31"
  "full-text search|/v1/questions?q=d%C3%A9sertification%20m%C3%A9dicale"
  "full-text, broad terms|/v1/questions?q=communes%20rurales"
  "detail|/v1/questions/$detail"
  "senators list|/v1/senators"
)

measure() { # url -> "median p95" in ms
  local url=$1 times
  for _ in $(seq 1 20); do curl -s -o /dev/null "$base$url"; done
  times=$(for _ in $(seq 1 "$requests"); do curl -s -o /dev/null -w "%{time_total}\n" "$base$url"; done | sort -n)
  awk -v n="$requests" '{ t[NR] = $1 * 1000 } END { printf "%.1f %.1f", t[int(n * 0.5)], t[int(n * 0.95)] }' <<<"$times"
}

declare -A uncached cached
for target in "${targets[@]}"; do uncached[$target]=$(measure "${target#*|}"); done

# Memory while streaming the whole question set as CSV.
baseline=$(ps -o rss= -p "$(pgrep -P "$api_pid" -f OpenData.Api.dll || echo "$api_pid")" | tr -d ' ')
peak=$baseline
api_rss_pid=$(pgrep -f "OpenData.Api.dll --urls $base" | head -1)
start=$(date +%s.%N)
curl -s -o /tmp/opendata-bench-export.csv "$base/v1/questions?format=csv" &
export_pid=$!
while kill -0 "$export_pid" 2>/dev/null; do
  rss=$(ps -o rss= -p "$api_rss_pid" | tr -d ' '); [ "${rss:-0}" -gt "$peak" ] && peak=$rss; sleep 0.1
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
rows=$(($(python3 -c "import csv,sys; csv.field_size_limit(10**9); print(sum(1 for _ in csv.reader(open('/tmp/opendata-bench-export.csv', encoding='utf-8-sig', newline=''))))") - 1))
size=$(du -m /tmp/opendata-bench-export.csv | cut -f1)
rm -f /tmp/opendata-bench-export.csv

# GraphQL, uncached (POST): a nested page, and a connection walk page after page.
nested='{"query":"{ questions(first: 20) { nodes { id title publishedAt author { id name } ministry { id name } answer { publishedAt delayDays ministry { name } } } } }"}'
graphql_ms() { curl -s -o "${2:-/dev/null}" -w "%{time_total}\n" -H "Content-Type: application/json" -d "$1" "$base/graphql"; }
for _ in $(seq 1 20); do graphql_ms "$nested" >/dev/null; done
nested_times=$(for _ in $(seq 1 "$requests"); do graphql_ms "$nested"; done | sort -n)
after="" walk_times=""
for _ in $(seq 1 100); do
  body="{\"query\":\"query(\$after: String) { questions(first: 100, after: \$after) { pageInfo { endCursor } nodes { id title author { name } ministry { name } } } }\",\"variables\":{\"after\":${after:-null}}}"
  walk_times+="$(graphql_ms "$body" /tmp/opendata-bench-page.json)"$'\n'
  after=$(python3 -c "import json; print(json.dumps(json.load(open('/tmp/opendata-bench-page.json'))['data']['questions']['pageInfo']['endCursor']))")
done
walk_times=$(sort -n <<<"${walk_times%$'\n'}")
percentiles() { awk '{ t[NR] = $1 * 1000 } END { printf "%.1f ms | %.1f ms", t[int(NR * 0.5)], t[int(NR * 0.95)] }'; }
throughput=""
if command -v wrk >/dev/null; then
  throughput+="| GraphQL nested page (20 questions, author, ministry, answer) | $(BODY=$nested wrk -t2 -c32 -d10s -s bench/post.lua "$base/graphql" | tail -1) |"$'\n'
  throughput+="| REST default list | $(wrk -t2 -c32 -d10s -s bench/get.lua "$base/v1/questions" | tail -1) |"$'\n'
  throughput+="| /health/live (no database) | $(wrk -t2 -c32 -d10s -s bench/get.lua "$base/health/live" | tail -1) |"
fi
rm -f /tmp/opendata-bench-page.json
stop_api

start_api true
for target in "${targets[@]}"; do cached[$target]=$(measure "${target#*|}"); done
stop_api

echo "| target | uncached median | uncached p95 | cached median | cached p95 |"
echo "|---|---|---|---|---|"
for target in "${targets[@]}"; do
  read -r um up <<<"${uncached[$target]}"; read -r cm cp <<<"${cached[$target]}"
  echo "| ${target%%|*} | $um ms | $up ms | $cm ms | $cp ms |"
done
echo
echo "CSV export of every question: $rows rows, $size MB in ${elapsed%.*} s; API resident memory $((baseline / 1024)) MB before, $((peak / 1024)) MB peak during the export"
echo
echo "| GraphQL, uncached, one client | median | p95 |"
echo "|---|---|---|"
echo "| nested page: 20 questions with author, ministry, answer (and its ministry) | $(percentiles <<<"$nested_times") |"
echo "| connection walk: 100 pages of first: 100 | $(percentiles <<<"$walk_times") |"
if [ -n "$throughput" ]; then
  echo
  echo "| 32 connections, 10 s, uncached (wrk) | result |"
  echo "|---|---|"
  echo "$throughput"
fi
