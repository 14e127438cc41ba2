#!/usr/bin/env bash
# Installs the release build as a C/C++ package (headers, shared and static library,
# pkg-config file, CMake package) under PREFIX (default: dist/).
#   scripts/install.sh [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(realpath -m "${1:-dist}")
# The same command as CI: a `-p kgen-sdk` build unifies features differently and, since
# libkgen.so/.a carry no hash in their names, would rebuild and replace the tested library.
cargo build --release --workspace --quiet
# -Wno-dev: GNUInstallDirs warns when the prefix changes in a project without languages.
cmake -Wno-dev -S packaging -B target/packaging -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --install target/packaging >/dev/null
echo "installed kgen into $prefix"
