#!/usr/bin/env bash
# Compiles every .cpp of the Unreal plugin against stand-in engine headers
# (check/engine/, see UnrealStandIn.h) and runs the plugin on them:
#
#   bindings/unreal/check-compile.sh STAGED_PLUGIN_DIR [SCRATCH_DIR]
#
# STAGED_PLUGIN_DIR is a plugin staged by stage.sh (check-layout.sh makes one):
# its sources, headers and libkgen.so are the ones compiled and loaded.
#  1. check/uht_standin.py writes the .generated.h files and refuses what UHT
#     would (and what this plugin has got wrong before); check/hidden_members.py
#     finds names that hide a class member (MSVC C4458, which g++ and clang miss);
#  2. Source/KGen/Private/*.cpp with g++ and clang++, C++17 and C++20, editor
#     and game builds, at -Wall -Wextra -Wshadow -Wundef -Werror (Unreal 5.1+
#     makes shadowing an error on every compiler: MSVC C4456-C4459);
#  3. check/PluginRun.cpp: the plugin's module, subsystem and Blueprint nodes
#     in game instances against the sandbox (KGEN_BASE_URL, KGEN_CLIENT_ID,
#     KGEN_CLIENT_SECRET), built with clang++ and ASan+UBSan.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(realpath "$1")
scratch=$(realpath -m "${2:-$here/../../target/unreal-compile}")
source_dir="$plugin/Source/KGen"
lib_dir="$plugin/Binaries/ThirdParty/KGenLibrary/Linux/x86_64-unknown-linux-gnu"
rm -rf "$scratch"
mkdir -p "$scratch/uht"

python3 "$here/check/uht_standin.py" "$source_dir" "$scratch/uht"
python3 "$here/check/hidden_members.py" "$source_dir"

includes=(-I"$here/check/engine" -I"$scratch/uht" -I"$source_dir/Public" -I"$source_dir/Private"
  -isystem "$plugin/Source/ThirdParty/KGenLibrary/include")
warnings=(-Wall -Wextra -Wshadow -Wundef -Wnon-virtual-dtor -Werror)
sources=("$source_dir"/Private/*.cpp)

compile() { # compiler, standard, WITH_EDITOR
  local cxx=$1 std=$2 editor=$3 objects="$scratch/$1-$2-editor$3"
  mkdir -p "$objects"
  for source in "${sources[@]}"; do
    "$cxx" -std="$std" "${warnings[@]}" -DWITH_EDITOR="$editor" "${includes[@]}" -c "$source" \
      -o "$objects/$(basename "${source%.cpp}").o"
  done
  echo "  ok    ${#sources[@]} sources with $cxx -std=$std, WITH_EDITOR=$editor"
}
compile g++ c++17 1 &
gcc17=$!
compile clang++ c++17 0
compile g++ c++20 0
wait $gcc17

# The run build (C++20, editor) with the sanitizers; the library is the staged one.
run="$scratch/PluginRun"
clang++ -std=c++20 "${warnings[@]}" -DWITH_EDITOR=1 "${includes[@]}" -O1 -g \
  -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
  "${sources[@]}" "$here/check/engine/UnrealStandIn.cpp" "$here/check/PluginRun.cpp" \
  -L"$lib_dir" -lkgen -ldl -lpthread -Wl,-rpath,"$lib_dir" -o "$run"
echo "  ok    PluginRun built with clang++ -std=c++20, ASan+UBSan"
# The stand-in's Saved/ (the outbox lives there), fresh for each run.
STANDIN_SAVED_DIR="$scratch/Saved" ASAN_OPTIONS=detect_leaks=0 "$run" "$plugin"
