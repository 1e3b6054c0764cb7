#!/usr/bin/env bash
# Alternating rounds: each GraphQL query of a targets.tsv (written by bench/targets.mjs) on OpenData.Api and on a
# peer, in turn, round after round, so that a drift of the machine falls on both alike. Prints one line per round
# and query, then the median ratio (ours / peer) of requests/s and each side's median p99.
#
#   bench/rounds.sh TARGETS.TSV [--peer postgraphile5] [--rounds 3] [--duration 8] [--warmup 5] [--connections 32]
#
# bench/run.sh --only graphql starts the servers over 300,000 questions and calls it; against servers already
# running, give their targets.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=$1; shift
peer=postgraphile5 rounds=3 duration=8 warmup=5 connections=32
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "bench/rounds.sh: unknown option $1" >&2; exit 1 ;;
  esac
done

run() { # url bodies seconds -> wrk.lua's line
  BODIES="$2" wrk -t2 -c"$connections" -d"${3}s" -s bench/wrk.lua "$1" | tail -1
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
      line=$(run "$url" "$bodies" "$duration")
      echo "round $round / $name / $server: $line" >&2
      printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$server" "$(field rps "$line")" "$(field p99 "$line")" >>"$out"
    done
  done
done

printf '| query | ours / %s, req/s (median of %s rounds) | each round | p99 ours | p99 %s |\n|---|---|---|---|---|\n' "$peer" "$rounds" "$peer"
for name in "${names[@]}"; do
  ratios=$(awk -F'\t' -v n="$name" -v p="$peer" '$2 == n { if ($3 == "ours") o[$1] = $4; else if ($3 == p) t[$1] = $4 }
    END { for (r in o) if (t[r] > 0) printf "%.2f\n", o[r] / t[r] }' "$out" | sort -g)
  p99_ours=$(awk -F'\t' -v n="$name" '$2 == n && $3 == "ours" {print $5}' "$out" | median)
  p99_peer=$(awk -F'\t' -v n="$name" -v p="$peer" '$2 == n && $3 == p {print $5}' "$out" | median)
  printf '| %s | %.2f× | %s | %s ms | %s ms |\n' "$name" "$(median <<<"$ratios")" "$(tr '\n' ' ' <<<"$ratios" | sed 's/ $//; s/ /, /g')" "$p99_ours" "$p99_peer"
done
