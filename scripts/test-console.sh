#!/usr/bin/env bash
# The sandbox console in a real browser: headless Chromium (Debian's chromium and
# chromium-driver, from scripts/install-deps.sh) driven over WebDriver by a small Python
# script (standard library only), against target/release/kgen-sandbox --demo, with the
# C quickstart as the SDK journey. Screenshots of every page: target/console-screenshots/.
#
#   scripts/test-console.sh            (after cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."

lib=$(realpath "${KGEN_LIB_DIR:-target/release}")
out=target/console-test
shots=target/console-screenshots
mkdir -p "$out"
rm -rf "$shots"

cc -Iinclude examples/c/quickstart.c -L"$lib" -lkgen -lpthread -Wl,-rpath,"$lib" \
  -o "$out/quickstart"

source scripts/sandbox.sh
start_sandbox

rm -rf "$out/quickstart-outbox"
KGEN_OUTBOX_DIR=$out/quickstart-outbox KGEN_QUICKSTART=$out/quickstart KGEN_SCREENSHOTS=$shots \
  python3 sandbox/tests/browser/console.py
