#!/usr/bin/env bash
# Builds the npm package `bounce-decoder` from the crate: its WebAssembly build, with the
# knowledge base's texts compiled in (`scripts/build-wasm.sh npm` into target/npm-pkg, skipped
# with SKIP_WASM_BUILD=1 when that is fresh), the package
# folder target/npm/package (scripts/npm-package.mjs), and the tarball made by `npm pack`
# in target/npm/ (its path is the last line printed). Then publint and
# @arethetypeswrong/cli check it. Publish with `npm publish target/npm/bounce-decoder-<v>.tgz`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ "${SKIP_WASM_BUILD:-0}" = 1 ] || bash scripts/build-wasm.sh npm
node scripts/npm-package.mjs
rm -f target/npm/bounce-decoder-*.tgz
TARBALL=$(cd target/npm && npm pack ./package --pack-destination . --silent | tail -n 1)
publint run target/npm/package --strict
# the package's entry: every rule; the element: a browser-only ES module, so require() of it
# is not offered (cjs-resolves-to-esm); the .wasm is an asset without types
attw "target/npm/$TARBALL" --entrypoints .
attw "target/npm/$TARBALL" --entrypoints ./element --ignore-rules cjs-resolves-to-esm
echo "$PWD/target/npm/$TARBALL"
