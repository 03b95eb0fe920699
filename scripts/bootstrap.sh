#!/usr/bin/env bash
# Installs what building and testing Slant needs, and skips what is already right.
#
# Idempotent and quick when everything is present: each step checks the exact
# version it needs before doing anything. Called by `make serve`, `make test`
# and `make dist`; safe to run by hand.
#
#   - the wasm32-unknown-unknown Rust target
#   - trunk, at TRUNK_VERSION
#   - wasm-bindgen-cli, at exactly the wasm-bindgen version in Cargo.lock
#   - npm packages (playwright-core, binaryen's wasm-opt) from package-lock.json
#   - Chromium for the browser tests (apt on Debian or Ubuntu)
#   - a Java runtime for Spark (apt), and .venv: maturin, pytest, pandas,
#     pyarrow, pyspark and the `slant` Python package built from this tree
set -euo pipefail

TRUNK_VERSION=0.21.14
cd "$(dirname "$0")/.."

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || die "cargo is missing: install Rust from https://rustup.rs"
command -v npm >/dev/null || die "npm is missing: install Node.js 20 or newer"

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# 2. trunk.
have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); this takes about 10 minutes once"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# 3. wasm-bindgen-cli, matching Cargo.lock exactly (trunk refuses a mismatch).
want_wbg=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
[ -n "$want_wbg" ] || die "could not read the wasm-bindgen version from Cargo.lock"
have_wbg=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wbg" != "$want_wbg" ]; then
    say "installing wasm-bindgen-cli $want_wbg (found: ${have_wbg:-none}); this takes about 5 minutes once"
    # Not --locked: one of its locked dependencies is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$want_wbg"
fi

# 4. npm packages, exactly as package-lock.json records them.
stamp=node_modules/.slant-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
fi
[ -x node_modules/.bin/wasm-opt ] || die "node_modules/.bin/wasm-opt is missing after npm ci"

# 5. Chromium for the browser tests.
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        say "installing Chromium from apt"
        $sudo apt-get update -qq || say "apt-get update failed; trying the install anyway"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    else
        die "Chromium is missing and this is not Debian or Ubuntu: install Chromium and set CHROMIUM=/path/to/chromium"
    fi
fi

# 6. Java for Spark's local mode (the Spark example's test).
if ! java -version >/dev/null 2>&1; then
    if command -v apt-get >/dev/null; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        say "installing a Java runtime from apt (for Spark)"
        $sudo apt-get update -qq || say "apt-get update failed; trying the install anyway"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    else
        die "Java is missing and this is not Debian or Ubuntu: install Java 17 (Spark needs it)"
    fi
fi

# 7. The Python environment (.venv, gitignored) and the `slant` package in it.
# pandas below 3: PySpark 4 warns that it does not fully support pandas 3 yet.
PY_PACKAGES="maturin>=1.7,<2 pytest pandas<3 pyarrow pyspark"
command -v python3 >/dev/null || die "python3 is missing: install Python 3.9 or newer"
if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    python3 -m venv .venv || die "python3 -m venv failed: install python3-venv"
fi
py_stamp=.venv/.slant-packages-stamp
if [ ! -f "$py_stamp" ] || [ "$(cat "$py_stamp")" != "$PY_PACKAGES" ]; then
    say "installing Python packages into .venv: $PY_PACKAGES"
    # shellcheck disable=SC2086 # the list is split on purpose
    .venv/bin/pip install -q --disable-pip-version-check $PY_PACKAGES
    printf '%s' "$PY_PACKAGES" > "$py_stamp"
fi
# Rebuilt when a source of the engine or the package is newer than the last build.
wheel_stamp=.venv/.slant-wheel-stamp
if [ ! -f "$wheel_stamp" ] || [ -n "$(find crates/slant-core crates/slant-tables crates/slant-py -path '*/target' -prune -o -type f -newer "$wheel_stamp" -print -quit)" ]; then
    say "building the slant Python package (maturin develop --release)"
    (cd crates/slant-py && VIRTUAL_ENV="$PWD/../../.venv" PATH="$PWD/../../.venv/bin:$PATH" maturin develop --release --locked -q)
    touch "$wheel_stamp"
fi

say "ready (trunk $TRUNK_VERSION, wasm-bindgen $want_wbg, $(node_modules/.bin/wasm-opt --version), $(.venv/bin/python -c 'import slant; print(slant.provenance)'))"
