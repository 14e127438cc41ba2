#!/usr/bin/env bash
# Builds the native kgen library for this Linux x86_64 machine and puts it where
# the Unity package loads it from (Runtime/Plugins/Linux/x86_64/libkgen.so),
# without debug info. The commands for the other platforms are in
# bindings/unity/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=bindings/unity/Runtime/Plugins/Linux/x86_64
cargo build --release --lib --locked
mkdir -p "$dest"
objcopy --strip-debug target/release/libkgen.so "$dest/libkgen.so"
echo "$dest/libkgen.so ($(du -h "$dest/libkgen.so" | cut -f1), version $(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1))"
