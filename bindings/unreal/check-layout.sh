#!/usr/bin/env bash
# What can be checked of the Unreal plugin without an engine (see README.md):
# stages a copy of the plugin with stage.sh, then checks the descriptor (with
# CMake's JSON parser), that the staged headers and library are the tested
# ones, and runs the Build.cs rules for every platform under Mono
# (check/CheckBuildRules.cs, which also reads the APL file as XML). It does
# not compile the plugin's C++.
#   bindings/unreal/check-layout.sh [SCRATCH_DIR [PLUGIN_ZIP]]   (default: target/unreal-check)
# With PLUGIN_ZIP (scripts/package.sh's), checks the plugin unpacked from it instead
# of a fresh staging. The staged libkgen.so must equal the one stage.sh picks.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=$(realpath -m "${1:-target/unreal-check}")
zip=${2:+$(realpath "$2")}
# The library stage.sh stages: KGEN_LIB_DIR, else the cross-built (shipped) one, else the host's.
shipped=target/x86_64-unknown-linux-gnu/release
lib=${KGEN_LIB_DIR:-$([ -f "$shipped/libkgen.so" ] && echo "$shipped" || echo target/release)}
plugin="$scratch/KGen"
rm -rf "$scratch"
mkdir -p "$scratch"
if [ -n "$zip" ]; then
  unzip -q "$zip" -d "$scratch"
else
  cp -r bindings/unreal/KGen "$plugin"
  bindings/unreal/stage.sh "$plugin"
fi

failed=0
expect() { # description, then the command
  local what=$1; shift
  if "$@"; then echo "  ok    $what"; else echo "  FAIL  $what"; failed=1; fi
}

# The descriptor, read by CMake's JSON parser: "NAME TYPE" per module.
cat >"$scratch/modules.cmake" <<'CMAKE'
file(READ "${FILE}" json)
string(JSON count LENGTH "${json}" Modules)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" Modules ${i} Name)
  string(JSON type GET "${json}" Modules ${i} Type)
  message(NOTICE "${name} ${type}")
endforeach()
CMAKE
modules=$(cmake -DFILE="$plugin/KGen.uplugin" -P "$scratch/modules.cmake" 2>&1) || modules=""
expect "KGen.uplugin lists the KGen runtime module" grep -qx "KGen Runtime" <<<"$modules"
for m in $(cut -d' ' -f1 <<<"$modules"); do
  expect "module $m has Source/$m/$m.Build.cs" test -f "$plugin/Source/$m/$m.Build.cs"
done
expect "staged kgen.h is the repository's" cmp -s include/kgen.h "$plugin/Source/ThirdParty/KGenLibrary/include/kgen.h"
expect "staged kgen.hpp is the tested one" cmp -s bindings/cpp/kgen.hpp "$plugin/Source/ThirdParty/KGenLibrary/include/kgen.hpp"
staged=()
so="$plugin/Binaries/ThirdParty/KGenLibrary/Linux/x86_64-unknown-linux-gnu/libkgen.so"
if [ -f "$so" ]; then
  staged+=(Linux)
  expect "staged libkgen.so is the tested build" cmp -s "$lib/libkgen.so" "$so"
fi
# The plugin's own includes all resolve (engine headers are not checked).
unresolved() {
  local f inc
  for f in $(find "$plugin/Source/KGen" -name '*.h' -o -name '*.cpp'); do
    for inc in $(grep -ho '#include "KGen[A-Za-z]*\.h"' "$f" | sed 's/#include "\(.*\)"/\1/'); do
      [ -f "$plugin/Source/KGen/Public/$inc" ] || [ -f "$plugin/Source/KGen/Private/$inc" ] || echo "$f: $inc"
    done
  done
}
expect "every KGen*.h the plugin includes exists" test -z "$(unresolved)"

mcs -langversion:7.2 -nologo -r:System.Xml.dll -out:"$scratch/rules.exe" \
  bindings/unreal/check/UbtStandIn.cs bindings/unreal/check/CheckBuildRules.cs \
  "$plugin/Source/ThirdParty/KGenLibrary/KGenLibrary.Build.cs" "$plugin/Source/KGen/KGen.Build.cs"
mono "$scratch/rules.exe" "$plugin" "${staged[@]}" || failed=1
exit $failed
