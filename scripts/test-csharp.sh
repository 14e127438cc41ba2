#!/usr/bin/env bash
# The C# layer: checks the Unity package's layout, compiles its runtime and tests
# with Mono's mcs at C# 7.2 (so every supported Unity version compiles them), runs
# the NUnit tests on Mono against the release libkgen.so and a sandbox, then runs
# the C# example against the same sandbox.
#
# Needs: cargo build --release --workspace (libkgen.so and kgen-sandbox), and
# mono-mcs, mono-runtime, nunit-console and a C compiler for the struct layout
# check (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

lib=target/release
out=target/csharp
pkg=bindings/unity
nunit=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll
[ -f "$lib/libkgen.so" ] && [ -x "$lib/kgen-sandbox" ] || {
  echo "build first: cargo build --release --workspace" >&2; exit 1; }
mkdir -p "$out"

printf -- '-- package layout\n'
failed=0
fail() { echo "$*" >&2; failed=1; }
cargo_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
package_version=$(sed -n 's/^ *"version": *"\(.*\)",$/\1/p' "$pkg/package.json")
binding_version=$(sed -n 's/.*BindingVersion = "\(.*\)";/\1/p' "$pkg/Runtime/KgenSdk.cs")
[ "$package_version" = "$cargo_version" ] || fail "package.json version $package_version, Cargo.toml $cargo_version"
[ "$binding_version" = "$cargo_version" ] || fail "KgenSdk.BindingVersion $binding_version, Cargo.toml $cargo_version"
# Unity imports every file and folder except hidden ones and those ending in
# '~'; each needs a committed .meta with a stable GUID of its own.
while IFS= read -r -d '' asset; do
  [ -f "$asset.meta" ] || fail "missing $asset.meta"
done < <(find "$pkg" -mindepth 1 \( -name '.*' -o -name '*~' \) -prune -o ! -name '*.meta' -print0)
while IFS= read -r -d '' meta; do
  # The native binaries are built, not committed: their .meta waits for them.
  [ -e "${meta%.meta}" ] || [[ $meta == "$pkg/Runtime/Plugins/"* ]] || fail "orphan $meta"
  grep -Eq '^guid: [0-9a-f]{32}$' "$meta" || fail "no 32-hex guid in $meta"
done < <(find "$pkg" -name '*.meta' -print0)
dupes=$(grep -rh --include='*.meta' '^guid:' "$pkg" | sort | uniq -d)
[ -z "$dupes" ] || fail "GUIDs used twice: $dupes"
# The editor finds link.xml by its GUID when the package is copied under Assets/.
link_guid=$(sed -n 's/^guid: //p' "$pkg/Runtime/link.xml.meta")
grep -q "LinkXmlGuid = \"$link_guid\";" "$pkg/Editor/KgenLinkXml.cs" || fail "KgenLinkXml.cs does not name link.xml's GUID $link_guid"
[ "$failed" = 0 ] || exit 1
echo "version $cargo_version everywhere; $(find "$pkg" -name '*.meta' | wc -l) .meta files, GUIDs unique"

printf -- '\n-- compile (mcs -langversion:7.2)\n'
mcs=(mcs -langversion:7.2 -unsafe -warnaserror+ -debug -nologo)
"${mcs[@]}" -target:library -out:"$out/Kgen.Runtime.dll" -recurse:"$pkg/Runtime/*.cs"
"${mcs[@]}" -target:library -out:"$out/Kgen.Tests.dll" -r:"$out/Kgen.Runtime.dll" -r:"$nunit" \
  -r:System.Core -recurse:"$pkg/Tests/*.cs"
"${mcs[@]}" -target:exe -out:"$out/Quickstart.exe" -r:"$out/Kgen.Runtime.dll" \
  examples/csharp/Quickstart.cs "$pkg/Tests/Runtime/Support/SandboxAdmin.cs"
echo "Kgen.Runtime.dll, Kgen.Tests.dll, Quickstart.exe"

# Unity cannot run here. The package's Unity code (KgenDispatcher, Editor/, Samples~/)
# and every platform's #if branch compile against stand-ins of the UnityEngine and
# UnityEditor types it uses (tests/unity-standins): names, signatures and branches,
# not behaviour nor Unity's own compiler.
printf -- '\n-- Runtime/, Editor/ and Samples~/ against Unity stand-ins, per platform\n'
standins="$out/standins"
mkdir -p "$standins"
"${mcs[@]}" -target:library -out:"$standins/UnityEngine.dll" tests/unity-standins/UnityEngine.cs
"${mcs[@]}" -target:library -out:"$standins/UnityEditor.dll" -r:"$standins/UnityEngine.dll" \
  tests/unity-standins/UnityEditor.cs
for platform in "UNITY_EDITOR;UNITY_EDITOR_WIN;UNITY_STANDALONE_WIN" "UNITY_EDITOR;UNITY_EDITOR_OSX" \
    "UNITY_STANDALONE_LINUX" "UNITY_ANDROID" "UNITY_IOS" "UNITY_WEBGL"; do
  defines="UNITY_5_3_OR_NEWER;$platform"
  "${mcs[@]}" -define:"$defines" -target:library -out:"$standins/Kgen.Runtime.dll" \
    -r:"$standins/UnityEngine.dll" -recurse:"$pkg/Runtime/*.cs"
  "${mcs[@]}" -define:"$defines" -target:library -out:"$standins/Sample.dll" \
    -r:"$standins/UnityEngine.dll" -r:"$standins/Kgen.Runtime.dll" -recurse:"$pkg/Samples~/*.cs"
  if [[ $platform == UNITY_EDITOR* ]]; then
    "${mcs[@]}" -define:"$defines" -target:library -out:"$standins/Kgen.Editor.dll" \
      -r:"$standins/UnityEngine.dll" -r:"$standins/UnityEditor.dll" -r:"$standins/Kgen.Runtime.dll" \
      -recurse:"$pkg/Editor/*.cs"
  fi
  echo "  ok    $platform"
done

# DllImport("kgen") finds libkgen.so through the loader's search path.
export LD_LIBRARY_PATH="$PWD/$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# 100 requests in flight use that many sockets.
ulimit -n 4096 2>/dev/null || true

source scripts/sandbox.sh

printf -- '\n-- NUnit on Mono\n'
start_sandbox
# A bound, so that a hang fails the run instead of stalling CI.
KGEN_INCLUDE_DIR="$PWD/include" timeout 300 nunit-console "$out/Kgen.Tests.dll" -nologo -labels -xml="$out/TestResult.xml"

# IL2CPP cannot run here; Mono's full AOT is the closest stand-in: every method compiled
# ahead of time, no JIT at run time, so a reverse P/Invoke into a method that is not a
# static [MonoPInvokeCallback], or a generic instantiation nothing compiled, fails here
# too. NUnit's console runner needs a JIT; a small runner of the same tests does not.
printf -- '\n-- the same tests under Mono full AOT (no JIT, as IL2CPP)\n'
aot="$out/aot"
rm -rf "$aot" && mkdir -p "$aot"
"${mcs[@]}" -target:exe -out:"$aot/AotRunner.exe" -r:"$out/Kgen.Tests.dll" -r:"$nunit" -r:System.Core \
  tests/csharp-aot/AotRunner.cs
cp "$out/Kgen.Runtime.dll" "$out/Kgen.Tests.dll" "$nunit" "$aot/"
mono_lib=/usr/lib/mono/4.5
cp "$mono_lib/System.dll" "$mono_lib/System.Core.dll" "$mono_lib/System.Xml.dll" "$aot/"
aot_compile() { # assembly [MONO_PATH]
  MONO_PATH="${2:-}" mono --aot=full "$1" >"$aot/$(basename "$1").aot.log" 2>&1 ||
    { cat "$aot/$(basename "$1").aot.log"; exit 1; }
}
# mscorlib and what the runtime loads from the GAC are found only where Mono keeps
# them: their AOT images go beside them (once per machine).
for dll in "$mono_lib/mscorlib.dll" /usr/lib/mono/gac/{Mono.Security,System.Configuration,System.Security,System.Numerics}/4.0.0.0__*/*.dll; do
  [ -f "$dll.so" ] || aot_compile "$dll"
done
for dll in "$aot"/*.dll "$aot/AotRunner.exe"; do
  aot_compile "$dll" "$aot"
done
KGEN_INCLUDE_DIR="$PWD/include" MONO_PATH="$aot" timeout 300 mono --full-aot "$aot/AotRunner.exe"

printf -- '\n-- example: Quickstart.exe\n'
timeout 120 mono --debug "$out/Quickstart.exe"
