#!/usr/bin/env bash
# Runs OpenData.Api on this machine with nothing set up beforehand.
#
#   ./run.sh                      local PostgreSQL in .local/ (installed and created on first use), loaded
#                                 the first time with a generated dataset of 20,000 questions, then the API
#   ./run.sh --questions questions.zip --senators ODSEN_GENERAL.json [--groups ODSEN_HISTOGROUPES.json]
#                                 the same, importing the Senate's real files (from data.senat.fr)
#   ./run.sh --existing           an existing database: the API uses ConnectionStrings__OpenData (read-only
#                                 role); migrate/import use OPENDATA_OWNER_CONNECTION when it is set
#   --port N                      HTTP port of the API (default 5080, or OPENDATA_HTTP_PORT)
#
# OPENDATA_PG_PORT sets the local PostgreSQL's port (default 55432).
# Ctrl-C stops the API and the local PostgreSQL. A second run reuses the cluster and its data.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

questions="" senators="" groups="" existing="" http_port=${OPENDATA_HTTP_PORT:-5080}
while [ $# -gt 0 ]; do
  case "$1" in
    --questions) questions=$(realpath "$2"); shift 2 ;;
    --senators) senators=$(realpath "$2"); shift 2 ;;
    --groups) groups=$(realpath "$2"); shift 2 ;;
    --existing) existing=1; shift ;;
    --port) http_port=$2; shift 2 ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see ./run.sh --help)" >&2; exit 1 ;;
  esac
done
if [ -n "$questions" ] && [ -z "$senators" ]; then echo "run.sh: --questions needs --senators" >&2; exit 1; fi

echo "building..."
npm install --prefix tools --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null # GraphiQL's files, served at /graphql
dotnet build -c Release -v quiet -nologo src/OpenData.Ingest/OpenData.Ingest.csproj >/dev/null
dotnet build -c Release -v quiet -nologo src/OpenData.Api/OpenData.Api.csproj >/dev/null
ingest() { dotnet "$root/src/OpenData.Ingest/bin/Release/net10.0/opendata-ingest.dll" "$@"; }

if [ -n "$existing" ]; then
  reader=${ConnectionStrings__OpenData:?"--existing needs ConnectionStrings__OpenData (the API's read-only role)"}
  owner=${OPENDATA_OWNER_CONNECTION:-}
else
  cluster="$root/.local/postgres"
  pg_port=${OPENDATA_PG_PORT:-55432}
  trap 'scripts/postgres.sh stop "$cluster"' EXIT
  scripts/postgres.sh start "$cluster" "$pg_port"
  owner="Host=127.0.0.1;Port=$pg_port;Username=opendata_owner;Password=opendata_owner;Database=opendata"
  reader="Host=127.0.0.1;Port=$pg_port;Username=opendata_reader;Password=opendata_reader;Database=opendata"
fi

if [ -n "$owner" ]; then
  ingest migrate --connection "$owner"
  if [ -n "$questions" ]; then
    ingest import --connection "$owner" --questions "$questions" --senators "$senators" ${groups:+--groups "$groups"}
  elif ! ingest status --connection "$owner" >/dev/null; then
    dataset="$root/.local/dataset"
    if [ ! -f "$dataset/questions.sql" ]; then
      echo "first run: generating a realistic dataset of 20,000 questions in the Senate's formats"
      ingest generate --questions 20000 --seed 1 --out "$dataset"
    fi
    ingest import --connection "$owner" --questions "$dataset/questions.sql" \
      --senators "$dataset/ODSEN_GENERAL.json" --groups "$dataset/ODSEN_HISTOGROUPES.json"
  fi
fi

cat <<MSG

OpenData.Api is starting on http://127.0.0.1:$http_port
  Home page    http://127.0.0.1:$http_port/
  REST         http://127.0.0.1:$http_port/v1/dataset
  OpenAPI      http://127.0.0.1:$http_port/openapi/v1.json
  Swagger UI   http://127.0.0.1:$http_port/swagger
  GraphQL      http://127.0.0.1:$http_port/graphql (GraphiQL in a browser)
  Health       http://127.0.0.1:$http_port/health/ready
Ctrl-C stops it.

MSG
cd src/OpenData.Api
ConnectionStrings__OpenData="$reader" dotnet bin/Release/net10.0/OpenData.Api.dll --urls "http://127.0.0.1:$http_port" &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null; [ -z "$existing" ] && "$root/scripts/postgres.sh" stop "$cluster"' EXIT
trap 'exit 130' INT TERM
wait $api
