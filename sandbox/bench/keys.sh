#!/usr/bin/env bash
# Keyed-write throughput of a fresh sandbox against one that already holds 1,000,000
# Idempotency-Keys: the score route, each POST with a fresh key. Not part of CI.
#
#   sandbox/bench/keys.sh [--db]      (KEYS=1000000, ROUNDS=5, DURATION=5s, CONNECTIONS=32,
#                                      KGEN_SANDBOX_BIN=target/release/kgen-sandbox)
#
# Two sandboxes: one is filled with $KEYS keyed writes, then short wrk runs alternate
# between the fresh and the filled one; prints each round and min/median/max of the ratio.
# Needs: a release build of kgen-sandbox, wrk, curl, jq.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
binary=${KGEN_SANDBOX_BIN:-$root/target/release/kgen-sandbox}
duration=${DURATION:-5s}
connections=${CONNECTIONS:-32}
keys=${KEYS:-1000000}
rounds=${ROUNDS:-5}
players=64

work=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "$work"' EXIT
live=d1a0c0de-0000-4000-8000-000000000001
start() { # name -> a sandbox with $players joined players; sets url_<name>, tokens in $work/<name>
  local dir=$work/$1 args=(--port 0 --quiet --demo)
  mkdir -p "$dir"
  [[ "$mode" == --db ]] && args+=(--db "$dir/bench.db")
  "$binary" "${args[@]}" >"$dir/out" 2>"$dir/err" &
  servers+=($!)
  for _ in $(seq 50); do [[ -s "$dir/out" ]] && break; sleep 0.1; done
  local url
  url=$(head -1 "$dir/out" | sed 's/^listening on //')
  echo "$url" >"$dir/url"
  for i in $(seq "$players"); do
    token=$(curl -sf -XPOST "$url/s2s/session" -H 'x-client-id: demo-client' \
      -H 'x-client-secret: demo-secret' -d "{\"user_id\":\"keys-$i\"}" | jq -r .access_token)
    echo "$token"
    curl -sf -H 'x-admin-key: sandbox-admin' -XPOST "$url/sandbox/wallets/credit" \
      -d "{\"user_id\":\"keys-$i\",\"bought\":100000}" >/dev/null
    curl -sf -XPOST "$url/fe/esports/tournaments/$live/join" -H "user-jwt-token: $token" \
      -d '{"joiningStake":10}' >/dev/null
  done >"$dir/tokens"
  cp ./*.lua "$dir/"
}
wrk_run() { # name, run id, duration -> wrk's output (non-2xx answers fail the run)
  local out
  out=$(cd "$work/$1" && wrk -t2 -c"$connections" -d"$3" -s keyed_score.lua \
    "$(cat url)/fe/esports/tournaments/$live/score" -- "$2")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$out" >&2; exit 1; fi
  echo "$out"
}
mode=${1:-}
start fresh
start filled
# Fill: wrk runs of 20 s until the second sandbox holds $keys keys (wrk's totals).
written=0 round=0
while (( written < keys )); do
  round=$((round + 1))
  n=$(wrk_run filled "fill$round" 20s | awk '/requests in/ {print $1}')
  written=$((written + n))
  echo "  filled $written keys"
done
# Interleaved: the fresh and the filled sandbox in turn, the ratio taken per round.
for r in $(seq "$rounds"); do
  f=$(wrk_run fresh "r$r" "$duration" | awk '/Requests\/sec/ {print $2}')
  a=$(wrk_run filled "r$r" "$duration" | awk '/Requests\/sec/ {print $2}')
  echo "round $r: fresh $f, after $written keys $a requests/s, ratio $(awk -v a="$a" -v f="$f" 'BEGIN {printf "%.3f", a / f}')"
done | tee "$work/rounds"
awk '{print $NF}' "$work/rounds" | sort -n | awk '{v[NR]=$1} END {printf "ratio filled/fresh: min %.3f median %.3f max %.3f\n", v[1], v[int((NR+1)/2)], v[NR]}'
