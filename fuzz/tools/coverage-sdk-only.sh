#!/usr/bin/env bash
# RUSTC_WRAPPER of scripts/fuzz.sh --sdk-coverage: the SDK, the URL parser and the fuzz
# targets keep libFuzzer's coverage counters; every other crate is built without them
# (still with the sanitizer and debug assertions). The runtime, HTTP and TLS crates hold
# ~80% of c_entry_points' counters, which libFuzzer scans after every execution, and
# their coverage is not what the targets explore.
rustc=$1
shift
case " $* " in
  *" --crate-name kgen "* | *" --crate-name url "* | *" --crate-name idna "* | \
    *" --crate-name c_entry_points "* | *" --crate-name decode_responses "* | \
    *" --crate-name error_body "* | *" --crate-name timestamp "*)
    exec "$rustc" "$@" ;;
esac
args=()
for a in "$@"; do
  [ "$a" = -Cpasses=sancov-module ] || args+=("$a")
done
exec "$rustc" "${args[@]}"
