#!/usr/bin/env bash
# Builds a WebAssembly package with the settings of wasm-pack.toml (target, output folder,
# features, opt-level, wasm-opt flags):
#
#   bash scripts/build-wasm.sh        the page's build into www/pkg, without the knowledge
#                                     base's long texts, and the text bundles www/texts/*.json
#                                     (cargo run --example texts), so www/ is a complete static site
#   bash scripts/build-wasm.sh npm    the npm package's build, texts compiled in ([npm])
#
# With twiggy installed (cargo install twiggy), the page's build also leaves a copy that
# keeps the function names in target/wasm-size/, for scripts/size-budget.mjs to say what
# takes the space.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

BUILD="${1:-page}"
case "$BUILD" in
  page) SECTION=build ;;
  npm) SECTION=npm ;;
  *) echo "usage: $0 [page|npm]" >&2; exit 2 ;;
esac

read_setting() { # key -> JSON value from wasm-pack.toml: [$SECTION], else [build]; or section key
  python3 - "$@" <<PY
import json, sys, tomllib
with open("wasm-pack.toml", "rb") as f:
    settings = tomllib.load(f)
if len(sys.argv) == 3:
    print(json.dumps(settings[sys.argv[1]][sys.argv[2]]))
else:
    print(json.dumps(settings.get("$SECTION", {}).get(sys.argv[1], settings["build"].get(sys.argv[1], ""))))
PY
}
TARGET=$(read_setting target | tr -d '"')
OUT_DIR=$(read_setting out-dir | tr -d '"')
FEATURES=$(read_setting features | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)))')
OPT_LEVEL=$(read_setting opt-level | tr -d '"')
TEXTS_DIR=$(read_setting texts-dir | tr -d '"')
OPT_ENABLED=$(read_setting wasm-opt enabled)
OPT_FLAGS=$(read_setting wasm-opt flags | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))')

FEATURE_ARGS=(--no-default-features)
[ -n "$FEATURES" ] && FEATURE_ARGS+=(--features "$FEATURES")

echo "[build-wasm] $BUILD: target=$TARGET out-dir=$OUT_DIR features=[$FEATURES] opt-level=$OPT_LEVEL wasm-opt=$OPT_ENABLED"
# strip=false: wasm-opt below drops the names anyway, and wasm-bindgen wants the
# target_features section that stripping removes
CARGO_PROFILE_RELEASE_OPT_LEVEL="$OPT_LEVEL" CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_STRIP=false \
  wasm-pack build --release --no-pack --target "$TARGET" --out-dir "$OUT_DIR" --out-name bounce_decoder . -- "${FEATURE_ARGS[@]}"

WASM="$OUT_DIR/bounce_decoder_bg.wasm"
if [ "$OPT_ENABLED" = "true" ]; then
  if [ "$BUILD" = page ] && command -v twiggy >/dev/null; then
    mkdir -p target/wasm-size
    # shellcheck disable=SC2086
    wasm-opt $OPT_FLAGS -g "$WASM" -o target/wasm-size/bounce_decoder_bg.names.wasm
  fi
  # shellcheck disable=SC2086
  wasm-opt $OPT_FLAGS "$WASM" -o "$WASM.opt" && mv "$WASM.opt" "$WASM"
fi
rm -f "$OUT_DIR/.gitignore"
printf '[build-wasm] %s: %s bytes, %s bytes gzipped\n' "$WASM" "$(wc -c < "$WASM")" "$(gzip -9c "$WASM" | wc -c)"

if [ -n "$TEXTS_DIR" ]; then
  # the long texts, from the same TOML, by the native build (feature `texts`)
  rm -rf "$TEXTS_DIR"
  cargo run --quiet --example texts -- "$TEXTS_DIR" >/dev/null
  for f in "$TEXTS_DIR"/*.json; do
    printf '[build-wasm] %s: %s bytes, %s bytes gzipped\n' "$f" "$(wc -c < "$f")" "$(gzip -9c "$f" | wc -c)"
  done
fi
