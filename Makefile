# Pinghu subsidy calculator — build, test, serve, bench.
#
#   make setup       install missing tools (scripts/setup.sh; ~1 s when all present)
#   make build       SHIPPED module: MVP + mutable-globals wasm (nightly, -Zbuild-std) -> pkg/ -> www/pkg/
#   make build-dev   same pipeline on stable with default wasm features (faster; NOT for shipping)
#   make run         setup + build, then serve www/ on http://127.0.0.1:8080
#   make test        setup, cargo test, build, MVP validation, ES2019 check, wasm boundary tests, browser tests
#   make bench       build, then sizes (raw/gzip/brotli), calculate() speed, first result in Chromium, vs budgets
#   make fuzz        the fuzz targets (proptest, JS) for FUZZ_CASES cases each (default 200000)
#   make clean       remove pkg/, www/pkg/, target/mvp, build stamps
#
# Pipeline of `make build` (see /work/shared/notes/toolchain.md for why each step):
#   cargo +nightly -Zbuild-std (target-cpu=mvp,+mutable-globals) -> wasm-bindgen --target web
#   -> wasm-opt -Oz --mvp-features --enable-mutable-globals (npm binaryen 132, not Debian's)
#   -> esbuild lowers the glue to chrome78,safari13 (ESM, import.meta.url kept) -> copy to www/pkg/
# Cargo always runs (its own fingerprinting is exact and a no-op takes < 1 s); the later steps
# run only when cargo produced a new .wasm or the pipeline changed. Each variant is post-processed
# into target/pkg-mvp/ or target/pkg-dev/ and then copied to pkg/ and www/pkg/, so switching
# between `make build` and `make build-dev` is a copy, not a rebuild.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Steps print in order and cargo parallelises internally; keep make itself serial.
.NOTPARALLEL:

export PATH := $(HOME)/.cargo/bin:$(PATH)

CRATE       := pinghu_subsidy
NIGHTLY     ?= nightly
WASM_TARGET := wasm32-unknown-unknown
MVP_DIR     := target/mvp
WASM_MVP    := $(MVP_DIR)/$(WASM_TARGET)/release/$(CRATE).wasm
WASM_DEV    := target/$(WASM_TARGET)/release/$(CRATE).wasm
STAMPS      := target/stamps
PORT        ?= 8080

BIN      := node_modules/.bin
WASM_OPT := $(BIN)/wasm-opt
ESBUILD  := $(BIN)/esbuild
# immediate-abort drops the panic machinery (messages, locations, formatting): about 5 KB gzip.
MVP_RUSTFLAGS := -C target-cpu=mvp -C target-feature=+mutable-globals -Zunstable-options -Cpanic=immediate-abort
# Old WeChat web-views: Chrome 78 / Safari 13. Destructuring is marked "supported" because esbuild
# >= 0.27.7 refuses all destructuring for Safari < 14.1 over an array-rest bug (babel/babel#17773)
# it cannot lower; the glue only uses object destructuring, and check-es2019 rejects array rest.
ESBUILD_FLAGS := --format=esm --minify --target=chrome78,safari13 --supported:destructuring=true \
                 --log-level=warning --allow-overwrite \
                 '--banner:js=/* @ts-self-types="./$(CRATE).d.ts" */'

# The post-processing is redone when any of these change, or when pkg/ or www/pkg/ lost the output.
PIPELINE := Makefile package-lock.json
OUTPUT_PRESENT := $(and $(wildcard pkg/$(CRATE)_bg.wasm),$(wildcard www/pkg/$(CRATE)_bg.wasm),$(wildcard www/pkg/$(CRATE).js))
REDO_IF_MISSING := $(if $(OUTPUT_PRESENT),,FORCE)

.PHONY: help setup build build-dev run test fuzz test-native validate-mvp check-js \
        test-boundary test-wasm-node test-wasm-rust test-browser bench clean FORCE

help:
	@sed -n '1,9p' Makefile | sed 's/^# \{0,1\}//'

setup:
	@bash scripts/setup.sh

# ---------------------------------------------------------------- build

# Always ask cargo; make then compares the .wasm's mtime, so an unchanged crate skips the rest.
$(WASM_MVP): FORCE
	@echo "== cargo +$(NIGHTLY) build (MVP + mutable-globals, -Zbuild-std)"
	env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="$(MVP_RUSTFLAGS)" \
	  cargo +$(NIGHTLY) build -Zbuild-std=std,panic_abort --lib --target $(WASM_TARGET) --release \
	  --target-dir $(MVP_DIR)

$(WASM_DEV): FORCE
	@echo "== cargo build (stable, default wasm features; dev only)"
	env -u CARGO_ENCODED_RUSTFLAGS -u RUSTFLAGS \
	  cargo build --lib --target $(WASM_TARGET) --release

# package WASM, WASM_OPT_FEATURES, LABEL, VARIANT: post-process into target/pkg-VARIANT/
define package
	@echo "== package $(3): wasm-bindgen -> wasm-opt -Oz -> esbuild (chrome78,safari13)"
	rm -rf target/pkg-$(4)
	wasm-bindgen --target web --out-dir target/pkg-$(4) $(1)
	$(WASM_OPT) --flatten --rereloop -Oz -Oz --converge --strip-producers --strip-target-features $(2) target/pkg-$(4)/$(CRATE)_bg.wasm -o target/pkg-$(4)/$(CRATE)_bg.wasm
	$(ESBUILD) target/pkg-$(4)/$(CRATE).js $(ESBUILD_FLAGS) --outfile=target/pkg-$(4)/$(CRATE).js
	@echo "$(3): $(CRATE)_bg.wasm $$(wc -c < target/pkg-$(4)/$(CRATE)_bg.wasm) B, $$(gzip -9c target/pkg-$(4)/$(CRATE)_bg.wasm | wc -c) B gzip; glue $$(wc -c < target/pkg-$(4)/$(CRATE).js) B"
	mkdir -p $(STAMPS)
endef

# install VARIANT: copy target/pkg-VARIANT/ to pkg/ and www/pkg/ (switching variants is a copy)
define install
	rm -f $(STAMPS)/installed-*
	rm -rf pkg www/pkg
	cp -R target/pkg-$(1) pkg
	cp -R target/pkg-$(1) www/pkg
	@echo "pkg/ and www/pkg/ now hold the $(1) build"
endef

$(STAMPS)/pkg-mvp: $(WASM_MVP) $(PIPELINE) $(if $(wildcard target/pkg-mvp/$(CRATE)_bg.wasm),,FORCE)
	$(call package,$(WASM_MVP),--mvp-features --enable-mutable-globals,MVP build,mvp)
	touch $@

$(STAMPS)/pkg-dev: $(WASM_DEV) $(PIPELINE) $(if $(wildcard target/pkg-dev/$(CRATE)_bg.wasm),,FORCE)
	$(call package,$(WASM_DEV),,DEV build (not MVP; do not ship),dev)
	touch $@

$(STAMPS)/installed-mvp: $(STAMPS)/pkg-mvp $(REDO_IF_MISSING)
	$(call install,mvp)
	touch $@

$(STAMPS)/installed-dev: $(STAMPS)/pkg-dev $(REDO_IF_MISSING)
	$(call install,dev)
	touch $@

build: setup $(STAMPS)/installed-mvp www/pinghu-subsidy-calculator.min.js www/pinghu-subsidy-calculator.min.css

# What the pages load: the element's modules (www/element/, entry define.js) bundled into one
# minified file, and its stylesheet minified (the readable modules work the same, unbundled).
# PINGHU_BUNDLE tells element/assets.js that import.meta.url is the bundle's (pkg/ beside it).
www/pinghu-subsidy-calculator.min.js: www/element/define.js $(wildcard www/element/*.js) package-lock.json
	$(ESBUILD) $< --bundle --minify --format=esm --target=chrome78,safari13 --supported:destructuring=true \
	  --define:PINGHU_BUNDLE=true '--banner:js=/* @ts-self-types="./pinghu-subsidy-calculator.d.ts" */' \
	  --log-level=warning --allow-overwrite --outfile=$@

www/pinghu-subsidy-calculator.min.css: www/pinghu-subsidy-calculator.css package-lock.json
	$(ESBUILD) $< --minify --log-level=warning --allow-overwrite --outfile=$@

build-dev: setup $(STAMPS)/installed-dev

run:
	@echo "make run: http://127.0.0.1:$(PORT)/  (setup + build first, then serving www/)"
	@$(MAKE) --no-print-directory build
	@node scripts/sample.mjs
	@echo "Serving www/ on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	exec python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

# ---------------------------------------------------------------- tests

test: setup test-native build validate-mvp check-js test-boundary test-browser
	@echo "make test: all steps passed"

test-native:
	@echo "== cargo test (native: unit, scenario, proptest)"
	cargo test

# The shipped module must use nothing beyond MVP + mutable-globals; www/pkg must be the same bytes.
validate-mvp: $(STAMPS)/installed-mvp
	@echo "== wasm-tools validate --features mvp,mutable-global"
	wasm-tools validate --features mvp,mutable-global pkg/$(CRATE)_bg.wasm
	cmp pkg/$(CRATE)_bg.wasm www/pkg/$(CRATE)_bg.wasm
	cmp pkg/$(CRATE).js www/pkg/$(CRATE).js
	@echo "validate-mvp: OK"

check-js:
	@echo "== ES2019 syntax check of shipped JS (www/*.js, www/pkg/*.js)"
	node scripts/check-es2019.mjs

test-boundary: test-wasm-node test-wasm-rust

test-wasm-node: $(STAMPS)/installed-mvp
	@echo "== the shipped pkg/ through its JS API, and a bounded fuzz run (tests/node/)"
	node --test tests/node/*.test.mjs

test-wasm-rust:
	@echo "== wasm-bindgen-test on node (tests/wasm_boundary.rs)"
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test wasm_boundary

test-browser: $(STAMPS)/installed-mvp
	@echo "== browser tests in Chromium (tests/browser/)"
	node --test tests/browser/*.test.mjs

# ---------------------------------------------------------------- fuzz

# A longer run of the two fuzz targets than `make test` does (FUZZ_CASES to change it).
FUZZ_CASES ?= 200000
fuzz: setup $(STAMPS)/installed-mvp
	@echo "== proptest over requests, JSON-like values and the amount parser ($(FUZZ_CASES) cases each)"
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --release --test properties
	@echo "== the shipped module from JS with arbitrary values ($(FUZZ_CASES) cases)"
	FUZZ_CASES=$(FUZZ_CASES) node --test --test-timeout=3600000 tests/node/fuzz.test.mjs

# ---------------------------------------------------------------- bench

bench: build
	@echo "== bench (sizes, calculate() speed, first result in Chromium)"
	node bench/bench.mjs
	node bench/browser.mjs

clean:
	rm -rf pkg www/pkg www/*.min.js www/*.min.css $(MVP_DIR) target/pkg-mvp target/pkg-dev $(STAMPS)

FORCE:
