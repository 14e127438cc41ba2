#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (cargo-fuzz, libFuzzer + ASan, nightly Rust, optimised
# with debug assertions and overflow checks) for SECONDS each (default 10: the smoke run
# of scripts/test.sh) or, with --runs N, for N executions each (the long run of
# RELIABILITY.md), and prints per target the executions, time, rate, corpus size and
# whether it crashed.
#
#   scripts/fuzz.sh [SECONDS | --runs N] [--sdk-coverage] [TARGET...]
#
# --sdk-coverage builds (into target/fuzz-sdk-coverage) with libFuzzer's coverage
# counters in the SDK, the URL parser and the targets only: every crate keeps the
# sanitizer, but the runtime, HTTP and TLS crates' counters (~80% of c_entry_points' map,
# scanned after every execution) are left out: c_entry_points runs on a third less CPU
# per execution (fuzz/tools/coverage-sdk-only.sh).
#
# The committed seeds (fuzz/corpus/<target>) are read, never written: what a run finds
# goes to target/fuzz-corpus/<target>. A crash leaves its input in fuzz/artifacts/ and
# fails the run. Without a nightly toolchain or cargo-fuzz it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time="${1:-10}")
if [ "${1:-}" = --runs ]; then
  limit=(-runs="$2")
  shift 2
else
  shift || true
fi
wrapper=
if [ "${1:-}" = --sdk-coverage ]; then
  wrapper=$PWD/fuzz/tools/coverage-sdk-only.sh
  shift
fi
tools=$PWD/target/tools
export PATH="$tools/bin:$PATH"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: skipped (no nightly toolchain; rustup toolchain install nightly)"
  exit 0
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: skipped (cargo-fuzz is not installed; scripts/install-deps.sh installs it)"
  exit 0
fi

cd fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
# One build for all targets; the SDK's own target dir keeps it warm between runs.
export CARGO_TARGET_DIR=$PWD/../target/fuzz
if [ -n "$wrapper" ]; then
  export RUSTC_WRAPPER=$wrapper CARGO_TARGET_DIR=$PWD/../target/fuzz-sdk-coverage
fi
cargo +nightly fuzz build -O -a
for t in "${targets[@]}"; do
  found=../target/fuzz-corpus/$t
  mkdir -p "$found" "corpus/$t"
  log=../target/fuzz-$t.log
  start=$(date +%s)
  if ! cargo +nightly fuzz run -O -a "$t" "$found" "corpus/$t" -- \
      "${limit[@]}" -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t CRASHED (input in fuzz/artifacts/$t, log in target/fuzz-$t.log)"
    exit 1
  fi
  took=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(sed -n 's/.*DONE .* corp: \([0-9]*\).*/\1/p' "$log" | tail -1)
  echo "fuzz: $t: ${runs:-?} executions in $took s ($((${runs:-0} / (took > 0 ? took : 1))) /s)," \
    "corpus ${corpus:-?} inputs, no crash"
done
