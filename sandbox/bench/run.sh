#!/usr/bin/env bash
# Load test of the sandbox on loopback with wrk: read routes (balance, active tournaments,
# leaderboard) and write routes (score, join, session renewal). Not part of CI.
#
#   sandbox/bench/run.sh [--db]      (--db: a WAL file database instead of memory)
#
# Needs: a release build (cargo build -p kgen-sandbox --release), wrk, curl, jq.
# Env: DURATION (default 5s), CONNECTIONS (default 32), THREADS (default 2), WORKERS (the
# sandbox's --workers, default 1).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
binary="$root/target/release/kgen-sandbox"
duration=${DURATION:-5s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
players=400
tournaments=250

work=$(mktemp -d)
args=(--port 0 --quiet --demo --workers "${WORKERS:-1}")
[[ "${1:-}" == "--db" ]] && args+=(--db "$work/bench.db")
"$binary" "${args[@]}" >"$work/out" 2>"$work/err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [[ -s "$work/out" ]] && break; sleep 0.1; done
url=$(head -1 "$work/out" | sed 's/^listening on //')
admin=(-H 'x-admin-key: sandbox-admin')
live=d1a0c0de-0000-4000-8000-000000000001

echo "setting up $players players on $url ${1:-(memory)}"
for i in $(seq "$players"); do
  curl -sf -XPOST "$url/s2s/session" -H 'x-client-id: demo-client' -H 'x-client-secret: demo-secret' \
    -d "{\"user_id\":\"bench-$i\"}" | jq -r .access_token
done >"$work/tokens"
for i in $(seq "$players"); do
  curl -sf "${admin[@]}" -XPOST "$url/sandbox/wallets/credit" -d "{\"user_id\":\"bench-$i\",\"bought\":100000}" >/dev/null
  token=$(sed -n "${i}p" "$work/tokens")
  curl -sf -XPOST "$url/fe/esports/tournaments/$live/join" -H "user-jwt-token: $token" -d '{"joiningStake":10}' >/dev/null
  curl -sf -XPOST "$url/fe/esports/tournaments/$live/score" -H "user-jwt-token: $token" \
    -d "{\"payload\":{\"score\":{\"value\":$i}}}" >/dev/null
done
run() { # name, path, script
  printf '\n== %s\n' "$1"
  (cd "$work" && wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$3" "$url$2") |
    grep -E 'Requests/sec|Latency  |50%|99%|Non-2xx|Socket errors'
}
cp ./*.lua "$work/"
run "GET /fe/wallet/balance" /fe/wallet/balance read.lua
run "GET /fe/esports/tournaments/active (3 tournaments)" /fe/esports/tournaments/active read.lua
run "GET leaderboard ($players ranked players)" "/fe/esports/tournaments/$live/leaderboard" read.lua
run "POST score" "/fe/esports/tournaments/$live/score" score.lua
run "POST /s2s/session (renewal, new tokens)" /s2s/session session.lua
echo
echo "creating $tournaments more tournaments"
for i in $(seq "$tournaments"); do
  curl -sf "${admin[@]}" -XPOST "$url/sandbox/tournaments" \
    -d "{\"title\":\"Bench $i\",\"buy_in_price\":1,\"tournament_size\":100000,\"state\":\"STARTED\"}" | jq -r .tournament_uid
done >"$work/uids"

run "POST join (debit + ledger entry)" / join.lua
run "GET /fe/esports/tournaments/active ($((tournaments + 3)) tournaments)" /fe/esports/tournaments/active read.lua
