#!/usr/bin/env bash
# Two builds of libkgen.so side by side: the SDK clients of bench/compare.sh run with build
# A and with build B back to back, libcurl's tight loop once a round; the pair's order is
# reversed every other round. How a change is measured against the build before it (the
# figures of bench/README.md's "Fewer blocks per request"). Not part of CI.
#
#   cp target/release/libkgen.so /tmp/a/    (the build before; then rebuild with the change)
#   bench/paired.sh /tmp/a target/release   (ROUNDS=12 N=20000 INFLIGHT=64 NO_BUILD=
#                                            MODES="sdk-frame sdk-wait sdk-immediate")
#
# Prints per route and client, min / median / max over rounds: CPU per request B / A, and
# A and B each against libcurl's tight loop in the same round.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] && [ -r "$1/libkgen.so" ] && [ -r "$2/libkgen.so" ] ||
  { echo "usage: bench/paired.sh DIR_A DIR_B (each holding a libkgen.so)" >&2; exit 2; }
builds=("$(realpath "$1")" "$(realpath "$2")")
rounds=${ROUNDS:-12} n=${N:-20000}
read -r -a modes <<<"${MODES:-sdk-frame sdk-wait sdk-immediate}"
source bench/clients.sh

results=$out/paired.txt
: >"$results"
for round in $(seq "$rounds"); do
  pair=(A B)
  (( round % 2 )) || pair=(B A)
  for op in get post; do
    read -r _ cpu _ < <(client curl "$op" "$n")
    echo "$round $op curl - $cpu" >>"$results"
    for c in "${modes[@]}"; do
      for build in "${pair[@]}"; do
        dir=${builds[0]}
        [ "$build" = A ] || dir=${builds[1]}
        wrap=(env "LD_LIBRARY_PATH=$dir")
        read -r _ cpu failed < <(client "$c" "$op" "$n")
        [ "$failed" = 0 ] || echo "  round $round $c $op $build: $failed failed" >&2
        echo "$round $op $c $build $cpu" >>"$results"
      done
    done
    wrap=()
  done
  echo "round $round done" >&2
done

printf '\nCPU per request: min / median / max over %s rounds of %s requests, %s in flight\n' \
  "$rounds" "$n" "$inflight"
python3 - "$results" "${modes[@]}" <<'PY'
import sys
sys.path.insert(0, "bench")
from ratios import rounds, ratio
for op in ("get", "post"):
    by = rounds(sys.argv[1], op)
    for c in sys.argv[2:]:
        print(f"  {op:4} {c:13} B/A {ratio(by, (c, 'B'), (c, 'A'), 3)}"
              f"   vs libcurl: A {ratio(by, (c, 'A'), ('curl', '-'), 3)},"
              f" B {ratio(by, (c, 'B'), ('curl', '-'), 3)}")
PY
