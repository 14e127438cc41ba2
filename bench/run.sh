#!/usr/bin/env bash
# The SDK's benchmarks, in one run. Not part of CI: run by hand on an otherwise idle
# machine, then copy the figures into bench/README.md.
#
#   bench/run.sh
#
# 1. the sandbox alone under wrk (it must never be the SDK's bottleneck);
# 2. the Rust core: requests/s and CPU per request of one read and one write operation;
# 3. the C ABI: examples/c/game_server.c, 500 players in immediate dispatch, with the
#    process's CPU time and peak memory;
# 4. the C ABI idle: CPU used by a client that has nothing to do;
# 5. the C ABI: memory per player session and per request in flight (bench/memory.sh).
# Needs wrk, curl, jq (scripts/install-deps.sh installs all but wrk: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sandbox.sh

section() { printf '\n==> %s\n' "$*"; }

cargo build --workspace --release --examples --quiet
mkdir -p target/bench
cc -O2 -Iinclude examples/c/game_server.c -Ltarget/release -lkgen -lpthread -o target/bench/game_server
cc -O2 -Iinclude bench/idle.c -Ltarget/release -lkgen -lpthread -o target/bench/idle

section "sandbox under wrk (in-memory database)"
sandbox/bench/run.sh

section "Rust core: one SDK worker thread, sandbox in the same process"
cargo run --release --quiet --example bench_core

start_sandbox
section "C ABI: game_server, 500 players (sandbox in another process at $KGEN_BASE_URL)"
for workers in 1 2; do
  # A fresh demo state each run, so the live tournament has room for every player.
  curl -sf -XPOST "$KGEN_BASE_URL/sandbox/reset" -H "x-admin-key: $KGEN_ADMIN_KEY" \
    -d '{"demo":true}' >/dev/null
  KGEN_WORKERS=$workers LD_LIBRARY_PATH=target/release \
    /usr/bin/time -f "  process: %U s user, %S s system, peak RSS %M KiB" target/bench/game_server
done

section "C ABI: an idle client"
LD_LIBRARY_PATH=target/release target/bench/idle

section "C ABI: memory per player session and per request in flight"
NO_BUILD=1 bench/memory.sh
