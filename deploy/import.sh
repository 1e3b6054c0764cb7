#!/bin/sh
# The import job of compose.yaml and of the Kubernetes CronJob (copied into the importer image as /app/import.sh):
# migrates, then imports the Senate's files found in $IMPORT_DIR (default /import: questions.zip or
# questions.sql, ODSEN_GENERAL.json, optionally ODSEN_HISTOGROUPES.json). With no files there and no dataset
# loaded yet, it loads a generated one of $GENERATE_QUESTIONS questions (default 20000) instead.
# The connection is the owner's, from ConnectionStrings__OpenData. A failed import leaves the served dataset.
set -eu
ingest() { dotnet /app/opendata-ingest.dll "$@"; }
dir=${IMPORT_DIR:-/import}

ingest migrate
questions=""
for candidate in "$dir/questions.zip" "$dir/questions.sql"; do
  if [ -f "$candidate" ]; then questions=$candidate; break; fi
done
if [ -n "$questions" ]; then
  if [ -f "$dir/ODSEN_HISTOGROUPES.json" ]; then
    ingest import --questions "$questions" --senators "$dir/ODSEN_GENERAL.json" --groups "$dir/ODSEN_HISTOGROUPES.json"
  else
    ingest import --questions "$questions" --senators "$dir/ODSEN_GENERAL.json"
  fi
  exit 0
fi

status=0
ingest status >/dev/null || status=$?
case $status in
  0) echo "no questions file in $dir: the served dataset stays" ;;
  4) # no dataset yet
    ingest generate --questions "${GENERATE_QUESTIONS:-20000}" --out /tmp/generated
    ingest import --questions /tmp/generated/questions.sql --senators /tmp/generated/ODSEN_GENERAL.json \
      --groups /tmp/generated/ODSEN_HISTOGROUPES.json ;;
  *) exit "$status" ;;
esac
