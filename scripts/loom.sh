#!/usr/bin/env bash
# Model-checks the request book (src/ffi/request_book.rs) with loom: every interleaving
# of a request's completion, a cancel and the client's destroy. Builds under
# `--cfg kgen_loom` in a target dir of its own, so the ordinary build stays warm.
set -euo pipefail
cd "$(dirname "$0")/.."
RUSTFLAGS="--cfg kgen_loom" CARGO_TARGET_DIR=target/loom \
  cargo test --release --locked --lib request_book::loom_tests -- --test-threads=1
