#!/usr/bin/env bash
# The chaos soak (tests/chaos/chaos.c) through libkgen.so against a fresh sandbox:
#   scripts/chaos.sh [ROUNDS] [PLAYERS]   (default 20 x 16: the short run of test.sh)
# Needs: cargo build --release (libkgen.so and kgen-sandbox), gcc. KGEN_LIB_DIR picks
# another build of the library (as scripts/test-c.sh); SANDBOX_WORKERS the sandbox's
# serving threads (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
lib=${KGEN_LIB_DIR:-target/release}
out=target/chaos
mkdir -p "$out"
gcc -std=c11 -Wall -Wextra -Werror -O1 -g -Iinclude tests/chaos/chaos.c \
  -L"$lib" -lkgen -lpthread -Wl,-rpath,"$PWD/$lib" -o "$out/chaos"
source scripts/sandbox.sh
start_sandbox ${SANDBOX_WORKERS:+--workers "$SANDBOX_WORKERS"}
"$out/chaos" "$@"
