#!/usr/bin/env bash
# The C ABI tests: builds tests/c against include/kgen.h and the release
# libkgen.so, starts the sandbox on a free port, and runs every test program
# natively, under valgrind, and once more built with ASan+UBSan.
#
# Needs: cargo build --release (libkgen.so and kgen-sandbox), gcc, valgrind.
# KGEN_C_SKIP_VALGRIND=1 skips the valgrind pass (quick local runs).
set -euo pipefail
cd "$(dirname "$0")/.."

# KGEN_LIB_DIR: the library under test (scripts/test.sh passes the shipped one).
lib=${KGEN_LIB_DIR:-target/release}
out=target/c-tests
mkdir -p "$out"
[ -f "$lib/libkgen.so" ] && [ -x target/release/kgen-sandbox ] || {
  echo "build first: cargo build --release --workspace" >&2; exit 1; }

# The library exports the C API and nothing else, at least one symbol per operation.
exports=$(nm -D --defined-only "$lib/libkgen.so" | awk '{print $3}')
foreign=$(grep -v '^kgen_' <<<"$exports" || true)
[ -z "$foreign" ] || { echo "non-kgen symbols exported:"; echo "$foreign"; exit 1; } >&2
for op in session_create tournaments_join tournaments_leave tournaments_submit_score \
          tournaments_active tournaments_participated tournaments_get leaderboard_get \
          wallet_balance wallet_transactions wallet_withdraw otp_register otp_verify \
          rewards_claimable rewards_claim stats_historic account_login account_login_otp \
          account_current_user account_logout; do
  grep -qx "kgen_$op" <<<"$exports" || { echo "missing kgen_$op" >&2; exit 1; }
done
echo "exports: $(wc -l <<<"$exports") symbols, all kgen_*"

# 1,000 requests in flight use that many sockets.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

source scripts/sandbox.sh
start_sandbox

tests=(test_abi test_journey test_dispatch test_outbox)
examples=(quickstart game_server)
cflags=(-std=c11 -Wall -Wextra -Werror -g -Iinclude)
libs=(-L"$lib" -lkgen -lpthread -Wl,-rpath,"$PWD/$lib")

failed=0
run() { # name, then the command
  local name=$1; shift
  printf '\n-- %s\n' "$name"
  if ! "$@"; then echo "FAILED: $name"; failed=1; fi
}

for t in "${tests[@]}"; do
  gcc "${cflags[@]}" -O1 "tests/c/$t.c" "${libs[@]}" -o "$out/$t"
  clang "${cflags[@]}" -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
    -fno-sanitize-recover=undefined "tests/c/$t.c" "${libs[@]}" -o "$out/$t-asan"
done

# The examples build exactly as their comments say.
for e in "${examples[@]}"; do
  cc -Iinclude "examples/c/$e.c" -L"$lib" -lkgen -lpthread -o "$out/$e"
done

# The quickstart's outbox (both its runs) under target/, not a new directory in /tmp.
rm -rf "$out/quickstart-outbox"
export KGEN_OUTBOX_DIR=$out/quickstart-outbox

for t in "${tests[@]}"; do
  run "$t (native)" env KGEN_TEST_RSS=1 "$out/$t"
done
# Destroy never waits on the network: name lookups stalled by a preloaded shim.
gcc -std=c11 -Wall -Wextra -Werror -shared -fPIC tests/c/stall_dns.c -ldl -o "$out/stall_dns.so"
gcc "${cflags[@]}" -O1 tests/c/test_stalls.c "${libs[@]}" -o "$out/test_stalls"
run "test_stalls (native, lookups stalled)" env LD_PRELOAD="$PWD/$out/stall_dns.so" "$out/test_stalls"
# The outbox under SIGKILL: 200 children killed at random moments, then the ledger.
gcc "${cflags[@]}" -O1 tests/c/outbox_crash.c "${libs[@]}" -o "$out/outbox_crash"
run "outbox_crash (200 kills)" "$out/outbox_crash" 200
run "quickstart (native)" env LD_LIBRARY_PATH="$lib" "$out/quickstart"
run "game_server (native)" env LD_LIBRARY_PATH="$lib" "$out/game_server"

# ASan: Rust's allocations are not instrumented, but every C-side access to
# SDK memory (events, strings) is. The SDK's own runtime threads stay alive
# until destroy, so leak checking covers what the tests free.
for t in "${tests[@]}"; do
  run "$t (ASan+UBSan)" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 "$out/$t-asan"
done

# Full size under valgrind too (about 15 s on 2 cores); KGEN_TEST_SCALE=20
# would shrink the heavy cases if that ever grows.
if [ "${KGEN_C_SKIP_VALGRIND:-0}" != 1 ]; then
  for t in "${tests[@]}"; do
    run "$t (valgrind)" valgrind --quiet --error-exitcode=99 \
      --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --show-leak-kinds=definite,indirect --fair-sched=yes "$out/$t"
  done
  run "quickstart (valgrind)" env LD_LIBRARY_PATH="$lib" valgrind --quiet --error-exitcode=99 \
    --leak-check=full --errors-for-leak-kinds=definite,indirect "$out/quickstart"
fi

exit $failed
