#!/usr/bin/env bash
# What the process's allocator costs the C clients of bench/compare.sh: each one run with
# glibc's malloc and with mimalloc preloaded (LD_PRELOAD), back to back; the pair's order
# and the clients' order are reversed every other round. Not part of CI.
#
#   bench/setup.sh          (once: also installs Debian's libmimalloc2.0)
#   bench/allocator.sh      (ROUNDS=16 N=20000 INFLIGHT=64 NO_BUILD= SDK_LIB_DIR=target/release
#                            MIMALLOC=libmimalloc.so.2 as ldconfig finds it)
#
# Prints per route and client, min / median / max over rounds: CPU per request with
# mimalloc / with glibc's malloc, and each against libcurl's tight loop on glibc's malloc
# (goal 1's peer) and on mimalloc.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-16} n=${N:-20000}
mimalloc=${MIMALLOC:-$(ldconfig -p | awk '/libmimalloc\.so\.2 / {print $NF; exit}')}
[ -r "$mimalloc" ] || { echo "no libmimalloc.so.2: run bench/setup.sh" >&2; exit 1; }
source bench/clients.sh

clients=(curl curl-frame sdk-immediate sdk-wait sdk-frame sdk-driven)
results=$out/allocator.txt
: >"$results"
for round in $(seq "$rounds"); do
  order=("${clients[@]}") pair=(glibc mimalloc)
  if (( round % 2 == 0 )); then
    mapfile -t order < <(printf '%s\n' "${clients[@]}" | tac)
    pair=(mimalloc glibc)
  fi
  for op in get post; do
    for c in "${order[@]}"; do
      for a in "${pair[@]}"; do
        preload=""
        [ "$a" = glibc ] || preload=$mimalloc
        wrap=(env "LD_PRELOAD=$preload")
        read -r _ cpu failed < <(client "$c" "$op" "$n")
        [ "$failed" = 0 ] || echo "  round $round $c $op $a: $failed failed" >&2
        echo "$round $op $c $a $cpu" >>"$results"
      done
    done
  done
  echo "round $round done" >&2
done

printf '\nCPU per request: min / median / max over %s rounds of %s requests, %s in flight\n' \
  "$rounds" "$n" "$inflight"
python3 - "$results" "${clients[@]}" <<'PY'
import sys
sys.path.insert(0, "bench")
from ratios import rounds, ratio
for op in ("get", "post"):
    by = rounds(sys.argv[1], op)
    for c in sys.argv[2:]:
        print(f"  {op:4} {c:13} mimalloc/glibc {ratio(by, (c, 'mimalloc'), (c, 'glibc'))}"
              f"   vs libcurl on glibc: glibc {ratio(by, (c, 'glibc'), ('curl', 'glibc'))},"
              f" mimalloc {ratio(by, (c, 'mimalloc'), ('curl', 'glibc'))}"
              f"   mimalloc vs libcurl on mimalloc {ratio(by, (c, 'mimalloc'), ('curl', 'mimalloc'))}")
PY
