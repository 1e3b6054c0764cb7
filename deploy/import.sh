#!/bin/sh
# The import job of compose.yaml and of the Kubernetes CronJob (copied into the importer image as /app/import.sh).
# Migrates, then the first of:
#   IMPORT_FROM=YYYY-MM-DD  imports that day's files from the archive $ARCHIVE_DIR (rolling back; deploy/README.md, "Runbook");
#   SYNC_DIR set            `ingest sync`: downloads the Senate's files into $SYNC_DIR when they changed (URLs from Sync__*,
#                           data.senat.fr's by default) and imports them when the serving dataset was not built from them;
#                           with ARCHIVE_DIR set, the files are then hard-linked into $ARCHIVE_DIR/YYYY-MM-DD (today; the
#                           last 14 days are kept), so a day costs only the files that changed;
#   files in $IMPORT_DIR    (default /import: questions.zip or questions.sql, ODSEN_GENERAL.json, optionally
#                           ODSEN_HISTOGROUPES.json and questions-depuis-un-an.csv) imported as they are;
#   none of these           with no dataset loaded yet, a generated one of $GENERATE_QUESTIONS questions (default 20000).
# The connection is the owner's, from ConnectionStrings__OpenData. A failed download or import leaves the served dataset
# and exits with the importer's code (`opendata-ingest sync --help`).
set -eu
ingest() { dotnet /app/opendata-ingest.dll "$@"; }

# The questions file in a directory: questions.zip, else questions.sql; nothing when it holds neither.
questions_in() {
  for candidate in "$1/questions.zip" "$1/questions.sql"; do
    if [ -f "$candidate" ]; then echo "$candidate"; return; fi
  done
}

# Imports the Senate's full files found in directory $1 (questions file $2), with the one-year extract on top when it is
# there and newer than the dump: sync dates each file as the server published it, and applies the extract on the same
# condition. Called outside any condition, so that a failed import ends the job with the importer's exit code.
import_files() {
  groups=""
  if [ -f "$1/ODSEN_HISTOGROUPES.json" ]; then groups=$1/ODSEN_HISTOGROUPES.json; fi
  extract=""
  if [ -f "$1/questions-depuis-un-an.csv" ] && [ "$1/questions-depuis-un-an.csv" -nt "$2" ]; then extract=$1/questions-depuis-un-an.csv; fi
  ingest import --questions "$2" --senators "$1/ODSEN_GENERAL.json" ${groups:+--groups "$groups"} ${extract:+--extract "$extract"}
}

ingest migrate

if [ -n "${IMPORT_FROM:-}" ]; then
  day="${ARCHIVE_DIR:?ARCHIVE_DIR is needed to roll back}/$IMPORT_FROM"
  questions=$(questions_in "$day")
  if [ -z "$questions" ]; then echo "no files of $IMPORT_FROM in $ARCHIVE_DIR" >&2; exit 1; fi
  import_files "$day" "$questions"
  exit 0
fi

if [ -n "${SYNC_DIR:-}" ]; then
  ingest sync --dir "$SYNC_DIR"
  if [ -n "${ARCHIVE_DIR:-}" ]; then
    day="$ARCHIVE_DIR/$(date +%F)"
    mkdir -p "$day"
    for file in "$SYNC_DIR"/*.zip "$SYNC_DIR"/*.sql "$SYNC_DIR"/*.json "$SYNC_DIR"/*.csv; do
      # Hard links: sync replaces a changed file by renaming a new one onto its name, so the days before keep the old one.
      if [ -f "$file" ]; then ln -f "$file" "$day/"; fi
    done
    ls -1d "$ARCHIVE_DIR"/20??-??-?? | sort -r | tail -n +15 | xargs -r rm -rf
  fi
  exit 0
fi

dir=${IMPORT_DIR:-/import}
questions=$(questions_in "$dir")
if [ -n "$questions" ]; then
  import_files "$dir" "$questions"
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
