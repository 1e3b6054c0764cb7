#!/usr/bin/env bash
# A local PostgreSQL cluster for running and testing OpenData.Api, with nothing set up by hand:
#   scripts/postgres.sh start DIR PORT [throwaway]   install PostgreSQL if missing, create the cluster in DIR
#                                                     on first use, start it on 127.0.0.1:PORT, create the roles
#   scripts/postgres.sh stop DIR                      stop it
#   scripts/postgres.sh checkpoint DIR PORT           write every dirty page now (before a measurement)
#   scripts/postgres.sh version                       the version of the PostgreSQL it uses
# A new cluster gets the tuning of deploy/postgresql.conf (what production runs: JIT and parallel plans off,
# memory for the whole dataset), or OPENDATA_PG_TUNING=FILE's settings instead.
# Roles: opendata_owner (owns the databases, used by the importer and the tests) and opendata_reader
# (the API's read-only role). Passwords are local development values: the cluster only listens on 127.0.0.1.
# As root the cluster runs as the "postgres" user, since PostgreSQL refuses to run as root.
set -euo pipefail

OWNER_PASSWORD=opendata_owner
READER_PASSWORD=opendata_reader

die() { echo "postgres.sh: $*" >&2; exit 1; }

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ] && { pg_config --bindir; return; }
  return 1
}

ensure_installed() {
  if ! pg_bindir >/dev/null || ! ls /usr/share/postgresql/*/extension/unaccent.control >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "PostgreSQL (with contrib) is not installed; run: sudo apt-get install -y postgresql postgresql-contrib"
    echo "installing PostgreSQL from Debian packages..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >&2
  fi
  pg_bindir >/dev/null || die "PostgreSQL is installed but initdb was not found"
}

# Runs a command as the cluster's OS user: "postgres" when we are root, ourselves otherwise.
as_cluster_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=$1 port=$2 throwaway=${3:-}
  ensure_installed
  local bin; bin=$(pg_bindir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    # the cluster user must be able to reach the directory
    local parent=$dir
    while [ "$parent" != / ]; do parent=$(dirname "$parent"); chmod o+x "$parent" 2>/dev/null || true; done
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_cluster_user "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir'"
      echo "max_connections = 200"
      echo "shared_buffers = 256MB"
      echo "work_mem = 16MB"
      echo "maintenance_work_mem = 256MB"
      echo "max_wal_size = 4GB"
      echo "log_min_messages = warning"
      if [ -n "$throwaway" ]; then
        # a test cluster is thrown away: durability only costs time
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
      cat "${OPENDATA_PG_TUNING:-$(dirname "$0")/../deploy/postgresql.conf}"
    } >>"$dir/data/postgresql.conf"
  fi
  if ! as_cluster_user "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_cluster_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; die "PostgreSQL did not start (port $port in use?)"; }
  fi
  as_cluster_user "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opendata_owner') THEN
    CREATE ROLE opendata_owner LOGIN CREATEDB PASSWORD '$OWNER_PASSWORD';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opendata_reader') THEN
    CREATE ROLE opendata_reader LOGIN PASSWORD '$READER_PASSWORD';
  END IF;
END \$\$;
-- lets the owner end the API's sessions when tests drop their databases (DROP DATABASE ... WITH (FORCE))
GRANT pg_signal_backend TO opendata_owner;
SQL
  if ! as_cluster_user "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt -c "SELECT 1 FROM pg_database WHERE datname = 'opendata'" | grep -q 1; then
    as_cluster_user "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -c "CREATE DATABASE opendata OWNER opendata_owner" >/dev/null
  fi
}

stop() {
  local dir=$1
  [ -f "$dir/data/PG_VERSION" ] || return 0
  local bin; bin=$(pg_bindir) || return 0
  as_cluster_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) [ $# -ge 3 ] || die "usage: $0 start DIR PORT [throwaway]"; start "$2" "$3" "${4:-}" ;;
  stop) [ $# -ge 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  checkpoint) [ $# -ge 3 ] || die "usage: $0 checkpoint DIR PORT"
    dir=$(cd "$2" && pwd); as_cluster_user "$(pg_bindir)/psql" -h "$dir" -p "$3" -U postgres -d postgres -qc CHECKPOINT ;;
  version) ensure_installed; "$(pg_bindir)/postgres" --version | awk '{print $3}' ;;
  *) die "usage: $0 start DIR PORT [throwaway] | stop DIR | checkpoint DIR PORT | version" ;;
esac
