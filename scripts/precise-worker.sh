#!/usr/bin/env bash
# Builds precise mode's model worker into <site>/precise/: the wasm module
# (crates/slant-precise-worker, with SIMD), its wasm-bindgen glue and
# static/precise-worker.js. Trunk runs it as a post_build hook (Trunk.toml),
# so `trunk serve` and `make dist` both produce it; by hand:
#
#   scripts/precise-worker.sh [SITE_DIR]
#
# The worker is built in a target directory of its own with
# `-C target-feature=+simd128`: the flag reaches only this build, never the
# page's module, and the two builds do not invalidate each other's cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
site=${1:-${TRUNK_STAGING_DIR:-$root/dist}}
out=$site/precise
target=$root/target/precise-worker
wasm=$target/wasm32-unknown-unknown/release/slant_precise_worker.wasm
unset CARGO_ENCODED_RUSTFLAGS
export CARGO_TARGET_DIR=$target
RUSTFLAGS="-C target-feature=+simd128" cargo build --release --locked --quiet \
    -p slant-precise-worker --lib --target wasm32-unknown-unknown
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name model "$wasm"
wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types \
    "$out/model_bg.wasm" -o "$out/model_bg.wasm"
cp "$root/static/precise-worker.js" "$out/worker.js"
