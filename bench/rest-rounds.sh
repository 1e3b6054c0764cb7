#!/usr/bin/env bash
# Alternating rounds of REST requests on two servers already running over the same database (say, a build of an earlier
# commit and one of this one, both with OutputCache__Enabled=false and anonymous limits out of the way): each URL on one
# then the other, the order swapped every round, so that a drift of the machine falls on both alike. Prints, per URL,
# round and side, wrk's requests/s (2 threads, 8 connections) and the server process's CPU time per request.
#
#   bench/rest-rounds.sh PORT_A PORT_B [ROUNDS] [SECONDS] -- URL...
set -euo pipefail
a=$1 b=$2; shift 2
rounds=3 seconds=6
[ "${1:-}" != -- ] && { rounds=$1; shift; }
[ "${1:-}" != -- ] && { seconds=$1; shift; }
shift # --
pid() { pgrep -f "OpenData.Api.dll --urls http://127.0.0.1:$1" | head -1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for url in "$@"; do
  for r in $(seq "$rounds"); do
    order=("$a" "$b"); [ $((r % 2)) = 0 ] && order=("$b" "$a")
    for port in "${order[@]}"; do
      p=$(pid "$port")
      wrk -t2 -c8 -d2s "http://127.0.0.1:$port$url" >/dev/null
      t0=$(ticks "$p")
      out=$(wrk -t2 -c8 -d"${seconds}s" "http://127.0.0.1:$port$url")
      t1=$(ticks "$p")
      n=$(echo "$out" | awk '/requests in/{print $1}')
      echo "$url round $r port $port rps $(echo "$out" | awk '/Requests\/sec/{print $2}') cpu_ms_per_request $(echo "scale=3; ($t1 - $t0) * 1000 / $(getconf CLK_TCK) / $n" | bc)"
    done
  done
done
