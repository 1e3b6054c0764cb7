#!/usr/bin/env bash
# Alternating rounds: each GraphQL query of a targets.tsv (written by bench/targets.mjs) on OpenData.Api and on a
# peer, in turn, round after round, so that a drift of the machine falls on both alike. Prints one line per round
# and query, then the median ratio (ours / peer) of requests/s, each side's median p99, and each side's CPU time per
# request (median of the rounds): the server's processes (the one listening on its port and its children, Node's
# cluster workers) and, with --postgres PID, PostgreSQL's (that postmaster and its backends). Requests/s share the
# cores with wrk, which takes as much a request whichever server answers it: CPU per request says what each server
# costs the machine.
#
#   bench/rounds.sh TARGETS.TSV [--peer postgraphile5] [--rounds 5] [--duration 8] [--warmup 5] [--connections 32] [--postgres PID]
#
# bench/run.sh --only graphql starts the servers over 300,000 questions and calls it; against servers already
# running, give their targets.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=$1; shift
peer=postgraphile5 rounds=5 duration=8 warmup=5 connections=32 postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --postgres) postgres=$2; shift 2 ;;
    *) echo "bench/rounds.sh: unknown option $1" >&2; exit 1 ;;
  esac
done

run() { # url bodies seconds -> wrk.lua's line
  BODIES="$2" wrk -t2 -c"$connections" -d"${3}s" -s bench/wrk.lua "$1" | tail -1
}
tree() { # pids...: them and their descendants
  local pid
  for pid in "$@"; do echo "$pid"; tree $(pgrep -P "$pid" || true); done
}
ticks() { # pids...: "pid ticks" for them and their descendants, the CPU time (user and system, in clock ticks) of each
  local pid t
  for pid in $(tree "$@"); do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    [ -z "$t" ] || echo "$pid $t"
  done
}
spent() { # before after: the ticks spent between two `ticks` (a process started meanwhile counts whole, one gone nothing)
  awk 'NR == FNR { b[$1] = $2; next } { s += $2 - ($1 in b ? b[$1] : 0) } END { print s + 0 }' <(echo "$1") <(echo "$2")
}
listener() { # url -> the pid listening on its port
  local port=${1##*:}; port=${port%%/*}
  ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}
tick=$(getconf CLK_TCK)
per_request() { # ticks rps seconds -> CPU ms per request
  awk -v t="$1" -v r="$2" -v s="$3" -v k="$tick" 'BEGIN { printf "%.3f", (r * s > 0) ? t * 1000 / k / (r * s) : 0 }'
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

out=$(mktemp)
trap 'rm -f "$out"' EXIT
mapfile -t names < <(awk -F'\t' '$1 == "graphql" && $3 == "ours" {print $2}' "$targets")
for name in "${names[@]}"; do
  for server in ours "$peer"; do
    read -r url bodies < <(awk -F'\t' -v n="$name" -v s="$server" '$1 == "graphql" && $2 == n && $3 == s {print $4, $5}' "$targets")
    [ "$warmup" = 0 ] || run "$url" "$bodies" "$warmup" >/dev/null
  done
done
for round in $(seq 1 "$rounds"); do
  for name in "${names[@]}"; do
    # Which side goes first alternates with the rounds.
    order=(ours "$peer"); [ $((round % 2)) = 0 ] && order=("$peer" ours)
    for server in "${order[@]}"; do
      read -r url bodies < <(awk -F'\t' -v n="$name" -v s="$server" '$1 == "graphql" && $2 == n && $3 == s {print $4, $5}' "$targets")
      pid=$(listener "$url")
      before=$(ticks "$pid"); pg_before=$([ -z "$postgres" ] || ticks "$postgres")
      line=$(run "$url" "$bodies" "$duration")
      after=$(ticks "$pid"); pg_after=$([ -z "$postgres" ] || ticks "$postgres")
      rps=$(field rps "$line")
      cpu=$(per_request "$(spent "$before" "$after")" "$rps" "$duration")
      pg_cpu=$(per_request "$(spent "$pg_before" "$pg_after")" "$rps" "$duration")
      echo "round $round / $name / $server: $line cpu_ms=$cpu pg_cpu_ms=$pg_cpu" >&2
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$server" "$rps" "$(field p99 "$line")" "$cpu" "$pg_cpu" >>"$out"
    done
  done
done

printf '| query | ours / %s, req/s (median of %s rounds) | each round | p99 ours | p99 %s | CPU ms a request, ours (server + PostgreSQL) | %s | its CPU / ours |\n|---|---|---|---|---|---|---|---|\n' "$peer" "$rounds" "$peer" "$peer"
for name in "${names[@]}"; do
  ratios=$(awk -F'\t' -v n="$name" -v p="$peer" '$2 == n { if ($3 == "ours") o[$1] = $4; else if ($3 == p) t[$1] = $4 }
    END { for (r in o) if (t[r] > 0) printf "%.2f\n", o[r] / t[r] }' "$out" | sort -g)
  p99_ours=$(awk -F'\t' -v n="$name" '$2 == n && $3 == "ours" {print $5}' "$out" | median)
  p99_peer=$(awk -F'\t' -v n="$name" -v p="$peer" '$2 == n && $3 == p {print $5}' "$out" | median)
  cpu_of() { # server column -> the median of that CPU column over the rounds
    awk -F'\t' -v n="$name" -v s="$1" -v c="$2" '$2 == n && $3 == s {print $c}' "$out" | median
  }
  read -r ours_cpu ours_pg peer_cpu peer_pg <<<"$(cpu_of ours 6) $(cpu_of ours 7) $(cpu_of "$peer" 6) $(cpu_of "$peer" 7)"
  printf '| %s | %.2f× | %s | %s ms | %s ms | %.3f + %.3f | %.3f + %.3f | %s |\n' "$name" "$(median <<<"$ratios")" "$(tr '\n' ' ' <<<"$ratios" | sed 's/ $//; s/ /, /g')" "$p99_ours" "$p99_peer" \
    "$ours_cpu" "$ours_pg" "$peer_cpu" "$peer_pg" \
    "$(awk -v o="$ours_cpu" -v op="$ours_pg" -v p="$peer_cpu" -v pp="$peer_pg" 'BEGIN { printf (o + op > 0) ? sprintf("%.2f×", (p + pp) / (o + op)) : "-" }')"
done
