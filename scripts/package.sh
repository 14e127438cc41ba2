#!/usr/bin/env bash
# Builds the three release packages into dist/:
#   kgen-sdk-VERSION-linux-x86_64.tar.gz  C/C++ SDK: include/, lib/ (libkgen.so, libkgen.a,
#                                         pkgconfig/, cmake/kgen/), docs, README, LICENSE
#   com.kgen.sdk-VERSION.tgz              the Unity package as a UPM tarball ("Add package
#                                         from tarball"), native libraries and .meta inside
#   KGen-VERSION.zip                      the Unreal plugin, ThirdParty binaries staged
#
#   scripts/package.sh [LIB_DIR]
#
# LIB_DIR (or KGEN_LIB_DIR) holds the Linux x86_64 libkgen.so and libkgen.a to ship;
# default target/release, built here first. Point it at another build (e.g. one
# linked against an older glibc) to package that one instead. Debug info is stripped
# from the shipped copies. Binaries of other platforms come from the release workflow:
# KGEN_UNITY_PLUGINS names a directory laid out like the package's Runtime/Plugins
# (Windows/x86_64/kgen.dll, macOS/kgen.bundle, iOS/libkgen.a, Android/<abi>/libkgen.so),
# and bindings/unreal/stage.sh finds cross builds under target/<triple>/release.
# The API reference (scripts/docs.sh, target/docs) goes into the SDK when built.
#
# Archives are reproducible: sorted, fixed owner and a fixed timestamp
# (SOURCE_DATE_EPOCH, default the last commit's).
set -euo pipefail
cd "$(dirname "$0")/.."

lib_dir=${1:-${KGEN_LIB_DIR:-}}
if [ -z "$lib_dir" ]; then
  # The same command as CI (a narrower build would unify features differently).
  cargo build --workspace --release --locked --quiet
  lib_dir=target/release
fi
for f in libkgen.so libkgen.a; do
  [ -f "$lib_dir/$f" ] || { echo "no $lib_dir/$f" >&2; exit 1; }
done

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
dist=$PWD/dist
work=$PWD/target/package
rm -rf "$work"
mkdir -p "$dist" "$work/lib"

# The shipped libraries, without debug info (the SONAME stays libkgen.so).
objcopy --strip-debug "$lib_dir/libkgen.so" "$work/lib/libkgen.so"
objcopy --strip-debug "$lib_dir/libkgen.a" "$work/lib/libkgen.a"

copy_tracked() { # directory of the repository, destination: its committed files only
  git ls-files -z "$1" | while IFS= read -r -d '' f; do
    mkdir -p "$(dirname "$2/${f#"$1"/}")"
    cp "$f" "$2/${f#"$1"/}"
  done
}

tarball() { # archive, directory to pack, its name inside the archive
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    --transform "s|^\.|$3|" -C "$2" -cf - . | gzip -n >"$1"
}

# 1. The C/C++ SDK: what scripts/install.sh installs, made relocatable, plus the docs.
sdk_name=kgen-sdk-$version-linux-x86_64
sdk=$work/$sdk_name
cmake -Wno-dev -S packaging -B "$work/cmake" -DCMAKE_INSTALL_PREFIX="$sdk" \
  -DKGEN_TARGET_DIR="$work/lib" >/dev/null
cmake --install "$work/cmake" >/dev/null
cp packaging/README.md "$sdk/README.md"
cp LICENSE CHANGELOG.md "$sdk/"
mkdir -p "$sdk/share/doc/kgen"
[ ! -d target/docs ] || cp -r target/docs/. "$sdk/share/doc/kgen/"
tarball "$dist/$sdk_name.tar.gz" "$sdk" "$sdk_name"

# 2. The Unity package: the committed files, the native libraries that exist, and only
#    the .meta files whose asset is there (Unity warns about a .meta without its asset).
upm=$work/upm
copy_tracked bindings/unity "$upm"
plugins=$upm/Runtime/Plugins
cp "$work/lib/libkgen.so" "$plugins/Linux/x86_64/libkgen.so"
[ -z "${KGEN_UNITY_PLUGINS:-}" ] || cp -r "$KGEN_UNITY_PLUGINS/." "$plugins/"
orphans() { find "$plugins" -name '*.meta' | while IFS= read -r m; do [ -e "${m%.meta}" ] || rm "$m"; done; }
orphans
while [ -n "$(find "$plugins" -mindepth 1 -type d -empty -print -quit)" ]; do
  find "$plugins" -mindepth 1 -type d -empty -delete
  orphans
done
upm_file=com.kgen.sdk-$version.tgz
tarball "$dist/$upm_file" "$upm" package

# 3. The Unreal plugin, staged with the same libraries.
plugin=$work/unreal/KGen
copy_tracked bindings/unreal/KGen "$plugin"
KGEN_LIB_DIR="$work/lib" bindings/unreal/stage.sh "$plugin" >/dev/null
cp LICENSE "$plugin/"
rm -f "$dist/KGen-$version.zip"
(cd "$work/unreal" && find KGen -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + &&
  find KGen -print | LC_ALL=C sort | zip -X -q -@ "$dist/KGen-$version.zip")

echo "packages of kgen $version (libraries from $lib_dir) in dist/:"
(cd "$dist" && ls -l "$sdk_name.tar.gz" "$upm_file" "KGen-$version.zip" | awk '{printf "  %-44s %6.1f MB\n", $9, $5/1048576}')
