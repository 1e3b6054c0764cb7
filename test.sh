#!/usr/bin/env bash
# Runs the whole test suite against a real, throwaway PostgreSQL started here (installed with apt-get if
# missing). Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Import".
# To use a server of your own instead, set OPENDATA_TEST_POSTGRES to a connection string of a role with
# CREATEDB (and OPENDATA_TEST_READER_PASSWORD for the opendata_reader role).
set -euo pipefail
cd "$(dirname "$0")"
timings=()
step() { # name command...: runs it, records how long it took (printed at the end), and returns its status
  local name=$1 started=$SECONDS status=0; shift
  "$@" || status=$?
  timings+=("$name $((SECONDS - started)) s")
  return "$status"
}

# Redis scale-out tests start redis-server processes of their own (Debian package redis-server); the deploy
# tests check deploy/nginx.conf with nginx -t, and the deploy smoke test runs nginx (Debian package nginx); the
# browser tests drive Debian's Chromium with Playwright (Debian package chromium: Playwright downloads no browser).
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v wrk >/dev/null || missing+=(wrk) # the bench and deploy smoke runs, which run at the same time
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x "${OPENDATA_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else echo "missing: ${missing[*]}: install the Debian packages (sudo apt-get install ${missing[*]})" >&2; fi
fi

# The builds of the run (the solution, the bench's baseline, the typed-client test's Kiota client) share one compiler
# server instead of starting a compiler process per project (a cold compiler is JIT-compiled each time): the solution's
# build took 25-30 s instead of 42-48 s, 44-53 instead of 65-75 s of CPU, on this 2-core machine. Some environments turn
# it off (UseSharedCompilation=false); the server is shut down when the run ends.
export UseSharedCompilation=true
cleanup() {
  dotnet build-server shutdown >/dev/null 2>&1 || true
  if [ -n "${cluster:-}" ]; then scripts/postgres.sh stop "$cluster"; rm -rf "$cluster"; fi
}
trap cleanup EXIT

if [ -z "${OPENDATA_TEST_POSTGRES:-}" ]; then
  cluster=$(mktemp -d /tmp/opendata-test-pg.XXXXXX)
  port=$(scripts/free-port.sh 26000) # below the ephemeral range (32768+): no outgoing connection holds it
  echo "starting a throwaway PostgreSQL on 127.0.0.1:$port (beside the build)"
  scripts/postgres.sh start "$cluster" "$port" throwaway >"$cluster.log" 2>&1 &
  postgres_pid=$!
  export OPENDATA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=opendata_owner;Password=opendata_owner;Database=postgres"
  export OPENDATA_TEST_READER_PASSWORD=opendata_reader
fi

# Tools from npm (nothing third-party is committed): the OpenAPI linter, GraphiQL's files the API serves, graphql-js,
# axe-core; then the benchmark's peers (PostGraphile 4, PostGraphile 5 and its Node 22) for the bench smoke run. They
# install while the solution builds (which needs none of them).
npm_log=$(mktemp /tmp/opendata-test-npm.XXXXXX)
tools_log=$(mktemp /tmp/opendata-test-npm.XXXXXX)
npm install --prefix tools --no-audit --no-fund --no-package-lock --loglevel=error >"$tools_log" 2>&1 &
tools_pid=$!
(npm install --prefix bench/postgraphile --no-audit --no-fund --no-package-lock --loglevel=error \
  && npm install --prefix bench/postgraphile5 --no-audit --no-fund --no-package-lock --loglevel=error) >"$npm_log" 2>&1 &
npm_pid=$!

# Every .NET process of the run (the build, the test hosts, the API and importer processes they start) is short-lived:
# the runtime's instrumented tier (dynamic PGO) costs them more CPU than its faster code returns (6-10 % of the test
# hosts' CPU time on this 2-core machine, whose tests are bound by CPU).
export DOTNET_TieredPGO=0

# One Debug build for every step: bench/run.sh and deploy/local-cluster.sh use it as it is (OPENDATA_BUILT).
step build dotnet build -v quiet -nologo -clp:NoSummary OpenData.Api.sln
export OPENDATA_BUILT=Debug

wait "$tools_pid" || { cat "$tools_log" >&2; echo "test.sh: npm install --prefix tools failed" >&2; exit 1; }
rm -f "$tools_log"
if [ -n "${postgres_pid:-}" ]; then
  wait "$postgres_pid" || { cat "$cluster.log" >&2; echo "test.sh: the throwaway PostgreSQL did not start" >&2; exit 1; }
  rm -f "$cluster.log"
fi

wait "$npm_pid" || { cat "$npm_log" >&2; echo "test.sh: npm install of the benchmark's peers failed" >&2; exit 1; }
rm -f "$npm_log"

# After the test suites, side by side: the deployment topology's smoke test on loopback (PostgreSQL primary + standby,
# Redis, two API processes, nginx: deploy/README.md), and the benchmark harness's smoke run on a small dataset (every
# server answers, every pair agrees, wrk pausing between requests: bench/README.md), whose one-second windows measure
# nothing on a loaded machine. Beside the suites, the deploy smoke (38 s and 40 s of CPU alone) lengthened them by about
# as much as it took, 35 s; the bench smoke, bound by CPU, by as much as it saved. Each is printed whole at the end.
logs=$(mktemp -d /tmp/opendata-test-logs.XXXXXX)
names=("deploy smoke" "bench smoke")
commands=("deploy/smoke/test.sh" "bench/run.sh --smoke")
pids=()
smoke() { # index: runs that smoke run in the background, its output, status and seconds kept in $logs
  local i=$1
  (status=0 started=$(date +%s); ${commands[$i]} >"$logs/$i.log" 2>&1 || status=$?
   echo "$status" >"$logs/$i.status"; echo $(($(date +%s) - started)) >"$logs/$i.seconds") &
  pids[$i]=$!
}

# One test project at a time (-m:1), each running its collections in parallel: the API and ingest suites side by side
# took 185 s and 350 s of CPU here, one after the other 169 s and 315 s (two test hosts at once on two cores only wait
# on each other: polls, imports and browsers stretch while the CPU does no more work).
failed=()
step "dotnet test" dotnet test OpenData.Api.sln --no-build -m:1 "$@" || failed+=("dotnet test")

smoke 0
smoke 1
# Beside the smoke runs: the committed GraphQL schema and the IDE's example
# queries checked by the reference implementation (graphql-js), and the committed OpenAPI contract (kept identical to the
# served one by ContractTests), which must lint clean.
step "graphql-check" node tools/graphql-check.mjs || failed+=("graphql-check")
lint() {
  echo "linting openapi/v1.json"
  NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off tools/node_modules/.bin/redocly lint openapi/v1.json --config tools/redocly.yaml --format=summary 2>&1 \
    | { grep -vE '^\s*(║|╔|╚)' || true; }
}
step "lint" lint || failed+=("openapi lint")
for i in "${!commands[@]}"; do
  wait "${pids[$i]}" || true
  cat "$logs/$i.log"
  [ "$(cat "$logs/$i.status")" = 0 ] || failed+=("${names[$i]}")
  timings+=("${names[$i]} $(cat "$logs/$i.seconds") s")
done
rm -rf "$logs"
if [ ${#failed[@]} -gt 0 ]; then echo "test.sh: failed: ${failed[*]}" >&2; exit 1; fi

echo "test.sh: ${timings[*]/%/;} in all $SECONDS s"
