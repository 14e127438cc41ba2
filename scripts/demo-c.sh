#!/usr/bin/env bash
# Runs the C quickstart against a fresh sandbox: builds the library, the
# sandbox and the example, starts `kgen-sandbox --port 0 --demo`, and walks one
# player's whole journey.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --workspace
cc -Iinclude examples/c/quickstart.c -Ltarget/release -lkgen -lpthread -o target/release/quickstart-c

sandbox_out=$(mktemp)
target/release/kgen-sandbox --port 0 --demo --quiet >"$sandbox_out" &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null; rm -f "$sandbox_out"' EXIT
for _ in $(seq 100); do [ -s "$sandbox_out" ] && break; sleep 0.1; done
url=$(head -n1 "$sandbox_out" | sed -n 's/^listening on //p')

KGEN_BASE_URL=$url KGEN_CLIENT_ID=demo-client KGEN_CLIENT_SECRET=demo-secret \
  KGEN_ADMIN_KEY=sandbox-admin LD_LIBRARY_PATH=target/release target/release/quickstart-c
