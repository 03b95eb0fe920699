# Slant: two commands for a new user, `make serve` and `make test`.
# Every target that needs tools runs scripts/bootstrap.sh first, which installs
# what is missing and skips what is already right.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# binaryen's wasm-opt from npm comes first: Debian's is too old for current Rust wasm.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

WASM_TARGET := wasm32-unknown-unknown

.PHONY: help bootstrap serve test dist single-file fmt lint unit python browser bench clean

help:
	@echo "make serve   build and serve the app on http://127.0.0.1:8080"
	@echo "make test    formatting, clippy (native and wasm32), unit tests, Python and Spark tests, release build, browser tests"
	@echo "make python  the Python package's tests (pytest), Spark's local mode included"
	@echo "make dist    the release static site in dist/"
	@echo "make single-file  the app as one HTML file, single/slant.html, that works from file://"
	@echo "make bench   engine throughput on every named corpus (slant bench all)"

bootstrap:
	@scripts/bootstrap.sh

serve: bootstrap
	@echo "Slant: serving on http://127.0.0.1:8080"
	trunk serve --offline --address 127.0.0.1 --port 8080

# Trunk's --minify shrinks the HTML and CSS; its JavaScript minifier cannot read
# wasm-bindgen's glue (it warns "Failed to minify JS" and leaves it), so terser
# minifies the glue and the worker next (scripts/minify.mjs).
dist: bootstrap
	trunk build --release --minify --offline --public-url ./
	node scripts/minify.mjs dist
	node scripts/csp.mjs dist/index.html
	@scripts/page-weight.sh dist

single-file: dist
	node scripts/single-file.mjs dist single/slant.html

fmt:
	cargo fmt --all --check

lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --workspace --lib --bins --target $(WASM_TARGET) --locked -- -D warnings

unit:
	cargo test --workspace --locked

# The Python package (its own cargo workspace) and the Spark example, against the CLI.
python: bootstrap
	cargo fmt --manifest-path crates/slant-py/Cargo.toml --check
	PYO3_PYTHON=$(CURDIR)/.venv/bin/python cargo clippy --manifest-path crates/slant-py/Cargo.toml --all-targets --locked -- -D warnings
	cargo build --profile native -p slant-cli --locked
	SLANT_BIN=$(CURDIR)/target/native/slant .venv/bin/python -m pytest -q crates/slant-py/tests

browser:
	npm test

test: bootstrap fmt lint unit python single-file browser

bench: bootstrap
	cargo run --profile native --locked -p slant-cli -- bench all

clean:
	cargo clean
	rm -rf dist single node_modules
