#!/usr/bin/env bash
# Builds the Linux libraries that ship (libkgen.so and libkgen.a) against glibc 2.17,
# so they load on every distribution a game runs on (the Steam Linux Runtime, Ubuntu
# 20.04, RHEL/CentOS 7 and 8), and checks the .so: no GLIBC_ symbol version above
# 2.17, only kgen_* exported, SONAME libkgen.so. Prints the directory that holds them.
#
#   scripts/build-shipped.sh      (tools from scripts/install-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

glibc=2.17
triple=x86_64-unknown-linux-gnu
tools=$PWD/target/tools
export CARGO_ZIGBUILD_ZIG_PATH=$tools/ziglang/zig
# The `shipped` profile (Cargo.toml): size-optimised, fat LTO. Only the two crate types
# that ship: with `rlib` in the same compilation rustc keeps every Rust symbol external,
# so LTO can neither drop nor inline them (0.9 MB more, bench/README.md).
"$tools/bin/cargo-zigbuild" rustc --profile shipped --locked --quiet -p kgen-sdk --lib \
  --crate-type cdylib,staticlib --target "$triple.$glibc" >&2
dir=target/$triple/shipped
so=$dir/libkgen.so

newest=$(objdump -T "$so" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
if [ "$(printf '%s\n%s\n' "$newest" "$glibc" | sort -V | tail -1)" != "$glibc" ]; then
  echo "$so needs GLIBC_$newest; it must load with glibc $glibc" >&2
  exit 1
fi
exports=$(nm -D --defined-only "$so" | awk '{print $3}')
foreign=$(grep -v '^kgen_' <<<"$exports" || true)
[ -z "$foreign" ] || { echo "$so exports non-kgen symbols:"; echo "$foreign"; exit 1; } >&2
soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libkgen.so ] || { echo "$so has SONAME '$soname'" >&2; exit 1; }
echo "shipped $so: newest glibc symbol GLIBC_$newest (<= $glibc), $(wc -l <<<"$exports") kgen_* exports, SONAME $soname" >&2
echo "$dir"
