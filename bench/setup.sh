#!/usr/bin/env bash
# What the benchmarks need beyond scripts/install-deps.sh: the libcurl and cJSON headers
# of bench/compare.sh's C peer, mimalloc for bench/allocator.sh, valgrind for instruction
# counts, wrk for the sandbox.
set -euo pipefail
need=()
for p in libcurl4-openssl-dev libcjson-dev libmimalloc2.0 valgrind wrk jq; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ ${#need[@]} -eq 0 ] || { apt-get update -qq && apt-get install -y -qq "${need[@]}"; }
