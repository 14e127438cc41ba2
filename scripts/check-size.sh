#!/usr/bin/env bash
# The shipped libkgen.so stays at most 3 MB once stripped (what a game downloads); prints
# that size and the .a's. On failure it prints the sections, to show what grew.
# bench/README.md ("Library size") says what the library holds and what each feature costs.
#
#   scripts/check-size.sh DIR      (DIR from scripts/build-shipped.sh)
set -euo pipefail
dir=${1:?usage: scripts/check-size.sh DIR}
limit=3145728
stripped=$(mktemp)
trap 'rm -f "$stripped"' EXIT
strip -o "$stripped" "$dir/libkgen.so"
size=$(stat -c %s "$stripped")
echo "libkgen.so stripped: $size bytes (limit $limit); libkgen.a: $(stat -c %s "$dir/libkgen.a") bytes"
if ((size > limit)); then
  size -A "$stripped" | sort -k2 -nr | head -12 >&2
  echo "libkgen.so is above 3 MB stripped" >&2
  exit 1
fi
