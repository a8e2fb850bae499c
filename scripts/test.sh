#!/usr/bin/env bash
# Runs every test of bounce-decoder on a fresh or warm machine: installs what is missing,
# then formatting, lints (native and wasm32), Rust tests (including the accuracy corpus),
# wasm tests under Node, the page's wasm build and its size budget, the npm package's wasm
# build, the npm package (built, linted, installed into fresh projects), and the page's
# end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n=== %s\n' "$*"; }

step "setup";                bash scripts/setup.sh
step "cargo fmt --check";    cargo fmt --check
step "clippy (native)";      cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)";      cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features talc -- -D warnings
step "cargo test";           cargo test
step "wasm tests (Node)";    wasm-pack test --node . --no-default-features --test wasm
step "wasm build (the page)"; bash scripts/build-wasm.sh
step "size budget (the page's wasm and first visit)"; node scripts/size-budget.mjs
step "wasm build (the npm package, with the texts)"; bash scripts/build-wasm.sh npm
step "npm package (publint, attw)"; SKIP_WASM_BUILD=1 bash scripts/build-npm.sh
step "npm package as users install it (Node, Vite, plain page, tsc)"; node --test tests/npm/
step "page tests (Chromium)"; node --test tests/e2e/
