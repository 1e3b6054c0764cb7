#!/usr/bin/env bash
# The deployment topology on this machine's loopback, from Debian packages (no containers):
# PostgreSQL primary + a streaming standby, Redis, two API processes (the Release build, or OPENDATA_BUILT's) reading from the standby
# first, each with a management port, and nginx in front with deploy/nginx.conf.
#
#   deploy/local-cluster.sh start [DIR]     build, start everything, load a generated dataset on first start
#   deploy/local-cluster.sh stop [DIR]      stop everything (the data stays in DIR; rm -rf DIR to forget it)
#   deploy/local-cluster.sh status [DIR]    what runs, and where
#   deploy/local-cluster.sh render-nginx OUT PORT API1 API2 CACHE_DIR   deploy/nginx.conf with local addresses
#
# DIR defaults to /tmp/opendata-cluster. DIR/cluster.env holds the addresses and connection strings.
# The API processes inherit this script's environment: export settings before `start` to change them,
# e.g. RateLimiting__Anonymous__PermitLimit=10 Http__MaxAgeSeconds=5 deploy/local-cluster.sh start.
# As root, PostgreSQL runs as the "postgres" user and nginx's workers as "www-data".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

die() { echo "local-cluster.sh: $*" >&2; exit 1; }
log() { echo "[cluster $(date +%H:%M:%S)] $*" >&2; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
next_port() { scripts/free-port.sh "$1"; }

# deploy/nginx.conf names the compose services and the container's paths: only those lines change.
render_nginx() {
  local out=$1 port=$2 api1=$3 api2=$4 cache=$5 conf=deploy/nginx.conf
  for line in "listen 8080;" "server api-1:8080 " "server api-2:8080 " "/var/cache/nginx/"; do
    grep -qF "$line" "$conf" || die "deploy/nginx.conf no longer has \"$line\": update render_nginx"
  done
  sed -e "s|listen 8080;|listen 127.0.0.1:$port;|" \
      -e "s|server api-1:8080 |server $api1 |" \
      -e "s|server api-2:8080 |server $api2 |" \
      -e "s|/var/cache/nginx/|$cache/|g" "$conf" >"$out"
}

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "missing: ${missing[*]} (sudo apt-get install -y ${missing[*]})"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_api() { # name port management_port
  local name=$1 port=$2 management=$3
  alive "$dir/$name.pid" && return
  (cd src/OpenData.Api && exec env \
    ConnectionStrings__OpenData="$reader" ConnectionStrings__Redis="127.0.0.1:$redis_port" \
    Management__Port="$management" Management__Host=127.0.0.1 \
    RateLimiting__TrustedProxies__0=127.0.0.1 \
    Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}" \
    dotnet bin/${OPENDATA_BUILT:-Release}/net10.0/OpenData.Api.dll --urls "http://127.0.0.1:$port") >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

wait_ready() { # url what
  for _ in $(seq 1 150); do curl -sf -o /dev/null "$1" && return; sleep 0.2; done
  die "$2 did not become ready ($1); see the logs in $dir"
}

start() {
  ensure_packages
  mkdir -p "$dir"
  chmod 755 "$dir" # nginx's workers and PostgreSQL (as root: other users) reach their directories
  if [ ! -f "$dir/cluster.env" ]; then
    local p; p=$(next_port 28100) # below the ephemeral range (32768+), where outgoing connections take their local ports
    primary_port=$p; p=$(next_port $((p + 1)))
    standby_port=$p; p=$(next_port $((p + 1)))
    redis_port=$p; p=$(next_port $((p + 1)))
    api1_port=$p; p=$(next_port $((p + 1)))
    api2_port=$p; p=$(next_port $((p + 1)))
    api1_management=$p; p=$(next_port $((p + 1)))
    api2_management=$p; p=$(next_port $((p + 1)))
    nginx_port=$p
    cat >"$dir/cluster.env" <<ENV
primary_port=$primary_port
standby_port=$standby_port
redis_port=$redis_port
api1_port=$api1_port
api2_port=$api2_port
api1_management=$api1_management
api2_management=$api2_management
nginx_port=$nginx_port
url=http://127.0.0.1:$nginx_port
owner="Host=127.0.0.1;Port=$primary_port;Username=opendata_owner;Password=opendata_owner;Database=opendata"
reader="Host=127.0.0.1:$standby_port,127.0.0.1:$primary_port;Username=opendata_reader;Password=opendata_reader;Database=opendata;Target Session Attributes=prefer-standby;Load Balance Hosts=true"
ENV
  fi
  # shellcheck disable=SC1091
  . "$dir/cluster.env"

  if [ -z "${OPENDATA_BUILT:-}" ]; then
    log "building (Release)"
    dotnet build -c Release -v quiet -nologo src/OpenData.Ingest/OpenData.Ingest.csproj >/dev/null
    dotnet build -c Release -v quiet -nologo src/OpenData.Api/OpenData.Api.csproj >/dev/null
  fi

  log "PostgreSQL primary on $primary_port"
  OPENDATA_PG_TUNING="$root/deploy/postgresql.conf" scripts/postgres.sh start "$dir/primary" "$primary_port"
  local bin; bin=$(pg_bin)
  as_postgres "$bin/psql" -h "$dir/primary" -p "$primary_port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opendata_replicator') THEN
    CREATE ROLE opendata_replicator LOGIN REPLICATION PASSWORD 'opendata_replicator';
  END IF;
END $$;
SQL

  if [ ! -f "$dir/standby/data/PG_VERSION" ]; then
    log "PostgreSQL standby on $standby_port (pg_basebackup -R from the primary)"
    mkdir -p "$dir/standby"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/standby"
    as_postgres env PGPASSWORD=opendata_replicator "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U opendata_replicator \
      -D "$dir/standby/data" -R -X stream -c fast
    # The copied configuration is the primary's: the standby's own port and socket, and what a standby needs.
    as_postgres tee -a "$dir/standby/data/postgresql.conf" >/dev/null <<CONF
port = $standby_port
unix_socket_directories = '$dir/standby'
hot_standby = on
# Queries on the standby hold back WAL replay at most this long (an import's swap conflicts with readers).
max_standby_streaming_delay = 30s
hot_standby_feedback = on
CONF
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir/standby/data" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$dir/standby/data" -l "$dir/standby/server.log" -w -t 60 start >/dev/null \
      || { tail -20 "$dir/standby/server.log" >&2; die "the standby did not start"; }
  fi

  if ! alive "$dir/redis.pid"; then
    log "Redis on $redis_port"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    for _ in $(seq 1 50); do [ -s "$dir/redis.pid" ] && break; sleep 0.1; done
  fi

  local ingest=(dotnet "$root/src/OpenData.Ingest/bin/${OPENDATA_BUILT:-Release}/net10.0/opendata-ingest.dll")
  "${ingest[@]}" migrate --connection "$owner" >/dev/null
  if ! "${ingest[@]}" status --connection "$owner" >/dev/null 2>&1; then
    log "generating and importing 2,000 questions on the primary"
    "${ingest[@]}" generate --questions 2000 --seed 1 --out "$dir/dataset" >/dev/null
    "${ingest[@]}" import --connection "$owner" --questions "$dir/dataset/questions.sql" \
      --senators "$dir/dataset/ODSEN_GENERAL.json" --groups "$dir/dataset/ODSEN_HISTOGROUPES.json" >/dev/null
  fi

  log "API processes on $api1_port and $api2_port (management $api1_management, $api2_management)"
  start_api api-1 "$api1_port" "$api1_management"
  start_api api-2 "$api2_port" "$api2_management"
  wait_ready "http://127.0.0.1:$api1_management/health/ready" api-1
  wait_ready "http://127.0.0.1:$api2_management/health/ready" api-2

  if ! alive "$dir/nginx/nginx.pid"; then
    log "nginx on $nginx_port"
    mkdir -p "$dir/nginx/cache"
    render_nginx "$dir/nginx/nginx.conf" "$nginx_port" "127.0.0.1:$api1_port" "127.0.0.1:$api2_port" "$dir/nginx/cache"
    local globals="pid $dir/nginx/nginx.pid;"
    [ "$(id -u)" = 0 ] && globals+=" user www-data;"
    "$(command -v nginx || echo /usr/sbin/nginx)" -e "$dir/nginx/error.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g "$globals" \
      >>"$dir/nginx/nginx.log" 2>&1 || { cat "$dir/nginx/nginx.log" >&2; die "nginx did not start"; }
  fi
  wait_ready "http://127.0.0.1:$nginx_port/v1/dataset" nginx
  status
}

stop() {
  [ -f "$dir/cluster.env" ] || return 0
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  alive "$dir/nginx/nginx.pid" && kill -QUIT "$(cat "$dir/nginx/nginx.pid")"
  for name in api-1 api-2; do
    if alive "$dir/$name.pid"; then kill "$(cat "$dir/$name.pid")"; fi
  done
  alive "$dir/redis.pid" && kill "$(cat "$dir/redis.pid")"
  local bin; bin=$(pg_bin)
  [ -f "$dir/standby/data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir/standby/data" -m fast -w stop >/dev/null 2>&1 || true
  scripts/postgres.sh stop "$dir/primary"
  for name in api-1 api-2; do
    for _ in $(seq 1 100); do alive "$dir/$name.pid" || break; sleep 0.1; done
  done
  for _ in $(seq 1 50); do alive "$dir/nginx/nginx.pid" || break; sleep 0.1; done
  log "stopped (data kept in $dir)"
}

status() {
  [ -f "$dir/cluster.env" ] || { echo "no cluster in $dir"; return 1; }
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  local bin; bin=$(pg_bin)
  state() { if "$@" >/dev/null 2>&1; then echo running; else echo stopped; fi; }
  echo "nginx         $(state alive "$dir/nginx/nginx.pid")  $url  (the only public address)"
  echo "api-1         $(state alive "$dir/api-1.pid")  http://127.0.0.1:$api1_port  management http://127.0.0.1:$api1_management"
  echo "api-2         $(state alive "$dir/api-2.pid")  http://127.0.0.1:$api2_port  management http://127.0.0.1:$api2_management"
  echo "redis         $(state alive "$dir/redis.pid")  127.0.0.1:$redis_port"
  echo "pg primary    $(state as_postgres "$bin/pg_ctl" -D "$dir/primary/data" status)  127.0.0.1:$primary_port"
  echo "pg standby    $(state as_postgres "$bin/pg_ctl" -D "$dir/standby/data" status)  127.0.0.1:$standby_port"
  echo "logs and data in $dir; connection strings in $dir/cluster.env"
}

command=${1:-}
case "$command" in
  start) dir=${2:-/tmp/opendata-cluster}; mkdir -p "$dir"; dir=$(cd "$dir" && pwd); start ;;
  stop|status) dir=${2:-/tmp/opendata-cluster}; [ -d "$dir" ] || { echo "no cluster in $dir"; exit 0; }; dir=$(cd "$dir" && pwd); "$command" ;;
  render-nginx) [ $# -eq 6 ] || die "usage: $0 render-nginx OUT PORT API1 API2 CACHE_DIR"; render_nginx "$2" "$3" "$4" "$5" "$6" ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
esac
