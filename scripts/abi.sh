#!/usr/bin/env bash
# The C ABI guard: compares libkgen.so's public ABI with the committed baseline in abi/.
#
#   scripts/abi.sh [check]    fail on a break of the ABI within the current version line
#   scripts/abi.sh update     record the current ABI as the baseline (after a review)
#   scripts/abi.sh selftest   run the check on changed copies of the baseline: reordered
#                             fields, a changed enumerator, ... must fail; growth must pass
#
# What counts: the functions kgen.h declares and every type they reach, read by
# libabigail's abidw from the DWARF of the release build (Cargo.toml gives the SDK
# crate full debug info; packages strip it), reduced by scripts/abi_filter.py; and the
# values of the header's #define constants, which have no DWARF. A break is a removed
# or changed function, a removed or changed constant or enumerator value, a struct
# whose members moved or whose size changed - except the structs abi/grow-at-end.txt lets
# grow at the end (those behind struct_size, and those the SDK allocates and hands
# out by pointer only). Added functions, enumerators and constants are growth: they
# pass, and `update` records them.
#
# A break needs a new version line: 1.x -> 2.0.0 (while 0.x, as Cargo reads versions:
# 0.1.x -> 0.2.0). The check fails until the baseline is of the current line, and
# `update` refuses to record a break within one. Regeneration is deterministic: the
# same ABI gives the same files, byte for byte.
#
# The library checked is KGEN_ABI_LIB (default target/release/libkgen.so, built here
# by the same command as CI).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-check}
case "$mode" in check|update|selftest) ;; *) echo "usage: scripts/abi.sh [check|update|selftest]" >&2; exit 2 ;; esac
lib=${KGEN_ABI_LIB:-target/release/libkgen.so}
baseline=abi/libkgen.abi.xml
constants=abi/constants.txt
version_file=abi/version
work=target/abi
mkdir -p "$work" abi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
# The version line within which the ABI only grows: the major version, or 0.MINOR.
line_of() { local v=$1; [ "${v%%.*}" = 0 ] && cut -d. -f1-2 <<<"$v" || echo "${v%%.*}"; }

# Prints what breaks OLD_XML OLD_CONSTANTS in NEW_XML NEW_CONSTANTS; empty when nothing does.
breaks() {
  local out rc=0
  # Constants: each recorded one keeps its value (new ones may appear).
  LC_ALL=C join -a1 -e MISSING -o 1.1,1.2,2.2 "$2" "$4" \
    | awk '$2 != $3 { print "  constant " $1 ": was " $2 ", now " $3 }'
  # Types and functions: abidiff without the added functions (growth), after the
  # structs allowed to grow are cut back to their old members where those are intact.
  # Harmless changes such as appended enumerators are not reported by default.
  python3 scripts/abi_filter.py --grown "$1" "$3" abi/grow-at-end.txt >"$work/projected.xml"
  out=$(abidiff --no-added-syms "$1" "$work/projected.xml" 2>&1) || rc=$?
  # Bits 1 and 2 are abidiff's own errors, not findings.
  if (( rc & 3 )); then echo "abidiff failed ($rc): $out" >&2; exit 2; fi
  [ "$rc" -eq 0 ] || sed 's/^/  /' <<<"$out"
}

record() {
  cp "$work/current.xml" "$baseline"
  cp "$work/constants.txt" "$constants"
  echo "$version" >"$version_file"
  echo "recorded the ABI of $version in abi/ ($(grep -c '<function-decl' "$baseline") functions, $(wc -l <"$constants") constants)"
}

if [ "$mode" = selftest ]; then
  rm -rf "$work/selftest"
  python3 scripts/abi_selftest.py "$baseline" "$constants" "$work/selftest"
  failed=0
  for case in "$work"/selftest/*/; do
    expected=$(cat "$case/expect")
    found=$(breaks "$case/old.xml" "$case/old.txt" "$case/new.xml" "$case/new.txt") || exit $?
    verdict=$([ -n "$found" ] && echo break || echo pass)
    if [ "$verdict" = "$expected" ]; then echo "  ok    $(basename "$case"): $verdict"
    else echo "  FAIL  $(basename "$case"): $verdict, expected $expected"; echo "$found"; failed=1; fi
  done
  exit $failed
fi

[ -n "${KGEN_ABI_LIB:-}" ] || cargo build --workspace --release --locked --quiet
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed --drop-undefined-syms \
  --type-id-style hash "$lib" >"$work/raw.xml"
python3 scripts/abi_filter.py include/kgen.h "$work/raw.xml" >"$work/current.xml"
grep -E '^#define KGEN_[A-Z0-9_]+ ' include/kgen.h | grep -v '^#define KGEN_VERSION_' \
  | awk '{print $2, $3}' | LC_ALL=C sort >"$work/constants.txt"

if [ ! -f "$baseline" ]; then
  [ "$mode" = update ] || { echo "no ABI baseline: run scripts/abi.sh update" >&2; exit 1; }
  record; exit 0
fi

recorded=$(cat "$version_file")
found=$(breaks "$baseline" "$constants" "$work/current.xml" "$work/constants.txt") || exit $?
growth=$(abidiff "$baseline" "$work/current.xml" 2>&1 | grep -E '^  \[A\]|^ +.* at offset [0-9]+ \(in bits\)$' || true)
newer_constants=$(LC_ALL=C comm -13 "$constants" "$work/constants.txt")

if [ "$(line_of "$recorded")" != "$(line_of "$version")" ]; then
  if [ "$mode" = update ]; then record; exit 0; fi
  echo "The version is $version, the ABI baseline is of $recorded (another version line):" >&2
  echo "record the new line's ABI with scripts/abi.sh update, and say what broke in CHANGELOG.md." >&2
  exit 1
fi

if [ -n "$found" ]; then
  cat >&2 <<EOF
ABI BREAK: libkgen.so $version no longer matches the ABI recorded for $recorded (abi/).
$found

Programs built against the recorded kgen.h would misbehave with this library. Either
  - undo the change: append struct fields at the end of a struct that abi/grow-at-end.txt
    lets grow, add functions instead of changing them, never renumber a constant; or
  - make the break deliberate: raise the version to a new line in Cargo.toml (major, or
    0.MINOR while 0.x), run scripts/abi.sh update, and list the break in CHANGELOG.md.
If a listed struct only ever reaches callers by pointer (never by value or in an
array), growing it at the end is compatible: add it to abi/grow-at-end.txt, say why, and
run scripts/abi.sh update.
EOF
  exit 1
fi

if [ "$mode" = update ]; then record; exit 0; fi
if [ -n "$growth$newer_constants" ]; then
  echo "ABI grew since the baseline (compatible; scripts/abi.sh update records it):"
  [ -z "$growth" ] || echo "$growth"
  [ -z "$newer_constants" ] || sed 's/^/  [A] constant /' <<<"$newer_constants"
fi
echo "ABI of $version: compatible with the baseline of $recorded"
