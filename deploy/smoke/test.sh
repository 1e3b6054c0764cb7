#!/usr/bin/env bash
# Smoke test of the deployment topology (run by ./test.sh): starts deploy/local-cluster.sh in a temporary
# directory and proves, through nginx, that requests succeed, that reads hit the standby, that the rate limit
# is shared by both replicas, that an import on the primary reaches the API through the standby, and that
# killing a replica under load loses no request. Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

dir=$(mktemp -d /tmp/opendata-smoke.XXXXXX)
cleanup() { deploy/local-cluster.sh stop "$dir" >/dev/null 2>&1 || true; [ -n "${SMOKE_KEEP:-}" ] || rm -rf "$dir"; }
trap cleanup EXIT
passed=0
say() { echo "[smoke $(date +%H:%M:%S)] $*" >&2; }
fail() { say "FAILED: $*"; tail -n 20 "$dir"/api-*.log "$dir"/nginx/error.log >&2 2>/dev/null || true; exit 1; }
pass() { passed=$((passed + 1)); say "ok: $*"; }

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

# A small anonymous quota to exhaust on purpose, a tier beyond reach for the load, a short max-age so that
# nginx's cache lets a new dataset through within seconds.
# Permits are counted exactly below: a request slowed by the test suites beside this run is not billed its time.
export RateLimiting__BillBeyondMilliseconds=60000
export RateLimiting__Anonymous__PermitLimit=10 RateLimiting__Anonymous__WindowSeconds=600 Http__MaxAgeSeconds=5 \
  RateLimiting__Tiers__smoke__PermitLimit=1000000000 RateLimiting__Tiers__smoke__WindowSeconds=60
deploy/local-cluster.sh start "$dir" >/dev/null || fail "the cluster did not start"
# shellcheck disable=SC1091
. "$dir/cluster.env"
ingest() { dotnet "$root/src/OpenData.Ingest/bin/${OPENDATA_BUILT:-Release}/net10.0/opendata-ingest.dll" "$@"; }
psql=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql
psql_on() { # primary|standby SQL [DATABASE]: as the superuser, on the maintenance database unless told (so as not to count in "opendata")
  local port=$primary_port run=(); [ "$1" = standby ] && port=$standby_port
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$psql" -h "$dir/$1" -p "$port" -U postgres -d "${3:-postgres}" -qAt -c "$2"
}
metric() { # management_port regex: sum of the matching samples
  curl -sf "http://127.0.0.1:$1/metrics" | { grep -E "$2" || true; } | awk '{s += $NF} END {print s + 0}'
}

key=$(ingest apikey create --connection "$owner" --name smoke --tier smoke | grep '^od_')
for _ in $(seq 1 50); do [ "$(psql_on standby "SELECT count(*) FROM opendata_meta.api_keys" 2>/dev/null)" = 1 ] && break; sleep 0.1; done
auth=(-H "X-Api-Key: $key")

# 1. Through nginx: the REST and GraphQL API answer; the operations endpoints answer on the management ports only.
for path in /v1/dataset "/v1/questions?limit=5" /v1/themes; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$url$path")
  [ "$code" = 200 ] || fail "GET $path through nginx answered $code"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'content-type: application/json' -d '{"query":"{ dataset { version } }"}' "$url/graphql")
[ "$code" = 200 ] || fail "POST /graphql through nginx answered $code"
for target in "$url" "http://127.0.0.1:$api1_port" "http://127.0.0.1:$api2_port"; do
  for path in /health/ready /metrics; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$target$path")
    [ "$code" = 404 ] || fail "$target$path answered $code, not 404"
  done
done
for port in "$api1_management" "$api2_management"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] || fail "/health/ready on management port $port"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/dataset")" = 404 ] || fail "/v1/dataset answered on management port $port"
done
pass "REST and GraphQL through nginx; /health and /metrics only on the management ports"

# 2. Reads hit the standby: the transactions of 100 uncached requests are counted there, not on the primary.
commits() { psql_on "$1" "SELECT xact_commit FROM pg_stat_database WHERE datname = 'opendata'"; }
sleep 1.2 # statistics are flushed at most once a second
before_primary=$(commits primary) before_standby=$(commits standby)
for i in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$url/v1/questions?limit=$i&sort=answerDelayDays")
  [ "$code" = 200 ] || fail "request $i answered $code"
done
# Statistics are flushed at most once a second, later on a loaded machine: polled for up to 15 s. The primary sees
# transactions meanwhile that no request made (background work: more on a loaded machine, where the hundred requests
# take longer), never the requests' hundred: fewer than half of them.
for _ in $(seq 1 30); do
  sleep 0.5
  on_primary=$(( $(commits primary) - before_primary )) on_standby=$(( $(commits standby) - before_standby ))
  [ "$on_standby" -ge 100 ] && break
done
sessions=$(psql_on standby "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'opendata-api' AND datname = 'opendata'")
[ "$on_standby" -ge 100 ] || fail "100 requests made $on_standby transactions on the standby"
[ "$on_primary" -lt 50 ] || fail "100 requests made $on_primary transactions on the primary"
[ "$(psql_on standby "SELECT pg_is_in_recovery()")" = t ] || fail "the standby is not in recovery"
pass "reads on the standby: 100 requests, $on_standby transactions on the standby, $on_primary on the primary; $sessions API sessions on the standby"

# 3. The quota is shared: one client (127.0.0.2, via X-Forwarded-For from nginx) gets exactly its 10 permits
# however nginx spreads its requests, until both replicas have turned it away (a replica rejecting it has
# counted the other's answers: with counters of their own, 10 successes could not be followed by 429s from
# both); a spoofed X-Forwarded-For changes nothing; another client has its own quota. Pages of senators cost 1
# permit each (a page of questions also pays for its rows), each of another size so that no cache answers.
rejections() { metric "$1" '^opendata_rate_limit_rejections_total'; }
r1=$(rejections "$api1_management") r2=$(rejections "$api2_management")
ok=0 limited=0
for i in $(seq 1 40); do
  headers=$(curl -s --interface 127.0.0.2 -D - -o /dev/null -H "X-Forwarded-For: 10.9.9.$i" "$url/v1/senators?limit=$i")
  case "$headers" in
    "HTTP/1.1 200"*) ok=$((ok + 1)) ;;
    "HTTP/1.1 429"*) limited=$((limited + 1)); grep -qi '^Retry-After: [1-9]' <<<"$headers" || fail "429 without Retry-After" ;;
    *) fail "unexpected answer: $(head -1 <<<"$headers")" ;;
  esac
  grep -qi '^RateLimit-Remaining:' <<<"$headers" || fail "no RateLimit-Remaining through nginx"
  [ "$limited" -gt 0 ] && [ $(( $(rejections "$api1_management") - r1 )) -gt 0 ] && [ $(( $(rejections "$api2_management") - r2 )) -gt 0 ] && break
done
r1=$(( $(rejections "$api1_management") - r1 )) r2=$(( $(rejections "$api2_management") - r2 ))
[ "$ok" = 10 ] || fail "one client with a quota of 10 got $ok answers"
[ "$r1" -ge 1 ] && [ "$r2" -ge 1 ] || fail "429s by replica after $i requests: $r1 and $r2 (both should have rejected)"
remaining=$(curl -s --interface 127.0.0.3 -D - -o /dev/null "$url/v1/senators?limit=99" | tr -d '\r' | awk 'tolower($1) == "ratelimit-remaining:" {print $2}')
[ "$remaining" = 9 ] || fail "another client's first request left $remaining permits, not 9"
pass "shared quota: $i requests from one client, 10 answered, $limited limited with Retry-After (api-1 $r1, api-2 $r2); another client unaffected"

# 4. An import on the primary reaches the API through the standby (polled: NOTIFY is not replicated).
ingest generate --questions 1500 --seed 2 --out "$dir/dataset2" >/dev/null
ingest import --connection "$owner" --questions "$dir/dataset2/questions.sql" --senators "$dir/dataset2/ODSEN_GENERAL.json" >/dev/null
imported=$(date +%s.%N)
version=$(psql_on primary "SELECT max(version) FROM opendata.dataset" opendata)
served() { # the dataset version a replica's answer carries (its ETag)
  curl -s -D - -o /dev/null "${auth[@]}" "$1/v1/questions?limit=1" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}' | sed -E 's|W/"([0-9]+)-.*|\1|'
}
elapsed() { echo "$(date +%s.%N) - $imported" | bc | xargs printf '%.1f'; }
seen=()
for base in "http://127.0.0.1:$api1_port" "http://127.0.0.1:$api2_port"; do
  until [ "$(served "$base")" = "$version" ]; do
    (( $(echo "$(elapsed) > 30" | bc) )) && fail "$base still serves an older dataset 30 s after the import"
    sleep 0.2
  done
  seen+=("$(elapsed)")
done
until curl -s "${auth[@]}" "$url/v1/dataset" | grep -q "\"version\":$version,"; do
  (( $(echo "$(elapsed) > 30" | bc) )) && fail "/v1/dataset through nginx still shows an older version 30 s after the import"
  sleep 0.2
done
through_nginx=$(elapsed)
pass "import of version $version: served by api-1 after ${seen[0]} s, api-2 after ${seen[1]} s, /v1/dataset through nginx (max-age 5 s) after $through_nginx s"

# 5. Killing a replica (SIGKILL) under load loses no request nginx could retry: every request the dead replica
# had not begun answering goes to the other one. Only an answer already under way when the process died (its
# headers sent to the client, its last chunk not) cannot be retried by any proxy: nginx logs those as
# "while reading upstream", and they must be the only failures.
# Five seconds of load, the kill after two: the same checks as eight seconds with the kill after three, for 6 s less of
# two busy cores (./test.sh runs this beside the bench smoke).
SMOKE_API_KEY=$key wrk -t2 -c8 -d5s -s deploy/smoke/load.lua "$url" >"$dir/wrk.out" 2>&1 &
load=$!
sleep 2
kill -KILL "$(cat "$dir/api-1.pid")"
killed_at=$(date +%H:%M:%S)
wait "$load" || fail "wrk failed: $(cat "$dir/wrk.out")"
summary=$(grep '^requests=' "$dir/wrk.out") || fail "no wrk summary: $(cat "$dir/wrk.out")"
eval "$summary" # requests connect read write status timeout
# shellcheck disable=SC2154
failed=$((connect + read + write + status + timeout))
retried=$(grep -c "upstream=127.0.0.1:[0-9]*, " "$dir/nginx/nginx.log" || true)
cut=$(grep -c "while reading upstream," "$dir/nginx/nginx.log" || true)
# shellcheck disable=SC2154
# The load must have run (a few hundred requests; about 1,200 in 8 s on a quiet machine, 494 once beside the test suites):
# that the kill came under load is what nginx's retries show, below, not a throughput.
[ "$requests" -ge 100 ] || fail "only $requests requests under load"
[ "$retried" -ge 1 ] || fail "nginx retried nothing: was api-1 killed under load? ($summary)"
# shellcheck disable=SC2154
[ "$status" = 0 ] && [ "$failed" = "$cut" ] || fail "$failed failed requests while a replica was killed, $cut of them cut mid-answer ($summary); \
answers other than 200: $(awk '$6 != 200' "$dir/nginx/nginx.log" | grep '/v1/questions' | head -3)"
pass "api-1 killed at $killed_at under load: $requests requests, $retried retried by nginx on api-2, $failed failed ($cut answers cut mid-way by the kill)"

echo "deploy smoke: $passed passed, 0 failed"
