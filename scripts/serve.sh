#!/usr/bin/env bash
# Sets up, builds the WebAssembly package into www/pkg and serves www/ on a local address.
# PORT=8080 by default. Everything runs in your browser; the server only hands out files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
PORT="${PORT:-8080}"
echo "bounce-decoder is served at http://127.0.0.1:$PORT/  (Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www
