# Sourced by the scripts that run something against the sandbox.
#
#   start_sandbox [extra kgen-sandbox flags...]
#
# starts target/release/kgen-sandbox on a free port with demo data, waits for its
# first stdout line ("listening on http://HOST:PORT"), exports KGEN_BASE_URL,
# KGEN_CLIENT_ID, KGEN_CLIENT_SECRET and KGEN_ADMIN_KEY, and stops the server when
# the calling script exits.

start_sandbox() {
  local bin=${KGEN_SANDBOX_BIN:-target/release/kgen-sandbox}
  local dir
  dir=$(mktemp -d)
  mkfifo "$dir/out"
  export KGEN_CLIENT_ID=${KGEN_CLIENT_ID:-demo-client}
  export KGEN_CLIENT_SECRET=${KGEN_CLIENT_SECRET:-demo-secret}
  export KGEN_ADMIN_KEY=${KGEN_ADMIN_KEY:-sandbox-admin}
  "$bin" --port 0 --demo --quiet --admin-key "$KGEN_ADMIN_KEY" \
    --client-id "$KGEN_CLIENT_ID" --client-secret "$KGEN_CLIENT_SECRET" "$@" >"$dir/out" &
  SANDBOX_PID=$!
  trap 'kill "$SANDBOX_PID" 2>/dev/null; wait "$SANDBOX_PID" 2>/dev/null; rm -rf "'"$dir"'"' EXIT
  local line
  exec 9<"$dir/out"
  if ! read -r -t 30 line <&9 || [[ $line != "listening on http://"* ]]; then
    echo "kgen-sandbox did not start (first line: '${line:-}')" >&2
    return 1
  fi
  # Keep draining its stdout so the server never blocks on a full pipe.
  cat <&9 >/dev/null &
  export KGEN_BASE_URL=${line#listening on }
}
