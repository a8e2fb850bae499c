#!/usr/bin/env bash
# Builds the WebAssembly package with the settings of wasm-pack.toml (target, output
# folder, features, opt-level, wasm-opt flags) into www/pkg, so www/ is a complete static site.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

read_setting() { # section key -> JSON value from wasm-pack.toml
  python3 - "$1" "$2" <<'PY'
import json, sys, tomllib
with open("wasm-pack.toml", "rb") as f:
    print(json.dumps(tomllib.load(f)[sys.argv[1]][sys.argv[2]]))
PY
}
TARGET=$(read_setting build target | tr -d '"')
OUT_DIR=$(read_setting build out-dir | tr -d '"')
FEATURES=$(read_setting build features | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)))')
OPT_LEVEL=$(read_setting build opt-level | tr -d '"')
OPT_ENABLED=$(read_setting wasm-opt enabled)
OPT_FLAGS=$(read_setting wasm-opt flags | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))')

FEATURE_ARGS=(--no-default-features)
[ -n "$FEATURES" ] && FEATURE_ARGS+=(--features "$FEATURES")

echo "[build-wasm] target=$TARGET out-dir=$OUT_DIR opt-level=$OPT_LEVEL wasm-opt=$OPT_ENABLED"
CARGO_PROFILE_RELEASE_OPT_LEVEL="$OPT_LEVEL" CARGO_PROFILE_RELEASE_PANIC=abort \
  wasm-pack build --release --no-pack --target "$TARGET" --out-dir "$OUT_DIR" --out-name bounce_decoder . -- "${FEATURE_ARGS[@]}"

WASM="$OUT_DIR/bounce_decoder_bg.wasm"
if [ "$OPT_ENABLED" = "true" ]; then
  # shellcheck disable=SC2086
  wasm-opt $OPT_FLAGS "$WASM" -o "$WASM.opt" && mv "$WASM.opt" "$WASM"
fi
rm -f "$OUT_DIR/.gitignore"
printf '[build-wasm] %s: %s bytes, %s bytes gzipped\n' "$WASM" "$(wc -c < "$WASM")" "$(gzip -9c "$WASM" | wc -c)"
