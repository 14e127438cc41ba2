#!/usr/bin/env bash
# The demo: builds the SDK and the sandbox, starts the sandbox with demo data, and
# walks a player's whole journey through the C ABI (examples/c/quickstart.c).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sandbox.sh

cargo build --workspace --release
mkdir -p target/examples
cc -std=c11 -Wall -Wextra -Iinclude examples/c/quickstart.c -Ltarget/release -lkgen -lpthread \
   -o target/examples/quickstart
start_sandbox
echo "sandbox at $KGEN_BASE_URL"
# The client's outbox lives beside the build, not in a new directory under /tmp each run.
rm -rf target/examples/quickstart-outbox
KGEN_OUTBOX_DIR=target/examples/quickstart-outbox LD_LIBRARY_PATH=target/release \
  target/examples/quickstart
