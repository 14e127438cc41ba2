#!/usr/bin/env bash
# sandbox/openapi.yaml as a contract: schemathesis (from PyPI, pinned, installed by
# scripts/install-deps.sh under target/tools) generates requests for every operation of
# the description — valid ones and deliberately invalid ones — against
# target/release/kgen-sandbox, and checks every answer against the description:
# no undocumented 5xx, only documented statuses and content types, bodies that match
# their schemas, invalid requests refused and valid ones accepted. Allowances, each one
# narrow and explained, are in sandbox/schemathesis.toml.
#
#   scripts/test-contract.sh [max examples per operation, default 50]
#   (KGEN_CONTRACT_SEED picks another seed than the fixed one)
#
# Two sandboxes: the platform's operations (/s2s, /fe, /v3) run against one, the admin
# API (/sandbox) against another, so that faults and resets the generator injects through
# the admin API never land on the operations under test.
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${1:-50}
st=target/tools/schemathesis/bin/st
[ -x "$st" ] || { echo "schemathesis is missing: run scripts/install-deps.sh" >&2; exit 1; }
out=target/contract
mkdir -p "$out"
rm -f "$out"/*.junit.xml

run_schemathesis() {
  local name=$1
  shift
  "$st" --config-file sandbox/schemathesis.toml --no-color run sandbox/openapi.yaml \
    --url "$KGEN_BASE_URL" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection,positive_data_acceptance \
    --max-examples "$examples" --seed "${KGEN_CONTRACT_SEED:-20261204}" --workers 1 \
    --generation-database none --request-timeout 10 \
    --report junit --report-junit-path "$out/$name.junit.xml" "$@"
}

platform() {
  source scripts/sandbox.sh
  start_sandbox
  # A player token for /fe, a cookie session for /v3 (login answers 409 while it lasts).
  local token cookie
  token=$(curl -sf -X POST "$KGEN_BASE_URL/s2s/session" -H "x-client-id: $KGEN_CLIENT_ID" \
    -H "x-client-secret: $KGEN_CLIENT_SECRET" -d '{"user_id":"contract-player"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  cookie=$(curl -sf -D - -o /dev/null -X POST "$KGEN_BASE_URL/v3/session/login" \
    -H 'PRIVATE-TOKEN: demo-api-key' -d '{"userName":"demo","password":"demo-password"}' |
    sed -n 's/^set-cookie: \([^;]*\).*/\1/Ip')
  run_schemathesis platform --exclude-tag admin \
    -H "x-client-id: $KGEN_CLIENT_ID" -H "x-client-secret: $KGEN_CLIENT_SECRET" \
    -H "user-jwt-token: $token" -H "PRIVATE-TOKEN: demo-api-key" -H "Cookie: $cookie"
}

admin() {
  source scripts/sandbox.sh
  start_sandbox
  run_schemathesis admin --include-tag admin -H "x-admin-key: $KGEN_ADMIN_KEY"
}

started=$SECONDS
status=0
(platform) || status=1
(admin) || status=1
python3 - "$out" <<'EOF'
import pathlib, sys, xml.etree.ElementTree as ET
operations = failing = 0
for report in sorted(pathlib.Path(sys.argv[1]).glob("*.junit.xml")):
    for case in ET.parse(report).getroot().iter("testcase"):
        # One test case per operation ("METHOD /path"), and one for the stateful scenarios.
        operations += case.get("name", "").startswith(("GET ", "POST ", "DELETE "))
        failing += case.find("failure") is not None or case.find("error") is not None
print(f"contract: {operations} operations tested, {failing} test cases failing")
EOF
echo "contract layer: $((SECONDS - started)) s"
exit $status
