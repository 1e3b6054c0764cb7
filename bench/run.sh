#!/usr/bin/env bash
# The benchmark: OpenData.Api against PostGraphile, a SQL-JSON baseline and the machine's ceiling, at full
# scale, in one run. See bench/README.md.
#
#   bench/run.sh                 300,000 generated questions; writes bench/results/<date>.md and refreshes
#                                the summary in bench/README.md and the tables in README.md (about 15 minutes)
#   bench/run.sh --smoke         2,000 questions, 4 connections, 1 s per target, results in a temporary directory: checks
#                                that the harness still works (run by ./test.sh); fails on any error
#   --questions N --duration S --warmup S --connections C   override the defaults
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

questions=300000 duration=10 warmup=10 connections=32 walk_pages=50 smoke=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 questions=2000 duration=1 warmup=2 connections=4 walk_pages=3; shift ;; # a cold API: few connections, longer warm-up
    --questions) questions=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
pool=16 # database connections per server: the API's default (Database:MaxPoolSize), given to each server

# wrk is a Debian package: installed here when missing (as root) like PostgreSQL.
if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d /tmp/opendata-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

log "building (Release) and installing PostGraphile"
for project in src/OpenData.Ingest/OpenData.Ingest.csproj src/OpenData.Api/OpenData.Api.csproj bench/SqlJsonBaseline/SqlJsonBaseline.csproj; do
  dotnet build -c Release -v quiet -nologo "$project" >/dev/null
done
npm install --prefix tools --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
npm install --prefix bench/postgraphile --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
ingest() { dotnet "$root/src/OpenData.Ingest/bin/Release/net10.0/opendata-ingest.dll" "$@"; }

pg_port=$(scripts/free-port.sh 57000)
log "PostgreSQL with deploy/postgresql.conf on port $pg_port"
OPENDATA_PG_TUNING="$root/deploy/postgresql.conf" scripts/postgres.sh start "$work/pg" "$pg_port" throwaway
owner="Host=127.0.0.1;Port=$pg_port;Username=opendata_owner;Password=opendata_owner;Database=opendata"
reader="Host=127.0.0.1;Port=$pg_port;Username=opendata_reader;Password=opendata_reader;Database=opendata"

data="$root/bench/data/$questions"
if [ ! -f "$data/questions.zip" ]; then
  log "generating $questions questions in the Senate's formats"
  ingest generate --questions "$questions" --out "$data" --zip >/dev/null
fi
ingest migrate --connection "$owner" >/dev/null
log "importing"
/usr/bin/time -f "%e %M" -o "$work/import.time" \
  dotnet "$root/src/OpenData.Ingest/bin/Release/net10.0/opendata-ingest.dll" import --connection "$owner" \
  --questions "$data/questions.zip" --senators "$data/ODSEN_GENERAL.json" --groups "$data/ODSEN_HISTOGROUPES.json" >/dev/null
read -r import_seconds import_kb <"$work/import.time"
# The import leaves gigabytes of dirty pages: written now, not in the middle of a measurement.
scripts/postgres.sh checkpoint "$work/pg" "$pg_port"
sync
source_mb=$(( $(unzip -l "$data/questions.zip" | tail -1 | awk '{print $1}') / 1048576 ))

wait_for() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return; sleep 0.2; done; echo "bench: $1 did not answer" >&2; exit 1; }
api_port=$(scripts/free-port.sh 5300) graphile_port=$(scripts/free-port.sh 5400) baseline_port=$(scripts/free-port.sh 5500)
api="http://127.0.0.1:$api_port" graphile="http://127.0.0.1:$graphile_port" baseline="http://127.0.0.1:$baseline_port"
start_api() { # output cache on or off
  # Release build, warnings only; the quota is lifted since wrk is one client and would measure the limiter.
  (cd src/OpenData.Api && OutputCache__Enabled=$1 Database__MaxPoolSize=$pool Logging__LogLevel__Default=Warning \
    RateLimiting__Anonymous__PermitLimit=2000000000 RateLimiting__Anonymous__Concurrency=100000 \
    ConnectionStrings__OpenData="$reader" exec dotnet bin/Release/net10.0/OpenData.Api.dll --urls "$api") &
  api_pid=$!; pids+=("$api_pid")
  wait_for "$api/health/ready"
}
start_api false
(cd bench/postgraphile && PGURL="postgres://opendata_reader:opendata_reader@127.0.0.1:$pg_port/opendata" PORT=$graphile_port POOL=$pool exec node server.js) &
pids+=($!)
(cd bench/SqlJsonBaseline && ConnectionStrings__OpenData="$reader;Maximum Pool Size=$pool" Logging__LogLevel__Default=Warning \
  exec dotnet bin/Release/net10.0/SqlJsonBaseline.dll --urls "$baseline") &
pids+=($!)
wait_for "$baseline/questions"
for _ in $(seq 1 150); do curl -s -o /dev/null -H 'content-type: application/json' -d '{"query":"{__typename}"}' "$graphile/graphql" && break; sleep 0.2; done

log "checking that every pair of servers returns the same rows"
node bench/targets.mjs "$work" "$api" "$graphile" "$baseline" "$walk_pages" >&2

results="$work/results.tsv"
measure() { # group name server url bodies [accept-encoding]
  local group=$1 name=$2 server=$3 url=$4 bodies=$5 encoding=${6:-} line
  local env=(); [ "$bodies" != - ] && env+=(BODIES="$bodies"); [ -n "$encoding" ] && env+=(ENCODING="$encoding")
  env "${env[@]}" wrk -t2 -c"$connections" -d"${warmup}s" -s bench/wrk.lua "$url" >/dev/null
  line=$(env "${env[@]}" wrk -t2 -c"$connections" -d"${duration}s" -s bench/wrk.lua "$url" | tail -1)
  log "$group / $name / $server: $line"
  printf '%s\t%s\t%s\t%s\n' "$group" "$name" "$server" "$line" >>"$results"
}
log "load: $connections connections, ${warmup} s warm-up then ${duration} s per target, output cache off"
while IFS=$'\t' read -r group name server url bodies; do
  [ "$group" = ceiling ] || measure "$group" "$name" "$server" "$url" "$bodies"
done <"$work/targets.tsv"

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$api_pid/status"; }
export_run() { # format -> "rows seconds before_kb peak_kb bytes"
  local before peak rss start file="$work/export.$1"
  before=$(rss_kb) peak=$before start=$(date +%s.%N)
  curl -s -o "$file" "$api/v1/questions?format=$1" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do rss=$(rss_kb); [ "$rss" -gt "$peak" ] && peak=$rss; sleep 0.05; done
  wait "$curl_pid"
  local seconds; seconds=$(echo "$(date +%s.%N) - $start" | bc)
  local rows; rows=$(node bench/count-rows.mjs "$file" "$1")
  echo "$rows $seconds $before $peak $(stat -c %s "$file")"
  rm -f "$file"
}
log "exports"
printf 'export\tcsv\tours\t%s\n' "$(export_run csv)" >>"$results"
printf 'export\tndjson\tours\t%s\n' "$(export_run ndjson)" >>"$results"

kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
start_api true
log "load: output cache on"
measure ceiling /health/live ours-cached "$api/health/live" - # again at the end: the report takes the higher
while IFS=$'\t' read -r group name server url bodies; do
  if [ "$server" = ours ] && [ "$group" != graphql ]; then
    measure "$group" "$name" ours-cached "$url" "$bodies"
    [ "$group" = rest ] && measure "$group" "$name" ours-cached-compressed "$url" "$bodies" "br, gzip"
  fi
done <"$work/targets.tsv"

facts="$work/facts.tsv"
{
  printf 'questions\t%s\n' "$questions"
  printf 'import_seconds\t%s\nimport_mb\t%s\nsource_mb\t%s\n' "$import_seconds" "$((import_kb / 1024))" "$source_mb"
  printf 'connections\t%s\nduration\t%s\nwarmup\t%s\npool\t%s\n' "$connections" "$duration" "$warmup" "$pool"
  printf 'cpu\t%s × %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  printf 'memory\t%s GiB\n' "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)"
  printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  printf 'dotnet\t%s\n' "$(dotnet --version)"
  printf 'postgresql\t%s\n' "$(scripts/postgres.sh version)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'postgraphile\t%s\n' "$(node -p 'require("./bench/postgraphile/node_modules/postgraphile/package.json").version')"
  printf 'wrk\t%s\n' "$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
} >"$facts"

if [ -n "$smoke" ]; then
  node bench/report.mjs "$facts" "$results" "$work/report.md" --check
  log "smoke run passed: every target answered, every pair of servers agreed"
else
  out="bench/results/$(date +%F).md"
  mkdir -p bench/results
  cat "$facts" "$results" >"${out%.md}.tsv" # the raw figures, beside the report
  node bench/report.mjs "$facts" "$results" "$out" --readme bench/README.md --project README.md
  log "wrote $out and the summary in bench/README.md"
fi
