#!/usr/bin/env bash
# Installs what building and testing bounce-decoder needs, skipping what is already there:
# the wasm32 target, wasm-pack, the wasm-bindgen CLI matching Cargo.lock, npm packages
# (binaryen's wasm-opt, playwright-core, vite, typescript, publint, attw, axe-core),
# Debian's python3 (for the corpus scorer) and Debian's chromium + chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-pack --version 2>/dev/null | grep -q '0.15.1'; then
  log "installing wasm-pack 0.15.1"
  cargo install --locked wasm-pack --version 0.15.1
fi

# the CLI must match the wasm-bindgen crate exactly; read the version from Cargo.lock
[ -f Cargo.lock ] || cargo generate-lockfile
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  # not --locked: its lock file pins a yanked crate (see README, Development)
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# every devDependency of package.json (wasm-opt, playwright-core, vite, typescript, publint,
# attw, axe-core): installed from package-lock.json when one is missing
missing_npm() {
  node -e 'const d = require("./package.json").devDependencies; const fs = require("fs");
    for (const [n, v] of Object.entries(d)) {
      let ok = false;
      try { ok = JSON.parse(fs.readFileSync(`node_modules/${n}/package.json`, "utf8")).version === v; } catch {}
      if (!ok) { console.log(n); process.exit(0); }
    }
    process.exit(1);'
}
if missing_npm >/dev/null; then
  log "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# the corpus test runs tests/corpus/score.py (standard library only)
if ! command -v python3 >/dev/null; then
  log "installing Debian python3"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 >/dev/null
fi

if [ "${SKIP_BROWSER:-0}" != 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  log "installing Debian chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
log "ready"
