#!/usr/bin/env bash
# Builds the API reference as HTML into target/docs/ (the C/C++ SDK package ships it
# under share/doc/kgen/):
#   target/docs/c/index.html            the C API: Doxygen over include/kgen.h (docs/Doxyfile)
#   target/docs/rust/kgen/index.html    the Rust API: rustdoc of the kgen crate
#   target/docs/index.html              a page linking both
# Any warning of either fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/docs
rm -rf "$out" target/docs-build
mkdir -p "$out" target/docs-build/doxygen

doxygen docs/Doxyfile
cp -r target/docs-build/doxygen/html "$out/c"

RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --locked --quiet
cp -r target/doc "$out/rust"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
cat >"$out/index.html" <<EOF
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kgen $version API reference</title></head>
<body>
<h1>kgen $version API reference</h1>
<ul>
<li><a href="c/index.html">C API</a> (kgen.h; C++ users: kgen.hpp wraps it)</li>
<li><a href="rust/kgen/index.html">Rust API</a> (the kgen crate)</li>
<li><a href="rust/kgen_sandbox/index.html">kgen-sandbox</a> (the local platform emulator)</li>
</ul>
</body></html>
EOF
echo "API reference in $out/index.html"
