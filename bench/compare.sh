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
rounds=${ROUNDS:-7} n=${N:-20000} cg_n=${CALLGRIND_N:-1000}
source bench/clients.sh
cp Cargo.lock bench/peers/reqwest-client/Cargo.lock
CARGO_TARGET_DIR=target/bench-peers cargo build --release --quiet \
  --manifest-path bench/peers/reqwest-client/Cargo.toml
cp target/bench-peers/release/reqwest-client "$out/"

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
