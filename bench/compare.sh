#!/usr/bin/env bash
# The SDK side by side with its peers, against one sandbox. Not part of CI.
#
#   bench/setup.sh            (once: libcurl and cJSON headers, valgrind, wrk)
#   bench/compare.sh          (ROUNDS=7 N=20000 INFLIGHT=64 CALLGRIND_N=1000 NO_BUILD=
#                              SDK_LIB_DIR=target/release)
#
# Peers, built here: bench/peers/curl_client.c (libcurl multi + cJSON, one thread; run
# twice: in a tight loop on curl_multi_poll, and driven once a frame of FRAME_US as a game
# loop would drive it, the like-for-like peer of the SDK polled once a frame) and
# bench/peers/reqwest-client (reqwest + tokio current-thread + serde_json). The SDK runs
# bench/peers/sdk_client.c through the C ABI with one worker thread, in immediate
# dispatch, in manual dispatch polled at every wake of its hook, in manual dispatch
# looping on kgen_client_wait + kgen_client_poll (a server's loop), in manual dispatch
# polled once a frame without a wake hook, as the Unity and Unreal bindings poll
# (FRAME_US, default 1000: a 1 kHz tick keeps the rate unbound by frames, so only its
# CPU is compared; at 60 frames a second 64 in flight cap it at 3,840 requests/s), and
# in driven dispatch (no worker thread: the main thread loops on kgen_client_wait +
# kgen_client_poll), and in driven dispatch polled once a frame (network work only in
# the frame's poll: libcurl driven once a frame's like).
# Each round runs every client on GET /fe/wallet/balance and on a score
# POST with a fresh Idempotency-Key, in one interleaved order; ratios are taken within a
# round, then min/median/max over rounds are printed:
#   cpu  = SDK CPU per request / libcurl's       (goal <= 1.0; the SDK polled once a
#          frame also against libcurl driven once a frame)
#   tput = SDK requests/s / raw reqwest's        (goal >= 0.9)
# Then callgrind instructions per request of each client: (Ir(3n) - Ir(n)) / 2n, so
# start-up and teardown cancel out.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-7} n=${N:-20000} inflight=${INFLIGHT:-64} cg_n=${CALLGRIND_N:-1000}
out=target/bench
mkdir -p "$out"

# NO_BUILD=1: use the release build already in target/ (e.g. while tests hold cargo's lock).
# SDK_LIB_DIR: the libkgen.so the SDK client runs with, e.g. the shipped one
# (target/x86_64-unknown-linux-gnu/shipped from scripts/build-shipped.sh).
sdk_lib=${SDK_LIB_DIR:-target/release}
[ -n "${NO_BUILD:-}" ] || cargo build --release --locked --quiet -p kgen-sdk -p kgen-sandbox
cc -O2 -Iinclude bench/peers/sdk_client.c -Ltarget/release -lkgen -lpthread -o "$out/sdk_client"
cc -O2 bench/peers/curl_client.c -lcurl -lcjson -o "$out/curl_client"
cp Cargo.lock bench/peers/reqwest-client/Cargo.lock
CARGO_TARGET_DIR=target/bench-peers cargo build --release --quiet \
  --manifest-path bench/peers/reqwest-client/Cargo.toml
cp target/bench-peers/release/reqwest-client "$out/"

source scripts/sandbox.sh
# One serving thread: with one per core, bursts of keyed writes (reqwest's and the SDK's
# way of sending) make the sandbox's threads hand its SQLite lock back and forth, and
# the write comparison would be against a slower server than libcurl's client meets.
start_sandbox --workers 1
live=d1a0c0de-0000-4000-8000-000000000001
export KGEN_TOURNAMENT=$live LD_LIBRARY_PATH=$sdk_lib
KGEN_TOKEN=$(curl -sf -XPOST "$KGEN_BASE_URL/s2s/session" -H "x-client-id: $KGEN_CLIENT_ID" \
  -H "x-client-secret: $KGEN_CLIENT_SECRET" -d '{"user_id":"compare"}' | jq -r .access_token)
export KGEN_TOKEN
curl -sf -XPOST "$KGEN_BASE_URL/sandbox/wallets/credit" -H "x-admin-key: $KGEN_ADMIN_KEY" \
  -d '{"user_id":"compare","bought":1000}' >/dev/null
curl -sf -XPOST "$KGEN_BASE_URL/fe/esports/tournaments/$live/join" -H "user-jwt-token: $KGEN_TOKEN" \
  -d '{"joiningStake":10}' >/dev/null

wrap=() # a command the clients run under (callgrind below)
client() { # name op count -> "requests/s cpu_us failures"
  case $1 in
    curl) "${wrap[@]}" "$out/curl_client" "$2" "$3" "$inflight" ;;
    curl-frame) "${wrap[@]}" "$out/curl_client" "$2" "$3" "$inflight" frame ;;
    reqwest) "${wrap[@]}" "$out/reqwest-client" "$2" "$3" "$inflight" ;;
    sdk-immediate) "${wrap[@]}" "$out/sdk_client" immediate "$2" "$3" "$inflight" ;;
    sdk-manual) "${wrap[@]}" "$out/sdk_client" manual "$2" "$3" "$inflight" ;;
    sdk-wait) "${wrap[@]}" "$out/sdk_client" wait "$2" "$3" "$inflight" ;;
    sdk-frame) "${wrap[@]}" "$out/sdk_client" frame "$2" "$3" "$inflight" ;;
    sdk-driven) "${wrap[@]}" "$out/sdk_client" driven "$2" "$3" "$inflight" ;;
    sdk-driven-frame) "${wrap[@]}" "$out/sdk_client" driven-frame "$2" "$3" "$inflight" ;;
  esac
}
clients=(curl curl-frame reqwest sdk-immediate sdk-manual sdk-wait sdk-frame sdk-driven sdk-driven-frame)
results=$out/compare.txt
: >"$results"
for round in $(seq "$rounds"); do
  for op in get post; do
    for c in "${clients[@]}"; do
      read -r rps cpu failed < <(client "$c" "$op" "$n")
      [ "$failed" = 0 ] || echo "  round $round $c $op: $failed failed" >&2
      echo "$round $op $c $rps $cpu" >>"$results"
    done
  done
  echo "round $round done" >&2
done

printf '\nper client (requests/s, CPU us/request): min / median / max over %s rounds of %s requests, %s in flight\n' \
  "$rounds" "$n" "$inflight"
python3 - "$results" <<'PY'
import sys, statistics as st, collections
rows = [l.split() for l in open(sys.argv[1])]
by = collections.defaultdict(dict)
for r, op, c, rps, cpu in rows:
    by[(r, op)][c] = (float(rps), float(cpu))
def mmm(xs): return f"{min(xs):.2f} / {st.median(xs):.2f} / {max(xs):.2f}"
for op in ("get", "post"):
    rounds = [v for (r, o), v in sorted(by.items()) if o == op]
    for c in ("curl", "curl-frame", "reqwest", "sdk-immediate", "sdk-manual", "sdk-wait", "sdk-frame", "sdk-driven", "sdk-driven-frame"):
        print(f"  {op:4} {c:14} rps {mmm([v[c][0] for v in rounds])}   cpu {mmm([v[c][1] for v in rounds])}")
    for c in ("sdk-immediate", "sdk-manual", "sdk-wait", "sdk-frame", "sdk-driven", "sdk-driven-frame"):
        cpu = [v[c][1] / v["curl"][1] for v in rounds]
        tput = [v[c][0] / v["reqwest"][0] for v in rounds]
        line = f"  {op:4} {c:14} cpu vs libcurl {mmm(cpu)}"
        if c.endswith("frame"):  # frame-bound: its throughput is not compared
            like = [v[c][1] / v["curl-frame"][1] for v in rounds]
            print(f"{line}   cpu vs libcurl driven once a frame {mmm(like)}")
        else:
            print(f"{line}   throughput vs reqwest {mmm(tput)}")
PY

if command -v valgrind >/dev/null; then
  printf '\ncallgrind instructions per request (whole client process, all threads)\n'
  ir() { # name op count -> total Ir
    local f=$out/cg.$$.out
    wrap=(valgrind --tool=callgrind --callgrind-out-file="$f")
    client "$1" "$2" "$3" >/dev/null 2>&1 || true
    wrap=()
    awk '/^summary:/ {print $2}' "$f"
    rm -f "$f"
  }
  for op in get post; do
    for c in "${clients[@]}"; do
      a=$(ir "$c" "$op" "$cg_n") b=$(ir "$c" "$op" $((cg_n * 3)))
      echo "  $op $c: $(( (b - a) / (2 * cg_n) )) instructions/request"
    done
  done
fi
