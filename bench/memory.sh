#!/usr/bin/env bash
# Resident memory per player session and per request in flight (bench/memory.c). Not CI.
#
#   bench/memory.sh          (SESSIONS=100000 INFLIGHT=10000 NO_BUILD=)
#
# Sessions are restored from the access and refresh token the sandbox hands out for one
# player; the requests in flight are balance reads the sandbox holds with a 60 s latency
# fault on /fe/wallet/balance.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${SESSIONS:-100000} inflight=${INFLIGHT:-10000}
out=target/bench
mkdir -p "$out"
[ -n "${NO_BUILD:-}" ] || cargo build --release --locked --quiet -p kgen-sdk -p kgen-sandbox
cc -O2 -Iinclude bench/memory.c -Ltarget/release -lkgen -o "$out/memory"
source scripts/sandbox.sh
start_sandbox
export LD_LIBRARY_PATH=target/release
tokens=$(curl -sf -XPOST "$KGEN_BASE_URL/s2s/session" -H "x-client-id: $KGEN_CLIENT_ID" \
  -H "x-client-secret: $KGEN_CLIENT_SECRET" -d '{"user_id":"memory"}')
KGEN_TOKEN=$(jq -r .access_token <<<"$tokens") KGEN_REFRESH=$(jq -r .refresh_token <<<"$tokens")
export KGEN_TOKEN KGEN_REFRESH
echo "the sandbox's tokens: access ${#KGEN_TOKEN} bytes, refresh ${#KGEN_REFRESH} bytes"
"$out/memory" sessions "$sessions"
# Tokens of 253 bytes (or 254, where base64 steps over 253; unsigned; the SDK reads claims without verifying them): a player
# id, issue and expiry times, padded.
token253() {
  python3 - "$1" <<'PY'
import base64, json, sys
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head, sig = b64(b'{"alg":"HS256","typ":"JWT"}'), b64(bytes(32))
claims = {"sub": sys.argv[1], "user_id": sys.argv[1], "iat": 1700000000, "exp": 4102444800, "pad": ""}
token = lambda: f"{head}.{b64(json.dumps(claims).encode())}.{sig}"
while len(token()) < 253:
    claims["pad"] += "x"
print(token())
PY
}
echo "tokens of 253 bytes:"
KGEN_TOKEN=$(token253 memory) KGEN_REFRESH=$(token253 memory) "$out/memory" sessions "$sessions"
curl -sf -XPOST "$KGEN_BASE_URL/sandbox/faults" -H "x-admin-key: $KGEN_ADMIN_KEY" \
  -d '{"path": "/fe/wallet/balance", "latency_ms": 60000}' >/dev/null
"$out/memory" inflight "$inflight"
