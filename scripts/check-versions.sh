#!/usr/bin/env bash
# One version everywhere a user reads it: Cargo.toml (the crate and the sandbox), the
# header's KGEN_VERSION_* macros, kgen_version() of the built library, the Unity
# package.json and its C# BindingVersion, the Unreal KGen.uplugin, and a section of CHANGELOG.md.
#   scripts/check-versions.sh [LIBRARY]   (default target/release/libkgen.so)
set -euo pipefail
cd "$(dirname "$0")/.."
lib=${1:-target/release/libkgen.so}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
failed=0
same() { # where, what it says
  if [ "$2" = "$version" ]; then echo "  ok    $1: $2"; else echo "  FAIL  $1 says '$2', Cargo.toml $version"; failed=1; fi
}
define() { sed -n "s/^#define $1 \(.*\)$/\1/p" include/kgen.h; }

echo "version $version:"
same "sandbox/Cargo.toml" "$(grep -q '^version.workspace = true' sandbox/Cargo.toml && echo "$version" || echo other)"
same "kgen.h KGEN_VERSION_STRING" "$(define KGEN_VERSION_STRING | tr -d '"')"
same "kgen.h KGEN_VERSION_MAJOR.MINOR.PATCH" "$(define KGEN_VERSION_MAJOR).$(define KGEN_VERSION_MINOR).$(define KGEN_VERSION_PATCH)"
same "kgen.h KGEN_VERSION_NUMBER" "$(( $(define KGEN_VERSION_NUMBER) / 1000000 )).$(( $(define KGEN_VERSION_NUMBER) / 1000 % 1000 )).$(( $(define KGEN_VERSION_NUMBER) % 1000 ))"
same "kgen_version() of $lib" "$(python3 -c 'import ctypes,sys; f=ctypes.CDLL(sys.argv[1]).kgen_version; f.restype=ctypes.c_char_p; print(f().decode())' "$lib")"
same "bindings/unity/package.json" "$(sed -n 's/^  "version": "\(.*\)",$/\1/p' bindings/unity/package.json)"
same "bindings/unity/Runtime/KgenSdk.cs BindingVersion" "$(sed -n 's/.*BindingVersion = "\(.*\)";/\1/p' bindings/unity/Runtime/KgenSdk.cs)"
same "bindings/unreal/KGen/KGen.uplugin VersionName" "$(sed -n 's/^\t"VersionName": "\(.*\)",$/\1/p' bindings/unreal/KGen/KGen.uplugin)"
# Unreal compares the integer Version to offer updates: it must grow with every release.
uplugin_version=$(sed -n 's/^\t"Version": \([0-9]*\),$/\1/p' bindings/unreal/KGen/KGen.uplugin)
same "KGen.uplugin Version ($uplugin_version = MAJOR*10000+MINOR*100+PATCH)" \
  "$((uplugin_version / 10000)).$((uplugin_version / 100 % 100)).$((uplugin_version % 100))"
# The CMake example (and the package README) ask for the current version line.
for f in examples/cpp/CMakeLists.txt packaging/README.md; do
  asked=$(sed -n 's/.*find_package(kgen \([0-9.]*\) CONFIG.*/\1/p' "$f")
  same "$f find_package(kgen $asked)" "$asked.${version##*.}"
done
if grep -qE "^## \[$version\]" CHANGELOG.md; then echo "  ok    CHANGELOG.md has [$version]"
else echo "  FAIL  CHANGELOG.md has no '## [$version]' section"; failed=1; fi
exit $failed
