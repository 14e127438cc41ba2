#!/usr/bin/env bash
# The packages of scripts/package.sh, installed and used the way their users would:
#  1. the C/C++ SDK tarball, unpacked and then moved (it must be relocatable):
#     examples/cpp configured with CMake find_package against it, built with kgen::kgen
#     and kgen::kgen_static, and run against the sandbox; the same program through
#     pkg-config; the shipped libkgen.so stripped, with its SONAME;
#  2. the UPM tarball, unpacked as Unity's "Add package from tarball" does: package.json
#     of this version, a .meta beside every asset and none without one, the Linux library
#     with its import settings; its runtime and tests compiled with Mono's mcs, and the
#     C# example run against the sandbox on the packaged native library;
#  3. the Unreal zip, unpacked and checked by bindings/unreal/check-layout.sh (descriptor,
#     staged headers and library, the Build.cs rules for every platform).
#
#   scripts/test-packages.sh      (after scripts/package.sh; needs target/release/kgen-sandbox)
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
sdk_tar=dist/kgen-sdk-$version-linux-x86_64.tar.gz
upm_tar=dist/com.kgen.sdk-$version.tgz
plugin_zip=dist/KGen-$version.zip
for f in "$sdk_tar" "$upm_tar" "$plugin_zip"; do
  [ -f "$f" ] || { echo "no $f: run scripts/package.sh first" >&2; exit 1; }
done
out=$PWD/target/package-tests
rm -rf "$out"
mkdir -p "$out"

failed=0
expect() { # description, then the command
  local what=$1; shift
  if "$@" >"$out/last.log" 2>&1; then echo "  ok    $what"; else echo "  FAIL  $what"; sed 's/^/        /' "$out/last.log"; failed=1; fi
}

# shellcheck source=scripts/sandbox.sh
source scripts/sandbox.sh
start_sandbox

printf -- '-- C/C++ SDK: %s\n' "$sdk_tar"
tar xzf "$sdk_tar" -C "$out"
mkdir -p "$out/moved"
mv "$out/kgen-sdk-$version-linux-x86_64" "$out/moved/sdk"
sdk=$out/moved/sdk
for f in include/kgen.h include/kgen.hpp lib/libkgen.so lib/libkgen.a lib/pkgconfig/kgen.pc \
         lib/cmake/kgen/kgenConfig.cmake lib/cmake/kgen/kgenConfigVersion.cmake README.md LICENSE CHANGELOG.md; do
  expect "has $f" test -f "$sdk/$f"
done
expect "kgen.h is the repository's" cmp include/kgen.h "$sdk/include/kgen.h"
for doc in share/doc/kgen/c/index.html share/doc/kgen/rust/kgen/index.html; do
  expect "README.md links $doc, which is there" bash -c '[ -f "$1/$2" ] && grep -q "$2" "$1/README.md"' _ "$sdk" "$doc"
done
no_debug_info() { ! grep -q '\.debug_info' <<<"$(readelf -S "$sdk/lib/libkgen.so")"; }
expect "libkgen.so carries no debug info" no_debug_info
soname() { grep -q 'SONAME.*\[libkgen.so\]' <<<"$(readelf -d "$sdk/lib/libkgen.so")"; }
expect "libkgen.so has the SONAME libkgen.so" soname
build_example() {
  cmake -S examples/cpp -B "$out/example" -DCMAKE_PREFIX_PATH="$sdk" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-Wall -Wextra -Werror" && cmake --build "$out/example" -j2
}
expect "examples/cpp builds with find_package(kgen) from the moved SDK" build_example
links_sdk() { grep -q "$sdk/lib/libkgen.so" <<<"$(ldd "$out/example/journey")"; }
expect "journey links the SDK's libkgen.so" links_sdk
expect "journey (kgen::kgen) walks the journey" timeout 120 "$out/example/journey"
expect "journey_static (kgen::kgen_static) walks the journey" timeout 120 "$out/example/journey_static"
pkg_config_build() {
  (cd examples/cpp && PKG_CONFIG_PATH="$sdk/lib/pkgconfig" c++ -std=c++17 journey.cpp \
    $(PKG_CONFIG_PATH="$sdk/lib/pkgconfig" pkg-config --cflags --libs kgen) -Wl,-rpath,"$sdk/lib" \
    -o "$out/journey-pkgconfig")
}
expect "examples/cpp builds with pkg-config from the moved SDK" pkg_config_build
expect "journey (pkg-config) walks the journey" timeout 120 "$out/journey-pkgconfig"

printf -- '\n-- Unity package: %s\n' "$upm_tar"
mkdir -p "$out/upm"
tar xzf "$upm_tar" -C "$out/upm"
pkg=$out/upm/package
json_version() { grep -q "^  \"version\": \"$version\",$" "$pkg/package.json"; }
expect "package/package.json is com.kgen.sdk $version" json_version
metas_pair() {
  local bad=0 f
  while IFS= read -r -d '' f; do [ -f "$f.meta" ] || { echo "no $f.meta"; bad=1; }; done \
    < <(find "$pkg" -mindepth 1 \( -name '.*' -o -name '*~' \) -prune -o ! -name '*.meta' -print0)
  while IFS= read -r -d '' f; do [ -e "${f%.meta}" ] || { echo "orphan $f"; bad=1; }; done \
    < <(find "$pkg" -name '*.meta' -print0)
  return $bad
}
expect "every asset has its .meta, no .meta lacks its asset" metas_pair
native=$pkg/Runtime/Plugins/Linux/x86_64
expect "the Linux library is the SDK's" cmp "$sdk/lib/libkgen.so" "$native/libkgen.so"
linux_import() { grep -q 'Exclude Linux64: 0' "$native/libkgen.so.meta"; }
expect "its import settings include Linux" linux_import
mcs=(mcs -langversion:7.2 -unsafe -warnaserror+ -nologo)
nunit=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll
compile_upm() {
  "${mcs[@]}" -target:library -out:"$out/Kgen.Runtime.dll" -recurse:"$pkg/Runtime/*.cs" &&
  "${mcs[@]}" -target:library -out:"$out/Kgen.Tests.dll" -r:"$out/Kgen.Runtime.dll" -r:"$nunit" \
    -r:System.Core -recurse:"$pkg/Tests/*.cs" &&
  "${mcs[@]}" -target:exe -out:"$out/Quickstart.exe" -r:"$out/Kgen.Runtime.dll" \
    examples/csharp/Quickstart.cs "$pkg/Tests/Runtime/Support/SandboxAdmin.cs"
}
expect "its runtime, tests and the C# example compile with mcs" compile_upm
expect "the C# example runs on the packaged native library" \
  env LD_LIBRARY_PATH="$native" timeout 120 mono "$out/Quickstart.exe"

printf -- '\n-- Unreal plugin: %s\n' "$plugin_zip"
expect "KGen/LICENSE is in the zip" grep -qx 'KGen/LICENSE' <<<"$(unzip -Z1 "$plugin_zip")"
KGEN_LIB_DIR="$sdk/lib" bindings/unreal/check-layout.sh "$out/unreal" "$plugin_zip" || failed=1

exit $failed
