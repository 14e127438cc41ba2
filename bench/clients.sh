# Sourced by bench/compare.sh and bench/allocator.sh from the project root: builds the
# C clients into target/bench, starts one sandbox with a player who holds coins and has
# joined the live tournament, and defines `client NAME OP COUNT`, which prints
# "requests/s cpu_us failures" and runs under the command in `wrap` (if any).
#
# NO_BUILD=1: use the release build already in target/ (e.g. while tests hold cargo's lock).
# SDK_LIB_DIR: the libkgen.so the SDK client runs with, e.g. the shipped one
# (target/x86_64-unknown-linux-gnu/shipped from scripts/build-shipped.sh).
out=target/bench
inflight=${INFLIGHT:-64}
sdk_lib=${SDK_LIB_DIR:-target/release}
mkdir -p "$out"
[ -n "${NO_BUILD:-}" ] || cargo build --release --locked --quiet -p kgen-sdk -p kgen-sandbox
cc -O2 -Iinclude bench/peers/sdk_client.c -Ltarget/release -lkgen -lpthread -o "$out/sdk_client"
cc -O2 bench/peers/curl_client.c -lcurl -lcjson -o "$out/curl_client"

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

wrap=()
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
