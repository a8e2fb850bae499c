#!/usr/bin/env bash
# The benchmark: prints figures, asserts nothing (see README, Benchmarks).
#
# On every real sample the tests hold (tests/corpus/samples/*.eml and
# tests/corpus-pasted/samples/*), in one go:
#   1. the native core in-process (examples/bench.rs: no process start, no output);
#   2. the native CLI as one process over all files repeated, on one thread and on every
#      core (the multi-core speed-up);
#   3. the wasm build (www/pkg, built when missing or older than src/) in Node;
#   4. Perl Sisimai (Debian's libsisimai-perl, installed when missing; skipped when it
#      cannot be) as one process over the same files;
# then the ratios, the scaling table of generated 1 KB to 10 MB inputs, and the CLI's
# time and peak memory on a generated 1 GB mbox (in /tmp, removed after).
#
# BENCH_SECONDS (default 2): how long each in-process figure runs.
# BENCH_REPEAT (default 20): how many times the CLI gets the file list.
# BENCH_SKIP_WASM=1, BENCH_SKIP_PERL=1, BENCH_SKIP_SCALE=1, BENCH_SKIP_1GB=1: leave one out.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
REPEAT=${BENCH_REPEAT:-20}
log() { printf '[bench] %s\n' "$*" >&2; }

mapfile -t FILES < <(ls tests/corpus/samples/*.eml tests/corpus-pasted/samples/*)
COUNT=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)
printf 'machine: %s cores, %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'samples: %d files, %.2f MB\n\n' "$COUNT" "$(echo "$BYTES / 1000000" | bc -l)"

log "building the release CLI and examples/bench"
cargo build --release --bin bounce-decoder --example bench >&2
BIN=target/release/bounce-decoder

# seconds a command takes, as a whole process
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
rate() { # messages seconds -> messages/s
  echo "$1 / $2" | bc -l
}

# 1. in-process
NATIVE_LINE=$(target/release/examples/bench corpus "${FILES[@]}")
echo "$NATIVE_LINE"
NATIVE=$(echo "$NATIVE_LINE" | sed -E 's/.*: ([0-9]+) messages\/s.*/\1/')

# 2. the CLI, the file list REPEAT times, one thread and every core
LIST=()
for _ in $(seq "$REPEAT"); do LIST+=("${FILES[@]}"); done
MSGS=$((COUNT * REPEAT))
T1=$(seconds "$BIN" --jsonl --threads 1 "${LIST[@]}")
TN=$(seconds "$BIN" --jsonl "${LIST[@]}")
CLI1=$(rate "$MSGS" "$T1")
CLIN=$(rate "$MSGS" "$TN")
printf 'native CLI, 1 thread: %d messages in %.2f s: %.0f messages/s, %.1f MB/s (process start and JSON output included)\n' \
  "$MSGS" "$T1" "$CLI1" "$(echo "$BYTES * $REPEAT / $T1 / 1000000" | bc -l)"
printf 'native CLI, %d threads: %d messages in %.2f s: %.0f messages/s, %.1f MB/s; speed-up %.2fx\n' \
  "$(nproc)" "$MSGS" "$TN" "$CLIN" "$(echo "$BYTES * $REPEAT / $TN / 1000000" | bc -l)" "$(echo "$T1 / $TN" | bc -l)"
# an mbox of every eml sample, one process: the same speed-up within one file
MBOX=$(mktemp /tmp/bench-mbox.XXXXXX)
for _ in $(seq "$REPEAT"); do
  for f in tests/corpus/samples/*.eml; do
    printf 'From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n'
    cat "$f"
    printf '\n\n'
  done
done >"$MBOX"
M1=$(seconds "$BIN" --jsonl --threads 1 "$MBOX")
MN=$(seconds "$BIN" --jsonl "$MBOX")
printf 'native CLI on one mbox of %d messages (%.1f MB): 1 thread %.2f s, %d threads %.2f s; speed-up %.2fx\n' \
  "$(grep -c '^From MAILER-DAEMON' "$MBOX")" "$(echo "$(wc -c <"$MBOX") / 1000000" | bc -l)" "$M1" "$(nproc)" "$MN" "$(echo "$M1 / $MN" | bc -l)"
rm -f "$MBOX"

# 3. wasm in Node
WASM=""
if [ "${BENCH_SKIP_WASM:-0}" != 1 ]; then
  if [ ! -f www/pkg/bounce_decoder_bg.wasm ] || [ -n "$(find src build.rs Cargo.toml -newer www/pkg/bounce_decoder_bg.wasm | head -1)" ]; then
    log "building the wasm package (scripts/build-wasm.sh)"
    { SKIP_BROWSER=1 bash scripts/setup.sh && bash scripts/build-wasm.sh; } >&2
  fi
  WASM_LINE=$(node scripts/bench-wasm.mjs "${FILES[@]}")
  echo "$WASM_LINE"
  WASM=$(echo "$WASM_LINE" | sed -E 's/.*: ([0-9]+) messages\/s.*/\1/')
fi

# 4. Perl Sisimai, one process
PERL=""
if [ "${BENCH_SKIP_PERL:-0}" != 1 ]; then
  if ! perl -MSisimai -e1 2>/dev/null; then
    log "installing Debian's libsisimai-perl"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsisimai-perl; } >&2 || true
  fi
  if perl -MSisimai -e1 2>/dev/null; then
    PREPEAT=3
    PLIST=()
    for _ in $(seq "$PREPEAT"); do PLIST+=("${FILES[@]}"); done
    perl scripts/bench-sisimai.pl "${FILES[@]}"
    TP=$(seconds perl scripts/bench-sisimai.pl "${PLIST[@]}")
    PERL=$(rate $((COUNT * PREPEAT)) "$TP")
    printf 'Perl Sisimai, one process: %d messages in %.2f s: %.0f messages/s, %.2f MB/s (process start included)\n' \
      $((COUNT * PREPEAT)) "$TP" "$PERL" "$(echo "$BYTES * $PREPEAT / $TP / 1000000" | bc -l)"
  else
    echo "Perl Sisimai: skipped (libsisimai-perl cannot be installed here)"
  fi
fi

echo
echo "ratios (messages/s):"
[ -n "$PERL" ] && printf '  native in-process / Perl Sisimai: %.1fx (target: 60x)\n' "$(echo "$NATIVE / $PERL" | bc -l)"
[ -n "$PERL" ] && printf '  native CLI 1 thread / Perl Sisimai (both whole processes): %.1fx\n' "$(echo "$CLI1 / $PERL" | bc -l)"
[ -n "$WASM" ] && printf '  native in-process / wasm in Node: %.2fx (target: at most 2x)\n' "$(echo "$NATIVE / $WASM" | bc -l)"
printf '  native CLI %d threads / 1 thread: %.2fx\n' "$(nproc)" "$(echo "$CLIN / $CLI1" | bc -l)"

if [ "${BENCH_SKIP_SCALE:-0}" != 1 ]; then
  echo
  echo "scaling (native, in-process; target: linear, 1 MB within 20 ms):"
  target/release/examples/bench scale
fi

if [ "${BENCH_SKIP_1GB:-0}" != 1 ]; then
  echo
  BIG=$(mktemp /tmp/bench-1gb.XXXXXX)
  ONE=$(mktemp /tmp/bench-one.XXXXXX)
  for f in tests/corpus/samples/*.eml; do
    printf 'From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n'
    cat "$f"
    printf '\n\n'
  done >"$ONE"
  log "writing a 1 GB mbox to $BIG"
  while [ "$(stat -c %s "$BIG")" -lt 1000000000 ]; do cat "$ONE" "$ONE" "$ONE" "$ONE" >>"$BIG"; done
  SIZE=$(stat -c %s "$BIG")
  /usr/bin/time -v "$BIN" --summary --jsonl "$BIG" >"$ONE.out" 2>"$ONE.time"
  MESSAGES=$(sed -E 's/.*"messages":([0-9]+).*/\1/' "$ONE.out")
  RSS=$(awk -F: '/Maximum resident set size/ {print $2}' "$ONE.time" | xargs)
  WALL=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$ONE.time")
  printf '1 GB mbox (%.2f GB, %d messages), CLI --summary on every core: %s wall, max RSS %.1f MB\n' \
    "$(echo "$SIZE / 1000000000" | bc -l)" "$MESSAGES" "$WALL" "$(echo "$RSS / 1024" | bc -l)"
  rm -f "$BIG" "$ONE" "$ONE.time" "$ONE.out"
fi
