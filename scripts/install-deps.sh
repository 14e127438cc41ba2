#!/usr/bin/env bash
# Installs what the test layers need on a Debian/Ubuntu machine: the C toolchain and
# valgrind for the C ABI tests, clang and CMake for the C++ layer, Mono and NUnit for
# the C# layer, wrk for the sandbox load figures. Safe to run again: it installs only
# what is missing.
set -euo pipefail

packages=(gcc g++ make clang libclang-rt-14-dev cmake pkg-config valgrind
          mono-mcs mono-runtime nunit-console libnunit-framework2.6.3-cil curl)

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
