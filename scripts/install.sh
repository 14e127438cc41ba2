#!/usr/bin/env bash
# Installs the release build as a C/C++ package (headers, shared and static library,
# pkg-config file, CMake package) under PREFIX (default: dist/).
#   scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(realpath -m "${1:-dist}")
cargo build --release -p kgen-sdk --quiet
cmake -S packaging -B target/packaging -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --install target/packaging >/dev/null
echo "installed kgen into $prefix"
