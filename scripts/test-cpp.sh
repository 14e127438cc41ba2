#!/usr/bin/env bash
# The C++ layer, against the real libkgen.so and a fresh sandbox:
#  1. tests/cpp built with g++ and clang++ at -std=c++17 -Wall -Wextra -Werror -pedantic:
#     the wrapper tests natively (g++) and with ASan+UBSan (clang++), and every
#     operation once more without exceptions (-fno-exceptions, as Unreal builds);
#  2. the package: scripts/install.sh into a scratch prefix, then examples/cpp
#     configured with CMake (find_package(kgen), kgen::kgen and kgen::kgen_static)
#     and with the README's pkg-config line, each build walking the journey;
#  3. the Unreal plugin's staging script, its layout checked against Build.cs, and
#     its C++ compiled against stand-in engine headers and run on them.
#
# Needs: cargo build --workspace --release (libkgen.so/.a, kgen-sandbox), g++,
# clang++ (+ libclang-rt for the sanitizers), cmake, pkg-config.
set -euo pipefail
cd "$(dirname "$0")/.."

lib=target/release
out=target/cpp-tests
[ -f "$lib/libkgen.so" ] && [ -f "$lib/libkgen.a" ] && [ -x "$lib/kgen-sandbox" ] || {
  echo "build first: cargo build --workspace --release" >&2; exit 1; }
mkdir -p "$out"

# shellcheck source=scripts/sandbox.sh
source scripts/sandbox.sh
start_sandbox

strict=(-std=c++17 -Wall -Wextra -Werror -pedantic -Wshadow -Iinclude -Ibindings/cpp -Iexamples/cpp)
# What engines turn on (Unreal: shadowing and undefined macros are errors, C++20 from 5.3).
pedantic=(-Wundef -Wconversion -Wsign-conversion -Wold-style-cast -Wnon-virtual-dtor)
link=(-L"$lib" -lkgen -lpthread -Wl,-rpath,"$PWD/$lib")
failed=0
run() { # name, then the command
  local name=$1; shift
  printf '\n-- %s\n' "$name"
  if ! "$@"; then echo "FAILED: $name"; failed=1; fi
}

printf '\n-- building tests/cpp (g++ and clang++, warnings as errors)\n'
g++ "${strict[@]}" -O2 tests/cpp/test_wrapper.cpp "${link[@]}" -o "$out/test_wrapper" & gcc_build=$!
clang++ "${strict[@]}" -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined tests/cpp/test_wrapper.cpp "${link[@]}" -o "$out/test_wrapper-asan"
wait $gcc_build
for cxx in g++ clang++; do
  $cxx "${strict[@]}" "${pedantic[@]}" -std=c++20 -fsyntax-only tests/cpp/test_no_exceptions.cpp
  $cxx "${strict[@]}" "${pedantic[@]}" -fno-exceptions tests/cpp/test_no_exceptions.cpp "${link[@]}" \
    -o "$out/test_no_exceptions-$cxx"
done

# One program may hold modules built with and without exceptions (a game and an
# Unreal module): their kgen:: inline functions must not share a symbol, or the
# linker keeps one body for both (an ODR violation).
kgen_symbols() { # object file -> its defined kgen:: symbols
  nm -C --defined-only "$1" | sed -n 's/^[0-9a-f]* [A-Za-z] \(kgen::.*\)$/\1/p' | sort -u
}
g++ "${strict[@]}" -c tests/cpp/test_wrapper.cpp -o "$out/with_exceptions.o"
g++ "${strict[@]}" -fno-exceptions -c tests/cpp/test_no_exceptions.cpp -o "$out/without_exceptions.o"
shared_symbols() {
  local both
  both=$(comm -12 <(kgen_symbols "$out/with_exceptions.o") <(kgen_symbols "$out/without_exceptions.o"))
  [ "$(kgen_symbols "$out/with_exceptions.o" | wc -l)" -gt 100 ] || { echo "no kgen:: symbols found"; return 1; }
  [ -z "$both" ] || { echo "kgen:: symbols defined by both exception modes:"; head <<<"$both"; return 1; }
}
run "modules with and without exceptions share no kgen:: symbol" shared_symbols

run "test_wrapper (g++)" "$out/test_wrapper"
run "test_wrapper (clang++, ASan+UBSan)" env ASAN_OPTIONS=detect_leaks=1 "$out/test_wrapper-asan"
for cxx in g++ clang++; do
  run "test_no_exceptions ($cxx)" "$out/test_no_exceptions-$cxx"
done

# The package, consumed the way a game server's build would.
prefix="$PWD/$out/prefix"
rm -rf "$prefix" "$out/example"
scripts/install.sh "$prefix"
cmake -S examples/cpp -B "$out/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="-Wall -Wextra -Werror" >/dev/null
cmake --build "$out/example" -j2 >/dev/null
# ldd's output is read whole: with pipefail, `ldd | grep -q` fails (or, negated,
# passes) whenever grep exits before ldd has written everything.
links_installed() { grep -q "$prefix/lib/libkgen.so" <<<"$(ldd "$1")"; }
links_nothing() { ! grep -q libkgen <<<"$(ldd "$1")"; }
run "examples/cpp links the installed libkgen.so" links_installed "$out/example/journey"
run "examples/cpp journey (kgen::kgen)" "$out/example/journey"
run "examples/cpp journey_static has no libkgen.so dependency" links_nothing "$out/example/journey_static"
run "examples/cpp journey (kgen::kgen_static)" "$out/example/journey_static"
# The README's pkg-config line, verbatim but for the output path.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
(cd examples/cpp && c++ -std=c++17 journey.cpp $(pkg-config --cflags --libs kgen) \
  -Wl,-rpath,"$(pkg-config --variable=libdir kgen)" -o "../../$out/journey-pkgconfig")
run "examples/cpp journey (pkg-config)" "$out/journey-pkgconfig"

# No engine here: the plugin is staged and its layout checked against Build.cs, then
# its C++ compiled against stand-in engine headers and run on them (bindings/unreal/README.md).
run "Unreal plugin: staging and layout" bindings/unreal/check-layout.sh "$out/unreal"
run "Unreal plugin: compiled against stand-in engine headers, run against the sandbox" \
  bindings/unreal/check-compile.sh "$out/unreal/KGen" "$out/unreal-compile"

exit $failed
