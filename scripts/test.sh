#!/usr/bin/env bash
# Runs every test layer of the SDK, in the order a failure is cheapest to find:
# formatting and lints; the Rust tests (the SDK against the in-process sandbox, and
# the sandbox's own); then the release build that ships (libkgen.so/.a and the
# kgen-sandbox binary), which the C ABI, C++ and C# layers all share.
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s (%d s)\n' "$*" $((SECONDS - started)); }
started=$SECONDS

section "dependencies"
scripts/install-deps.sh

section "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release --locked -- -D warnings

section "Rust tests"
cargo test --workspace --release --locked

# The library ships without HTTP/2 (a cargo feature); the tests above build it so. This
# keeps the feature compiling and lint-clean, reusing the lints' checked dependencies (a
# test run with it needs a second build of the HTTP stack: the release workflow runs the
# transport's tests with it).
section "HTTP/2 built in (feature http2, off in the shipped library): compiles, lints clean"
cargo clippy -p kgen-sdk --release --locked --features http2 --lib -- -D warnings

# Tests build the library with their dev-dependencies' features; the layers below
# test the library exactly as `cargo build` ships it; the C layer and the packages use
# the Linux build that ships (the same code, linked against glibc 2.17 by zig).
section "model-checked request book: completion, cancel and destroy under every interleaving (loom)"
scripts/loom.sh

section "fuzz smoke run: every fuzz target of fuzz/ for 10 s (cargo-fuzz, nightly)"
scripts/fuzz.sh 10

section "release build shared by the C, C++ and C# layers"
cargo build --workspace --release --locked

section "the shipped Linux library: built against glibc 2.17, exports and SONAME checked"
# The C layer, the plugin staging and the packages use it (KGEN_LIB_DIR).
KGEN_LIB_DIR=$(scripts/build-shipped.sh)
export KGEN_LIB_DIR

section "the shipped libkgen.so is at most 3 MB stripped"
scripts/check-size.sh "$KGEN_LIB_DIR"

section "generated header and C# layer are committed as generated"
git diff --exit-code -- include/kgen.h bindings/unity/Runtime/Native/NativeMethods.g.cs

section "one version in the crate, kgen.h, kgen_version(), package.json, KGen.uplugin, CHANGELOG.md"
scripts/check-versions.sh

section "C ABI guard: libkgen.so against the baseline in abi/ (abidiff), and the guard's own cases"
KGEN_ABI_LIB=target/release/libkgen.so scripts/abi.sh
scripts/abi.sh selftest

section "C ABI: tests/c natively, under valgrind and ASan+UBSan; the C examples (the shipped library)"
scripts/test-c.sh

section "sandbox/openapi.yaml as a contract: schemathesis over every operation, answers checked against the schemas"
scripts/test-contract.sh

section "sandbox console in headless Chromium: login, live request log, lifecycle, faults, CSRF"
scripts/test-console.sh

section "chaos soak, short runs: joins and leaves under faults on every route, all three dispatch modes, cancels, destroys in flight, checked against the sandbox's ledgers; the sandbox on one thread per core, then on one"
scripts/chaos.sh 20 16
# One serving thread more often drops a cancelled write before applying it: how a lost
# join of a player already in once showed up reported applied (RELIABILITY.md).
SANDBOX_WORKERS=1 scripts/chaos.sh 20 16

section "C++: kgen.hpp with g++ and clang, its tests under ASan+UBSan, the CMake package"
scripts/test-cpp.sh

section "C#: the Unity package's runtime and tests on Mono (NUnit), and the C# example"
scripts/test-csharp.sh

section "API reference: Doxygen (kgen.h) and rustdoc, warnings as errors"
scripts/docs.sh

section "packages: the SDK tarball, the UPM tarball and the Unreal zip, each installed and used"
scripts/package.sh "$KGEN_LIB_DIR"
scripts/test-packages.sh

section "release workflow (.github/workflows/release.yml) passes actionlint"
target/tools/bin/actionlint .github/workflows/release.yml

printf '\nall test layers passed in %d s\n' $((SECONDS - started))
