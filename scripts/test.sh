#!/usr/bin/env bash
# Runs every test layer of the SDK, in the order a failure is cheapest to find:
# formatting and lints, one release build reused by every layer, the Rust tests
# (SDK against the in-process sandbox, and the sandbox's own), then the C ABI, C++
# and C# layers against the real libkgen.so and the sandbox binary.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

section "dependencies"
scripts/install-deps.sh

section "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release --locked -- -D warnings

section "release build (shared by every layer)"
cargo build --workspace --release --locked
cargo test --workspace --release --locked --no-run

section "generated header and C# layer are committed as generated"
git diff --exit-code -- include/kgen.h bindings/unity/Runtime/Native/NativeMethods.g.cs

section "Rust tests"
cargo test --workspace --release --locked

section "C ABI: tests/c natively, under valgrind and ASan+UBSan; the C examples"
scripts/test-c.sh

section "C#: the Unity package's runtime and tests on Mono (NUnit), and the C# example"
scripts/test-csharp.sh

printf '\nall test layers passed in %d s\n' $((SECONDS - started))
