#!/usr/bin/env bash
# Stages kgen's headers and libraries into the Unreal plugin, where
# KGenLibrary.Build.cs and KGenLibrary_APL.xml expect them:
#
#   bindings/unreal/stage.sh [PLUGIN_DIR]      (default: bindings/unreal/KGen)
#
#   Source/ThirdParty/KGenLibrary/include/        kgen.h, kgen.hpp
#   Binaries/ThirdParty/KGenLibrary/Linux/x86_64-unknown-linux-gnu/libkgen.so
#   Binaries/ThirdParty/KGenLibrary/Win64/kgen.dll, kgen.dll.lib
#   Binaries/ThirdParty/KGenLibrary/Mac/libkgen.dylib
#   Binaries/ThirdParty/KGenLibrary/Android/arm64-v8a/libkgen.so
#   Binaries/ThirdParty/KGenLibrary/Android/x86_64/libkgen.so      (emulators; optional)
#   Binaries/ThirdParty/KGenLibrary/IOS/libkgen.a
#
# Each library comes from cargo's release build for its target when it exists
# (target/release for this host; target/<triple>/release when cross-built, e.g.
# `cargo build --release -p kgen-sdk --target aarch64-linux-android`); platforms
# without a build are skipped and listed. KGEN_LIB_DIR overrides the Linux library.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
plugin=$(realpath -m "${1:-$root/bindings/unreal/KGen}")
[ -f "$plugin/KGen.uplugin" ] || { echo "no KGen.uplugin in $plugin" >&2; exit 1; }

include="$plugin/Source/ThirdParty/KGenLibrary/include"
bin="$plugin/Binaries/ThirdParty/KGenLibrary"
mkdir -p "$include"
cp "$root/include/kgen.h" "$root/bindings/cpp/kgen.hpp" "$include/"

host=""
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) host=x86_64-unknown-linux-gnu ;;
  Darwin-*) host=apple-darwin ;;
esac

# First existing file among the candidates, relative to the repository root.
first() { for f in "$@"; do [ -f "$root/$f" ] && { echo "$root/$f"; return; }; done; return 0; }

stage() { # platform, destination directory, files (absolute; first one decides)
  local platform=$1 dest=$2; shift 2
  if [ -z "${1:-}" ] || [ ! -f "$1" ]; then missing+=("$platform"); return; fi
  mkdir -p "$dest"
  cp "$@" "$dest/"
  staged+=("$platform")
}

staged=() missing=()
linux=$(first target/x86_64-unknown-linux-gnu/release/libkgen.so \
  $([ "$host" = x86_64-unknown-linux-gnu ] && echo target/release/libkgen.so))
# KGEN_LIB_DIR: the Linux x86_64 build to stage instead (e.g. scripts/package.sh's).
[ -z "${KGEN_LIB_DIR:-}" ] || linux=$(realpath "$KGEN_LIB_DIR/libkgen.so")
stage Linux "$bin/Linux/x86_64-unknown-linux-gnu" $linux
win=$(first target/x86_64-pc-windows-msvc/release/kgen.dll)
stage Win64 "$bin/Win64" $win ${win:+"${win%.dll}.dll.lib"}
mac=$(first target/universal-apple-darwin/release/libkgen.dylib target/aarch64-apple-darwin/release/libkgen.dylib \
  $([ "$host" = apple-darwin ] && echo target/release/libkgen.dylib))
stage Mac "$bin/Mac" $mac
stage Android "$bin/Android/arm64-v8a" $(first target/aarch64-linux-android/release/libkgen.so)
stage Android-x86_64 "$bin/Android/x86_64" $(first target/x86_64-linux-android/release/libkgen.so)
stage IOS "$bin/IOS" $(first target/aarch64-apple-ios/release/libkgen.a)

# A dylib must be found through the game's rpath, not the build machine's path.
if [[ " ${staged[*]} " == *" Mac "* ]] && command -v install_name_tool >/dev/null; then
  install_name_tool -id @rpath/libkgen.dylib "$bin/Mac/libkgen.dylib"
fi

echo "staged headers and ${staged[*]:-no libraries} into $plugin"
[ ${#missing[@]} -eq 0 ] || echo "no build for: ${missing[*]}"
