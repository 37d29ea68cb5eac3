# Pinghu subsidy calculator — build, test, serve, bench.
#
#   make setup       install missing tools (scripts/setup.sh; ~1 s when all present)
#   make build       SHIPPED package: wasm-pack on the pinned nightly, MVP + mutable-globals -> pkg/ -> www/pkg/
#   make build-office  build, then the second package: the office engine (batch, workspace) -> pkg-office/
#                    and www/pkg-office/ (run, dist, bench and the tests that load it build it first)
#   make build-sheets  the batch page's spreadsheet parts (crates/sheet): www/pkg-sheet-read/ (calamine, loaded when
#                    an Excel file is dropped) and www/pkg-sheet-write/ (rust_xlsxwriter, loaded on an .xlsx download)
#   make sheet-fixtures  tests/sheets/: the CSVs, workbooks.json, habits.xlsx (rust_xlsxwriter), habits.xls (xlwt)
#   make build-dev   same pipeline on stable with default wasm features (quicker first build; NOT for shipping)
#   make run         setup + build, then serve www/ on http://127.0.0.1:8080
#   make dist        build-office, then dist/: what an embedding site copies (bundle, stylesheet, pkg/, EMBED.md)
#   make test        setup, then rustfmt, clippy, cargo test, build, MVP validation, ES2019, boundary and browser
#                    tests (Chromium, then WebKit and Firefox too), and the rehearsal of a policy update;
#                    every step runs, a summary names the failed ones
#   make test-engines    the cross-engine tests alone (tests/engines/): WebKitGTK and Firefox ESR
#                        (TEST_ENGINES="webkit firefox chromium": Chromium too, through the same harness)
#   make test-rehearsal  the fixture final text (tests/rehearsal/) through the tests that follow the data
#   make policy-check    after editing the policy file: what the update must revisit (BASE=rev, default HEAD)
#   make fmt         cargo fmt (fixes what the rustfmt step of `make test` reports)
#   make bench       build, then one table: sizes, calculate() vs JSON.parse, first result in Chromium, vs budgets
#                    (make bench-json-output: the Node part on the output-json build, for docs/performance.md)
#   make fuzz        the fuzz targets (proptest, JS) for FUZZ_CASES cases each (default 200000)
#   make clean       remove pkg/, www/pkg/, pkg-office/, target/mvp, target/pkg-*, the rehearsal, build stamps
#
# The pipeline step by step, why each flag, and wasm-pack's pitfalls: docs/build.md. In short:
#   wasm-pack build --target web --release --no-opt --mode no-install, on the nightly pinned in
#     rust-toolchain-nightly, RUSTFLAGS target-cpu=mvp +mutable-globals panic=immediate-abort, and
#     -Zbuild-std after the crate path (wasm-pack passes what follows the path to cargo; no `--`)
#   -> wasm-opt -Oz --mvp-features --enable-mutable-globals (npm binaryen 132, not Debian's; skipped
#      when wasm-pack wrote bytes it optimised recently: target/wasm-opt/)
#   -> esbuild lowers the glue to chrome78,safari13 (ESM, import.meta.url kept)
#   -> the package (package.json, .d.ts, glue, wasm) copied to pkg/ and www/pkg/
# A stamp over the crate's inputs (src/, build.rs, build/, policy/, Cargo.*, the nightly pin) and the
# pipeline (Makefile, package-lock.json) skips all of it when nothing changed. Each variant is built
# into target/pkg-mvp/ or target/pkg-dev/ and then copied, so switching variants is a copy.
#
# The policy a build takes: PINGHU_POLICY (a file; default policy/pinghu-2024-2027.toml), read by
# build/main.rs. A build with another policy has a target dir of its own (target/mechanics,
# target/rehearsal/…), started as a copy of the plan's so that only what the policy changes compiles.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Steps print in order and cargo parallelises internally; keep make itself serial.
.NOTPARALLEL:

export PATH := $(HOME)/.cargo/bin:$(PATH)
# The policy is chosen by PINGHU_POLICY alone (build/main.rs), and only where a recipe names it: the
# shipped build, `cargo test` and the rest take the plan whatever the calling shell exports.
unexport PINGHU_POLICY

CRATE       := pinghu_subsidy
WASM_TARGET := wasm32-unknown-unknown
MVP_DIR     := target/mvp
STAMPS      := target/stamps
PORT        ?= 8080

# The shipped build's nightly, pinned by date in rust-toolchain-nightly (scripts/setup.sh installs it).
NIGHTLY       := $(shell sed -n 's/^channel *= *"\(.*\)".*/\1/p' rust-toolchain-nightly)
NIGHTLY_RUSTC := $(shell sed -n 's/^rustc *= *"\(.*\)".*/\1/p' rust-toolchain-nightly)
# Where rustup cannot install the dated toolchain, setup links the machine's `nightly` as
# pinghu-<channel> after checking it is the same build. (`=`: expanded when a recipe runs, after setup.)
NIGHTLY_TC = $(shell rustup run $(NIGHTLY) rustc -V >/dev/null 2>&1 && echo $(NIGHTLY) || echo pinghu-$(NIGHTLY))
# The wasm-bindgen CLI wasm-pack runs must be the version of the crate in Cargo.lock.
WB_LOCKED = $(shell awk '$$0 == "[[package]]" { n = "" } /^name = / { gsub(/"/, "", $$3); n = $$3 } /^version = / && n == "wasm-bindgen" { gsub(/"/, "", $$3); print $$3; exit }' Cargo.lock)

BIN      := node_modules/.bin
WASM_OPT := $(BIN)/wasm-opt
ESBUILD  := $(BIN)/esbuild
# immediate-abort drops the panic machinery (messages, locations, formatting): about 5 KB gzip.
MVP_RUSTFLAGS = -C target-cpu=mvp -C target-feature=+mutable-globals -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none $(REMAP)
# Source paths (the toolchain's rust-src, ~/.cargo/registry, this checkout) end up in the wasm's
# strings; remapped, the shipped bytes do not depend on the machine, the checkout or the way the
# pinned nightly was installed. (`=`: the sysroot is asked for when the recipe runs, after setup.)
CARGO_HOME_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
REMAP = --remap-path-prefix=$(shell rustup run $(NIGHTLY_TC) rustc --print sysroot)/lib/rustlib/src/rust=/rustc/src \
        --remap-path-prefix=$(CARGO_HOME_DIR)/registry/src=/cargo/registry/src --remap-path-prefix=$(CURDIR)=/pinghu
# Old WeChat web-views: Chrome 78 / Safari 13. Destructuring is marked "supported" because esbuild
# >= 0.27.7 refuses all destructuring for Safari < 14.1 over an array-rest bug (babel/babel#17773)
# it cannot lower; the glue only uses object destructuring, and check-es2019 rejects array rest.
ESBUILD_LOWER := --format=esm --minify --target=chrome78,safari13 --supported:destructuring=true \
                 --log-level=warning --allow-overwrite
ESBUILD_FLAGS := $(ESBUILD_LOWER) '--banner:js=/* @ts-self-types="./$(CRATE).d.ts" */'

# wasm-pack must never fetch anything (docs/build.md):
#   --mode no-install  use the wasm-bindgen on PATH or fail: no GitHub download, no `cargo install`
#                      into its cache (setup installs it, pinned; preflight checks the targets too)
#   --no-opt           no wasm-opt step (it would download binaryen); npm's wasm-opt runs after it
#   WASM_PACK_CACHE    a cache of our own that must stay empty: a stale ~/.cache/.wasm-pack is never used
WASM_PACK_CACHE := $(CURDIR)/target/wasm-pack-cache
WASM_PACK       := env -u CARGO_ENCODED_RUSTFLAGS WASM_PACK_CACHE=$(WASM_PACK_CACHE) wasm-pack
WASM_PACK_BUILD := build --target web --release --no-opt --mode no-install

# What the wasm depends on: a change here rebuilds the package; nothing changed, nothing runs.
# (The folders are listed too, as `dir/`: adding, removing or renaming a file changes their mtime;
# the slash keeps the folder build/ apart from the target `build`.)
# The element's parts loaded on demand, each its own bundle (see the rule for them below).
ELEMENT_PARTS := plan-view visit csv workspace workspace-hook share-open workspace-worker strings-en
ELEMENT_PART_FILES := $(ELEMENT_PARTS:%=www/pinghu-subsidy-calculator.%.min.js)
# Parts with a stylesheet of their own (www/element/NAME.css), loaded with the part: the workspace's,
# and parts.css (the plan view, the visit's additions, the share link, print; element/part-style.js).
ELEMENT_PART_STYLES := www/pinghu-subsidy-calculator.workspace.min.css www/pinghu-subsidy-calculator.parts.min.css
CRATE_INPUTS := Cargo.toml Cargo.lock rust-toolchain-nightly $(wildcard build.rs .cargo/config.toml) \
                $(shell find src build policy -type f 2>/dev/null) \
                $(addsuffix /,$(shell find src build policy -type d 2>/dev/null))
# The post-processing is redone when any of these change, or when pkg/ or www/pkg/ lost the output.
PIPELINE := Makefile package-lock.json
OUTPUT_PRESENT := $(and $(wildcard pkg/$(CRATE)_bg.wasm),$(wildcard www/pkg/$(CRATE)_bg.wasm),$(wildcard www/pkg/$(CRATE).js))
REDO_IF_MISSING := $(if $(OUTPUT_PRESENT),,FORCE)

.PHONY: test-rehearsal-rust test-rehearsal-web rehearsal-engines help setup build build-office build-sheets sheet-fixtures build-dev dist run test fmt fmt-check clippy fuzz test-native validate-mvp check-js policy-check \
        test-boundary test-wasm-node test-wasm-rust test-browser test-engines test-rehearsal bench bench-json-output clean FORCE

# header TITLE: a line that stands out in a long log (no double quotes or backquotes in TITLE)
comma := ,
header = @printf '\n======== %s\n' "$(1)"

help:
	@sed -n '1p; 3,/^#$$/{/^#$$/!p;}' Makefile | sed 's/^# \{0,1\}//'

setup:
	@bash scripts/setup.sh

# ---------------------------------------------------------------- build

# preflight TOOLCHAIN (empty: the default one). Fail early and clearly where wasm-pack would
# otherwise go looking for a tool, or run `rustup target add` (its build does that even in
# --mode no-install when the target's libdir is missing).
define preflight
	@command -v wasm-pack >/dev/null || { echo "wasm-pack is not installed: run make setup" >&2; exit 1; }
	@have=$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}'); \
	if [ "$$have" != "$(WB_LOCKED)" ]; then \
	  echo "wasm-bindgen $(WB_LOCKED) (the version in Cargo.lock) is not on PATH (found: $${have:-none}): run make setup" >&2; exit 1; fi
	@sysroot=$$(rustc $(if $(1),+$(1)) --print sysroot); test -d "$$sysroot/lib/rustlib/$(WASM_TARGET)/lib" || \
	  { echo "the $(WASM_TARGET) target is missing in $$sysroot: run make setup" >&2; exit 1; }
endef

# wasm-opt (npm's binaryen runs as wasm in Node, on one core) takes most of a rebuild: 20-25 s a
# package. Its output depends only on its input bytes, these flags and binaryen's version, so a
# package whose wasm-pack output is one of its last four reuses that output: a file touched, a
# change that only the other package has, an edit undone, a branch switched back
# (target/wasm-opt/VARIANT-KEY.wasm, KEY the SHA-256 of the three).
WASM_OPT_FLAGS := --flatten --rereloop -Oz -Oz --converge --strip-producers --strip-target-features
WASM_OPT_CACHE := target/wasm-opt

# postprocess VARIANT, WASM_OPT_FEATURES[, CRATE NAME[, WASM_OPT PASSES]]: on wasm-pack's output in
# target/pkg-VARIANT/ (the name: the engine's unless given; the passes: WASM_OPT_FLAGS unless given)
define postprocess
	@if [ -n "$$(ls -A $(WASM_PACK_CACHE) 2>/dev/null)" ]; then \
	  echo "wasm-pack wrote to $(WASM_PACK_CACHE) (a download?): it must find every tool installed" >&2; exit 1; fi
	$(call header,post-process $(1): wasm-opt -Oz then esbuild chrome78/safari13 on target/pkg-$(1)/)
	@echo "wasm-pack wrote $(or $(3),$(CRATE))_bg.wasm $$(wc -c < target/pkg-$(1)/$(or $(3),$(CRATE))_bg.wasm) B (before wasm-opt)"
	@wasm=target/pkg-$(1)/$(or $(3),$(CRATE))_bg.wasm; \
	key=$$( { sha256sum < $$wasm; echo '$(or $(4),$(WASM_OPT_FLAGS)) $(2)'; cat node_modules/binaryen/package.json; } | sha256sum | cut -c1-64); \
	cached=$(WASM_OPT_CACHE)/$(1)-$$key.wasm; \
	if [ -f $$cached ]; then \
	  cp $$cached $$wasm && touch $$cached; echo "wasm-opt: this input was optimised before; its output reused ($$cached)"; \
	else \
	  echo "$(WASM_OPT) $(or $(4),$(WASM_OPT_FLAGS)) $(2) $$wasm -o $$wasm"; \
	  $(WASM_OPT) $(or $(4),$(WASM_OPT_FLAGS)) $(2) $$wasm -o $$wasm; \
	  mkdir -p $(WASM_OPT_CACHE) && cp $$wasm $$cached.tmp && mv $$cached.tmp $$cached; \
	  ls -t $(WASM_OPT_CACHE)/$(1)-*.wasm | tail -n +5 | xargs -r rm -f; \
	fi
	$(ESBUILD) target/pkg-$(1)/$(or $(3),$(CRATE)).js --bundle $(ESBUILD_LOWER) '--banner:js=/* @ts-self-types="./$(or $(3),$(CRATE)).d.ts" */' --outfile=target/pkg-$(1)/$(or $(3),$(CRATE)).js
	rm -rf target/pkg-$(1)/snippets
	node -e 'const f = process.argv[1], p = JSON.parse(require("fs").readFileSync(f, "utf8")); \
	  p.files = p.files.filter((x) => x !== "snippets"); delete p.sideEffects; \
	  require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' target/pkg-$(1)/package.json
	@echo "$(1): $(or $(3),$(CRATE))_bg.wasm $$(wc -c < target/pkg-$(1)/$(or $(3),$(CRATE))_bg.wasm) B, $$(gzip -9c target/pkg-$(1)/$(or $(3),$(CRATE))_bg.wasm | wc -c) B gzip; glue $$(wc -c < target/pkg-$(1)/$(or $(3),$(CRATE)).js) B"
	mkdir -p $(STAMPS)
endef

# install VARIANT: copy the package in target/pkg-VARIANT/ to pkg/ and www/pkg/
define install
	rm -f $(STAMPS)/installed-*
	rm -rf pkg www/pkg
	cp -R target/pkg-$(1) pkg
	cp -R target/pkg-$(1) www/pkg
	@echo "pkg/ and www/pkg/ now hold the $(1) build"
endef

# mvp_package VARIANT, EXTRA_CARGO_ARGS: the MVP build by wasm-pack into target/pkg-VARIANT/
define mvp_package
	$(call header,build $(1): wasm-pack build --target web on $(NIGHTLY) - MVP + mutable-globals $(2))
	$(call preflight,$(NIGHTLY_TC))
	@have=$$(rustup run $(NIGHTLY_TC) rustc -V 2>/dev/null || true); \
	if [ "$$have" != "$(NIGHTLY_RUSTC)" ]; then \
	  echo "the pinned nightly $(NIGHTLY) ($(NIGHTLY_RUSTC)) is not installed; found: $${have:-none}. Run make setup" >&2; exit 1; fi
	rm -rf target/pkg-$(1)
	RUSTUP_TOOLCHAIN=$(NIGHTLY_TC) CARGO_TARGET_DIR=$(MVP_DIR) RUSTFLAGS="$(MVP_RUSTFLAGS)" \
	  $(WASM_PACK) $(WASM_PACK_BUILD) --out-dir target/pkg-$(1) . -Zbuild-std=std,panic_abort $(2)
	$(call postprocess,$(1),--mvp-features --enable-mutable-globals)
endef

$(STAMPS)/pkg-mvp: $(CRATE_INPUTS) $(PIPELINE) $(if $(wildcard target/pkg-mvp/$(CRATE)_bg.wasm),,FORCE)
	$(call mvp_package,mvp,)
	touch $@

# The alternative output path (results as one JSON string and JSON.parse), for the measurement
# in docs/performance.md only: `make bench-json-output`. Never copied to pkg/ or www/pkg/.
$(STAMPS)/pkg-json-output: $(CRATE_INPUTS) $(PIPELINE) $(if $(wildcard target/pkg-json-output/$(CRATE)_bg.wasm),,FORCE)
	$(call mvp_package,json-output,--features output-json)
	touch $@

# The office engine: the same crate with the features `batch` (Batch, what-if overlays; issue 12)
# and `workspace` (the consultant's clients and scenarios; issue 11), for www/batch.html, the
# workspace and scripts (pkg-office/, www/pkg-office/); the calculator's engine goes without. Built
# only for what uses it (build-office: run, dist, bench, the Node and browser tests, validate-mvp).
# Built for speed (issue 18's 30,000-row budget; docs/performance.md "The office engine for
# speed"): this crate at opt-level 3, its dependencies and std at the release profile's "z" as the
# calculator's, so both share target/mvp's std and dependencies (a profile of its own would build
# std a second time); with lto the whole module is optimised at the crate's level anyway. The
# calculator's engine stays at "z" (its 80 KB budget).
OFFICE_CARGO := --features batch$(comma)workspace --config profile.release.package.pinghu-subsidy.opt-level=3
$(STAMPS)/pkg-office: $(CRATE_INPUTS) $(PIPELINE) $(if $(wildcard target/pkg-office/$(CRATE)_bg.wasm),,FORCE)
	$(call mvp_package,office,$(OFFICE_CARGO))
	touch $@

$(STAMPS)/installed-office: $(STAMPS)/pkg-office $(if $(and $(wildcard pkg-office/$(CRATE)_bg.wasm),$(wildcard www/pkg-office/$(CRATE).js)),,FORCE)
	rm -rf pkg-office www/pkg-office
	cp -R target/pkg-office pkg-office
	cp -R target/pkg-office www/pkg-office
	touch $@

# The batch page's spreadsheet parts (crates/sheet, no dependency on the engine; docs/batch.md,
# "Excel"): one crate built twice, each with one feature, each its own package loaded on demand:
# `read` (calamine: .xlsx/.xls to a grid of cell texts) when an Excel file is dropped, `write`
# (rust_xlsxwriter: tables to .xlsx) when the officer downloads one. Same MVP flags and target dir
# as the engine (its std is reused); only www/ has them (www/pkg-sheet-read/, www/pkg-sheet-write/).
# wasm-opt: plain -Oz, without the engine's --flatten --rereloop --converge, which on these larger
# modules cost minutes for a few KB (docs/build.md, measured); cached by input like the engine's.
SHEET       := pinghu_sheet
SHEET_DIR   := crates/sheet
SHEET_INPUTS := Cargo.toml Cargo.lock rust-toolchain-nightly $(shell find $(SHEET_DIR) -type f -not -path '*/target/*' 2>/dev/null)
SHEET_OPT_FLAGS := -Oz --strip-producers --strip-target-features
SHEET_PARTS := read write

# sheet_package PART: wasm-pack on crates/sheet with --features PART into target/pkg-sheet-PART/
define sheet_package
	$(call header,build sheet-$(1): wasm-pack build crates/sheet --features $(1) - MVP + mutable-globals)
	$(call preflight,$(NIGHTLY_TC))
	rm -rf target/pkg-sheet-$(1)
	RUSTUP_TOOLCHAIN=$(NIGHTLY_TC) CARGO_TARGET_DIR=$(CURDIR)/$(MVP_DIR) RUSTFLAGS="$(MVP_RUSTFLAGS)" \
	  $(WASM_PACK) $(WASM_PACK_BUILD) --out-dir $(CURDIR)/target/pkg-sheet-$(1) $(SHEET_DIR) -Zbuild-std=std,panic_abort --features $(1)
	$(call postprocess,sheet-$(1),--mvp-features --enable-mutable-globals,$(SHEET),$(SHEET_OPT_FLAGS))
endef

# One stamp per part (explicit rules: a pattern rule's stem is not known in its prerequisites).
define sheet_rules
$(STAMPS)/pkg-sheet-$(1): $(SHEET_INPUTS) $(PIPELINE) $(if $(wildcard target/pkg-sheet-$(1)/$(SHEET)_bg.wasm),,FORCE)
	$$(call sheet_package,$(1))
	touch $$@

$(STAMPS)/installed-sheet-$(1): $(STAMPS)/pkg-sheet-$(1) $(if $(and $(wildcard www/pkg-sheet-$(1)/$(SHEET).js),$(wildcard www/pkg-sheet-$(1)/$(SHEET)_bg.wasm)),,FORCE)
	rm -rf www/pkg-sheet-$(1)
	cp -R target/pkg-sheet-$(1) www/pkg-sheet-$(1)
	touch $$@
endef
$(foreach part,$(SHEET_PARTS),$(eval $(call sheet_rules,$(part))))

build-sheets: setup $(SHEET_PARTS:%=$(STAMPS)/installed-sheet-%)

# The test workbooks, regenerated from tests/sheets/make.mjs (which writes the CSVs and
# workbooks.json from policy()): habits.xlsx by rust_xlsxwriter (natively), habits.xls by xlwt
# (PyPI, in a venv under target/: no .xls writer exists in Rust). Committed: make test never runs it.
sheet-fixtures: $(STAMPS)/installed-office
	node tests/sheets/make.mjs
	cargo run --quiet -p pinghu-sheet --features write --example fixtures -- tests/sheets/workbooks.json tests/sheets
	test -x target/py/bin/python || python3 -m venv target/py
	target/py/bin/python -c 'import xlwt' 2>/dev/null || target/py/bin/pip install --quiet xlwt==1.3.0
	target/py/bin/python tests/sheets/make_xls.py tests/sheets/workbooks.json tests/sheets

$(STAMPS)/pkg-dev: $(CRATE_INPUTS) $(PIPELINE) $(if $(wildcard target/pkg-dev/$(CRATE)_bg.wasm),,FORCE)
	$(call header,build-dev: wasm-pack build --target web on stable - default wasm features; do not ship)
	$(preflight)
	rm -rf target/pkg-dev
	env -u RUSTUP_TOOLCHAIN -u RUSTFLAGS $(WASM_PACK) $(WASM_PACK_BUILD) --out-dir target/pkg-dev .
	$(call postprocess,dev,)
	touch $@

$(STAMPS)/installed-mvp: $(STAMPS)/pkg-mvp $(REDO_IF_MISSING)
	$(call install,mvp)
	touch $@

$(STAMPS)/installed-dev: $(STAMPS)/pkg-dev $(REDO_IF_MISSING)
	$(call install,dev)
	touch $@

build: setup $(STAMPS)/installed-mvp www/pinghu-subsidy-calculator.min.js $(ELEMENT_PART_FILES) www/pinghu-subsidy-calculator.min.css $(ELEMENT_PART_STYLES) www/policy-text.txt www/page.min.js www/page.min.css

# The texts of the policy's sources, as its data lists them (policy().document.sources), beside
# the pages; the document's own also as policy-text.txt, the name the pages link to.
# It also writes the sources' list into index.html (so the page never moves for it: CLS).
www/policy-text.txt: $(STAMPS)/installed-mvp scripts/sources.mjs www/index.html
	node scripts/sources.mjs pkg www
	touch $@

# What the pages load: the element's modules (www/element/, entry define.js) bundled into one
# minified file, and its stylesheet minified (the readable modules work the same, unbundled).
# PINGHU_BUNDLE tells element/assets.js that import.meta.url is the bundle's (pkg/ beside it).
# The next steps' policy data (how to apply, departments, what to hold or show), kept out of
# policy() and the wasm: written from the policy file the crate is built with, loaded on demand.
GUIDE_DATA := www/element/guide-data.js
$(GUIDE_DATA): $(CRATE_INPUTS) examples/guide_data.rs
	cargo run --quiet --example guide_data > $@.tmp && mv $@.tmp $@

www/pinghu-subsidy-calculator.min.js: www/element/define.js $(GUIDE_DATA) $(wildcard www/element/*.js) $(wildcard www/element/workspace/*.js) package-lock.json
	$(ESBUILD) $< --bundle --minify --format=esm --target=chrome78,safari13 --supported:destructuring=true \
	  --define:PINGHU_BUNDLE=true '--banner:js=/* @ts-self-types="./pinghu-subsidy-calculator.d.ts" */' \
	  --log-level=warning --allow-overwrite --outfile=$@

# The parts loaded on demand (element/assets.js: partUrl): the plan view (when the plan is first
# shown), the visit's additions (after the first result) and the CSV writer (on download), each
# its own bundle beside the element's, so none weighs on the first result. A part gets what must
# be shared from the element (the form class) and carries its own copies of the small stateless
# helpers it imports (no shared chunk to chain-load).
www/pinghu-subsidy-calculator.%.min.js: www/element/%.js $(GUIDE_DATA) $(wildcard www/element/*.js) $(wildcard www/element/workspace/*.js) package-lock.json
	$(ESBUILD) $< --bundle --minify --format=esm --target=chrome78,safari13 --supported:destructuring=true \
	  --log-level=warning --allow-overwrite --outfile=$@

www/pinghu-subsidy-calculator.min.css: www/pinghu-subsidy-calculator.css package-lock.json
	$(ESBUILD) $< --minify --log-level=warning --allow-overwrite --outfile=$@

www/pinghu-subsidy-calculator.%.min.css: www/element/%.css package-lock.json
	$(ESBUILD) $< --minify --log-level=warning --allow-overwrite --outfile=$@

# The standalone pages' own script and stylesheet (index.html, batch.html link the minified ones:
# the page before its first result is in a size budget, docs/performance.md).
www/page.min.js: www/page.js package-lock.json
	$(ESBUILD) $< --minify --format=iife --target=chrome78,safari13 --log-level=warning --allow-overwrite --outfile=$@

www/page.min.css: www/page.css package-lock.json
	$(ESBUILD) $< --minify --log-level=warning --allow-overwrite --outfile=$@

build-dev: setup $(STAMPS)/installed-dev

# The second package, for the pages and tests that use it (the batch page, the workspace).
build-office: build $(STAMPS)/installed-office

# What an embedding site copies, ready: the minified element and stylesheet, its types, the
# engine (pkg/: glue, .wasm, types) and EMBED.md (www/EMBED.md), side by side as they must be.
# Every built pinghu-subsidy-calculator*.min.js is copied, so chunks of a code-split bundle go
# along (not page.min.js / page.min.css: the standalone page's own).
DIST ?= dist
dist: build-office
	$(call header,dist: $(DIST)/ (the element, its stylesheet, pkg/, EMBED.md))
	rm -rf $(DIST) && mkdir -p $(DIST)/pkg
	cp www/pinghu-subsidy-calculator*.min.js www/pinghu-subsidy-calculator*.min.css www/pinghu-subsidy-calculator.d.ts www/EMBED.md $(DIST)/
	cp www/pkg/pinghu_subsidy.js www/pkg/pinghu_subsidy_bg.wasm www/pkg/pinghu_subsidy.d.ts www/pkg/pinghu_subsidy_bg.wasm.d.ts $(DIST)/pkg/
	@if [ -d www/pkg/snippets ]; then cp -R www/pkg/snippets $(DIST)/pkg/; fi
	mkdir -p $(DIST)/pkg-office && cp www/pkg-office/pinghu_subsidy.js www/pkg-office/pinghu_subsidy_bg.wasm $(DIST)/pkg-office/
	@ls -l $(DIST) $(DIST)/pkg

run:
	@echo "make run: http://127.0.0.1:$(PORT)/  (setup + build first, then serving www/)"
	@$(MAKE) --no-print-directory build-office build-sheets
	@node scripts/sample.mjs
	@echo "Serving www/ on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	exec python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

# ---------------------------------------------------------------- tests

# Every step runs even when one fails (a later one may fail for the same reason, and says so);
# the summary names each failed step and how long each took. Node's spec reporter lists the
# failing tests at the end of its step; cargo test --no-fail-fast names the failing targets.
# Three lanes side by side (scripts/test-lanes.sh): the format check and the builds, then the
# checks of what was built and Chromium; the Rust side, whose lint starts at once and whose tests
# wait for the builds, then the other engines (WebKit, Firefox); the rehearsal's engines through
# Node and Chromium, after the builds (its engines at once; the rest, on a first run, once the
# native tests and the wasm boundary's have written target/debug, which it copies: a wasm32 build
# writes its host build scripts and proc-macros there. Once copied, it starts at once). The two cores are what every step waits on (Chromium's renderers included,
# which `time` does not count: the summary's CPU column is measured in a cgroup), so the lanes are
# there to keep both busy: a link or wasm-opt runs on one core while another lane uses the other.
# Each step prints whole when it ends. TEST_LANES=1 runs them one after another. Each browser
# step runs BROWSER_JOBS files at once.
TEST_PRE := fmt-check build build-office build-sheets
TEST_LANE_BUILT := validate-mvp check-js test-wasm-node test-browser
TEST_LANE_RUST := clippy after-pre test-native test-wasm-rust test-rehearsal-rust test-engines
TEST_LANE_REHEARSAL = after-pre rehearsal-engines $(if $(wildcard $(REHEARSAL)/cargo/debug),,after:test-wasm-rust) test-rehearsal-web
test: setup
	@MAKE="$(MAKE)" scripts/test-lanes.sh "$(TEST_PRE)" "$(TEST_LANE_BUILT)" "$(TEST_LANE_RUST)" "$(TEST_LANE_REHEARSAL)"

# House style (rustfmt.toml). `make fmt` rewrites; `make test` only checks.
fmt:
	cargo fmt --all

fmt-check:
	$(call header,cargo fmt --check - house style in rustfmt.toml; make fmt fixes it)
	cargo fmt --all --check

# Native first, then the wasm32 target: src/wasm.rs and tests/wasm_boundary.rs only exist there.
# (tests/steps.rs compiles under every policy, its tests ignored but on the mechanics one: linted here.)
clippy:
	$(call header,cargo clippy --all-targets -- -D warnings (native))
	cargo clippy --all-targets -- -D warnings
	$(call header,cargo clippy --lib --tests --target $(WASM_TARGET) -- -D warnings (the wasm-only code))
	@# Not the examples: they are native tools the Makefile runs (guide_data, policy_check), and
	@# their native-only dependencies (toml) do not exist for wasm32.
	cargo clippy --lib --tests --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --features batch,workspace -- -D warnings
	cargo clippy -p pinghu-sheet --all-targets --all-features -- -D warnings
	cargo clippy -p pinghu-sheet --lib --target $(WASM_TARGET) --features read,write -- -D warnings

# seed DIR, FROM: a target dir for a build that differs from FROM's only in its policy starts with
# FROM's third-party artifacts, hard-linked (scripts/seed.sh says why that is safe and what it leaves
# out), so that only our crates compile there. Cargo checks every artifact's fingerprint as usual.
define seed
	@scripts/seed.sh $(1) $(2)
endef

MECHANICS_POLICY := tests/mechanics/policy.toml
test-native:
	$(call header,cargo test --no-fail-fast (native: unit, doc, scenario tables, proptest))
	cargo test --no-fail-fast
	$(call header,cargo test -p pinghu-sheet --all-features (crates/sheet: the committed workbooks read, the writer read back))
	cargo test --no-fail-fast -p pinghu-sheet --all-features
	$(call header,the engine's mechanics on the test-only $(MECHANICS_POLICY) - PINGHU_POLICY in target/mechanics)
	$(call seed,target/mechanics/debug,target/debug)
	PINGHU_POLICY=$(MECHANICS_POLICY) CARGO_TARGET_DIR=target/mechanics cargo test --no-fail-fast --test steps --test properties

# The shipped modules must use nothing beyond MVP + mutable-globals (the wasmparser crate, in a Rust
# test: tests/wasm_features.rs); www/pkg and www/pkg-office must be the same bytes as pkg/, pkg-office/.
validate-mvp: $(STAMPS)/installed-mvp $(STAMPS)/installed-office build-sheets
	$(call header,the shipped modules against MVP + mutable-globals (tests/wasm_features.rs - wasmparser))
	cargo test --test wasm_features
	diff -r pkg www/pkg
	diff -r pkg-office www/pkg-office
	@echo "validate-mvp: OK (pkg/ and www/pkg/, pkg-office/ and www/pkg-office/ are the same bytes)"

check-js:
	$(call header,ES2019 syntax check of shipped JS (www/*.js - www/element/*.js - www/pkg/**/*.js))
	node scripts/check-es2019.mjs

test-boundary: test-wasm-node test-wasm-rust

# Node runs each test file in a process of its own: two at a time, the two cores.
NODE_TEST := node --test --test-concurrency=2 --test-reporter=spec

test-wasm-node: $(STAMPS)/installed-mvp $(STAMPS)/installed-office build-sheets
	$(call header,the shipped pkg/ and pkg-office/ through their JS API and a bounded fuzz run (tests/node/))
	$(NODE_TEST) tests/node/*.test.mjs

# wasm-pack test builds the tests for wasm32 on stable and runs them with wasm-bindgen-test-runner
# from PATH (the one setup installed beside wasm-bindgen); --mode no-install as for the build.
# Without debug info (CARGO_PROFILE_DEV_DEBUG=0; only these wasm32 units are built so): the test
# module is 2.7 MB instead of 17, quicker to compile and for the runner to read.
test-wasm-rust:
	$(call header,wasm-pack test --node (tests/wasm_boundary.rs in wasm on Node))
	$(preflight)
	env -u RUSTUP_TOOLCHAIN -u RUSTFLAGS CARGO_PROFILE_DEV_DEBUG=0 $(WASM_PACK) test --node --mode no-install . --test wasm_boundary

# BROWSER_JOBS files at a time, each with one browser for all its tests, the longest first (measured
# alone, wall; a file not in the list runs last). Two per lane: in `make test` two lanes run their
# Chromium passes side by side, and three each (six browsers on two cores) took more CPU for the
# same tests, and longer (docs/build.md, "Measured").
BROWSER_JOBS ?= 2
BROWSER_TEST := node --test --test-concurrency=$(BROWSER_JOBS) --test-reporter=spec
BROWSER_ORDER := phone workspace-backup visit calculator workspace robustness plan batch-sheets batch other-support
BROWSER_FILES := $(wildcard tests/browser/*.test.mjs)
BROWSER_TESTS := $(filter $(BROWSER_FILES),$(BROWSER_ORDER:%=tests/browser/%.test.mjs))
BROWSER_TESTS += $(filter-out $(BROWSER_TESTS),$(BROWSER_FILES))

test-browser: $(STAMPS)/installed-mvp $(STAMPS)/installed-office build-sheets dist
	$(call header,browser tests in Chromium (tests/browser/; $(BROWSER_JOBS) files at a time))
	$(BROWSER_TEST) $(BROWSER_TESTS)

# The cross-engine step: the same few broad tests (tests/engines/: the typical enterprise, amounts as
# typed at 375 px, the plan view, the workspace, batch on the worker and the main thread, dist/ under
# the strict CSP header) in WebKitGTK (WebKitWebDriver, under Xvfb), Firefox ESR (puppeteer-core over
# WebDriver BiDi) and Chromium (puppeteer-core over CDP), all from Debian: one file per engine, two at
# a time, WebKit (the longest) first. The drivers' differences live in tests/engines/harness.mjs and
# drivers.mjs; docs/engines.md has the pitfalls. Chromium has the whole browser step above: here it
# is left out by default (it would run after the first file ends, and make the step about 1 min
# longer under load); TEST_ENGINES="webkit firefox chromium" adds it, TEST_ENGINES=webkit runs one.
TEST_ENGINES ?= webkit firefox
test-engines: $(STAMPS)/installed-mvp $(STAMPS)/installed-office dist
	$(call header,the browser tests in other engines: $(TEST_ENGINES) (tests/engines/; two files at a time))
	$(NODE_TEST) $(TEST_ENGINES:%=tests/engines/%.test.mjs)

# The rehearsal of a policy update (README, "Updating the policy"): the crate built with
# PINGHU_POLICY=tests/rehearsal/policy.toml (a fictitious final text: other rates and caps, a new
# category with a condition, a 细则 source, final status) instead of policy/, and the tests that
# follow the data run on it with no code change: all of cargo test (the scenario tables of the
# fixture in tests/rehearsal/scenarios/, the policy data against its sources, the build's checks,
# the types, the properties, the doc examples); then both engines, built as the shipped ones are
# but for wasm-opt (the size is not what is rehearsed), through every Node test (PINGHU_PKG points
# the tests at both of the rehearsal's engines) and, on a copy of www/, every browser test.
# It reuses the plan's build where the policy is the only difference: its target dirs (native in
# target/rehearsal/cargo, wasm in target/rehearsal/mvp) start as copies of target/debug and
# target/mvp, so only the crate compiles, and the plan's are never rebuilt afterwards; of www/ only
# the engines, the next steps' data (in the visit part) and the sources' texts are its own.
REHEARSAL := target/rehearsal
REHEARSAL_POLICY := tests/rehearsal/policy.toml
REHEARSAL_ENV := PINGHU_POLICY=$(REHEARSAL_POLICY)

# rehearsal_package DIR, EXTRA_CARGO_ARGS: an engine of the rehearsal into $(REHEARSAL)/DIR. Stamped
# like the shipped ones: cargo rebuilds a cdylib whenever its features differ from the last build's
# in that target dir, so the two engines are built only when something they depend on changed.
define rehearsal_package
	$(call header,rehearsal engine $(1): the shipped pipeline with PINGHU_POLICY=$(REHEARSAL_POLICY) $(2))
	$(call seed,$(REHEARSAL)/mvp,$(MVP_DIR))
	rm -rf $(REHEARSAL)/$(1)
	$(REHEARSAL_ENV) RUSTUP_TOOLCHAIN=$(NIGHTLY_TC) CARGO_TARGET_DIR=$(REHEARSAL)/mvp RUSTFLAGS="$(MVP_RUSTFLAGS)" \
	  $(WASM_PACK) $(WASM_PACK_BUILD) --out-dir $(REHEARSAL)/$(1) . -Zbuild-std=std,panic_abort $(2)
	$(ESBUILD) $(REHEARSAL)/$(1)/$(CRATE).js --bundle $(ESBUILD_FLAGS) --outfile=$(REHEARSAL)/$(1)/$(CRATE).js
	rm -rf $(REHEARSAL)/$(1)/snippets
	mkdir -p $(STAMPS)
endef
REHEARSAL_INPUTS := $(CRATE_INPUTS) $(PIPELINE) $(wildcard tests/rehearsal/*.toml tests/rehearsal/*.txt)

$(STAMPS)/rehearsal-pkg: $(REHEARSAL_INPUTS) $(if $(wildcard $(REHEARSAL)/pkg/$(CRATE)_bg.wasm),,FORCE) | $(STAMPS)/installed-mvp
	$(call rehearsal_package,pkg,)
	touch $@

$(STAMPS)/rehearsal-office: $(REHEARSAL_INPUTS) $(if $(wildcard $(REHEARSAL)/pkg-office/$(CRATE)_bg.wasm),,FORCE) | $(STAMPS)/installed-mvp
	$(call rehearsal_package,pkg-office,$(OFFICE_CARGO))
	touch $@

# Two halves, so that make test can run them in different lanes: the Rust tests, and the engines
# built with the fixture through the Node and browser tests.
test-rehearsal: test-rehearsal-rust test-rehearsal-web

test-rehearsal-rust:
	$(call header,rehearsal, Rust: the fixture final text - PINGHU_POLICY=$(REHEARSAL_POLICY) - and no code change)
	$(call seed,$(REHEARSAL)/cargo/debug,target/debug)
	$(REHEARSAL_ENV) CARGO_TARGET_DIR=$(REHEARSAL)/cargo cargo test --no-fail-fast

# The rehearsal's two engines (from target/mvp, which only the builds write).
rehearsal-engines: build build-sheets
	@$(MAKE) --no-print-directory $(STAMPS)/rehearsal-pkg $(STAMPS)/rehearsal-office

# Seeds target/rehearsal/cargo from target/debug (for the next steps' data): in make test, only
# once the native and wasm boundary tests have ended (after:test-wasm-rust), so that nothing is
# copied half written.
test-rehearsal-web: rehearsal-engines
	$(call header,rehearsal, engines: the fixture final text through every Node and browser test)
	$(call seed,$(REHEARSAL)/cargo/debug,target/debug)
	rm -rf $(REHEARSAL)/www && mkdir -p $(REHEARSAL)/www
	cp www/*.html www/*.css www/*.js www/*.svg www/*.d.ts $(REHEARSAL)/www/ && cp -R www/element $(REHEARSAL)/www/element && cp -R www/batch $(REHEARSAL)/www/batch
	cp -R $(REHEARSAL)/pkg $(REHEARSAL)/pkg-office $(REHEARSAL)/www/
	@# the sheet parts know no policy: the plan's own
	cp -R www/pkg-sheet-read www/pkg-sheet-write $(REHEARSAL)/www/
	$(REHEARSAL_ENV) CARGO_TARGET_DIR=$(REHEARSAL)/cargo cargo run --quiet --example guide_data > $(REHEARSAL)/www/element/guide-data.js
	@# The parts that bundle the next steps' data (guide-data.js): the visit's and the plan view's.
	for part in visit plan-view; do \
	  $(ESBUILD) $(REHEARSAL)/www/element/$$part.js --bundle --minify --format=esm --target=chrome78,safari13 \
	    --supported:destructuring=true --log-level=warning --allow-overwrite --outfile=$(REHEARSAL)/www/pinghu-subsidy-calculator.$$part.min.js || exit 1; \
	done
	node scripts/sources.mjs $(REHEARSAL)/www/pkg $(REHEARSAL)/www
	PINGHU_PKG=$(REHEARSAL)/www/pkg $(NODE_TEST) tests/node/*.test.mjs
	PINGHU_WWW=$(REHEARSAL)/www PINGHU_PKG=$(REHEARSAL)/www/pkg $(BROWSER_TEST) $(BROWSER_TESTS)

# ---------------------------------------------------------------- policy update

# What a policy update must revisit (examples/policy_check.rs): the clauses changed since BASE
# (default: the last commit), every quote, reading, requirement, material, promise and summary
# resting on them, and the docs and tests that quote an old figure. A Markdown checklist.
BASE ?= HEAD
POLICY_FILE := policy/pinghu-2024-2027.toml
policy-check:
	@mkdir -p target
	@git show $(BASE):$(POLICY_FILE) > target/policy-base.toml
	@cargo run --quiet --example policy_check -- target/policy-base.toml $(POLICY_FILE) \
	  README.md $(wildcard docs/*.md) www/README.md www/EMBED.md $(wildcard tests/node/*.mjs tests/browser/*.mjs)

# ---------------------------------------------------------------- fuzz

# A longer run of the two fuzz targets than `make test` does (FUZZ_CASES to change it).
FUZZ_CASES ?= 200000
fuzz: setup $(STAMPS)/installed-mvp
	$(call header,proptest over requests - JSON-like values and the amount parser ($(FUZZ_CASES) cases each))
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --release --test properties
	$(call header,the shipped module from JS with arbitrary values ($(FUZZ_CASES) cases))
	FUZZ_CASES=$(FUZZ_CASES) node --test --test-timeout=3600000 tests/node/fuzz.test.mjs

# ---------------------------------------------------------------- bench

# One run, one table: sizes, calculate() against JSON.parse of its own result, first result in
# Chromium (bench/bench.mjs runs bench/browser.mjs). Reports, never fails on timing.
bench: build-office build-sheets
	$(call header,bench: sizes; calculate() vs JSON.parse; first result in Chromium - against the budgets)
	node bench/bench.mjs

# The same Node measurement on the JSON-string build (sizes and calculate(); no browser, nothing installed).
bench-json-output: setup $(STAMPS)/pkg-json-output
	$(call header,bench of the output-json build (target/pkg-json-output/; not shipped))
	BENCH_PKG=target/pkg-json-output BENCH_BROWSER=0 node bench/bench.mjs

clean:
	rm -rf pkg www/pkg pkg-office www/pkg-office target/pkg-office www/pkg-sheet-read www/pkg-sheet-write target/pkg-sheet-read target/pkg-sheet-write www/*.min.js www/*.min.css www/policy-text.txt $(GUIDE_DATA) dist \
	  $(REHEARSAL) target/mechanics $(MVP_DIR) target/pkg-mvp target/pkg-dev target/pkg-json-output $(WASM_OPT_CACHE) $(WASM_PACK_CACHE) $(STAMPS)

FORCE:
