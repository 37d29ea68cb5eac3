#!/usr/bin/env bash
# Install everything `make build` / `make test` need, each step only if missing.
# Idempotent and fast (~1 s) when everything is present. One line per step.
#
# Fresh-machine costs measured on a 2-core box, and why each pin: docs/build.md ("Setup").
# What compiles is only what cannot be had otherwise: wasm-bindgen-cli (at Cargo.lock's version)
# and wasm-pack, both built for speed of compiling (CLI_OPT_LEVEL below), since their own speed
# hardly counts. Chromium (apt) and the npm tools download and unpack meanwhile, in the background.
#
# Env knobs:
#   SETUP_SKIP_CHROMIUM=1   don't apt-get install any browser (no browser tests wanted)
#   SETUP_SKIP_ENGINES=1    don't apt-get install WebKitGTK, Firefox ESR and Xvfb (make test-engines)
#   SETUP_DRY_RUN=1         only report what is missing, install nothing, exit 1 if something is
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Pinned tool versions (bump deliberately; wasm-bindgen follows Cargo.lock).
WASM_PACK_VERSION=0.15.1
# The CLI tools are compiled at this opt-level, without debug info. Measured (docs/build.md): 0
# takes well under half the CPU time of 1 (and of the default 3) to install, and costs the builds
# that run the tools a second or two.
CLI_OPT_LEVEL=0
# The shipped build's nightly, pinned by date (rust-toolchain-nightly, read by the Makefile too).
NIGHTLY=$(sed -n 's/^channel *= *"\(.*\)".*/\1/p' rust-toolchain-nightly)
NIGHTLY_RUSTC=$(sed -n 's/^rustc *= *"\(.*\)".*/\1/p' rust-toolchain-nightly)
[ -n "$NIGHTLY" ] && [ -n "$NIGHTLY_RUSTC" ] || { echo "setup: rust-toolchain-nightly lacks channel or rustc" >&2; exit 1; }

DRY=${SETUP_DRY_RUN:-0}
missing=0

step() { printf 'setup: %-34s %s\n' "$1" "$2"; }
now() { date +%s; }
# run_step NAME CMD...: run an install command quietly, show its log tail on failure
run_step() {
  local name=$1; shift
  if [ "$DRY" = 1 ]; then step "$name" "MISSING (dry run: would run: $*)"; missing=1; return 0; fi
  local log t0 rc
  log=$(mktemp "/tmp/setup-XXXXXX.log")
  t0=$(now)
  set +e
  "$@" >"$log" 2>&1
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    step "$name" "FAILED after $(( $(now) - t0 ))s (exit $rc): $*"
    tail -n 40 "$log" | sed 's/^/    /' >&2
    echo "    (full log: $log)" >&2
    exit $rc
  fi
  step "$name" "installed in $(( $(now) - t0 ))s"
  rm -f "$log"
}

need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: required command '$1' not found" >&2; exit 1; }; }
need rustup; need cargo; need node; need npm

# The toolchain `cargo` uses in this directory (stable unless a rust-toolchain file says otherwise).
ACTIVE=$(rustup show active-toolchain 2>/dev/null | awk 'NR==1{print $1}')
[ -n "$ACTIVE" ] || { echo "setup: no active rustup toolchain" >&2; exit 1; }

# --- background jobs: what downloads and unpacks rather than compiles ---------------------
# Chromium (apt) and the npm tools run meanwhile, each with its own log; their lines print when
# setup waits for them, at the end. A failure there fails setup, with its log's tail, as any step.
BG_DIR=$(mktemp -d /tmp/setup-bg-XXXXXX)
bg_pids=(); bg_names=()
# run_bg NAME CMD...: run_step in the background
run_bg() {
  local name=$1; shift
  if [ "$DRY" = 1 ]; then step "$name" "MISSING (dry run: would run: $*)"; missing=1; return 0; fi
  local i=${#bg_pids[@]}
  ( t0=$(now); set +e; "$@" >"$BG_DIR/$i.log" 2>&1; echo "$? $(( $(now) - t0 ))" >"$BG_DIR/$i.rc" ) &
  bg_pids+=($!); bg_names+=("$name")
}
# wait_bg: each background job's line, in the order started; the first failure exits
wait_bg() {
  local i rc secs
  for i in "${!bg_pids[@]}"; do
    wait "${bg_pids[$i]}" || true
    read -r rc secs <"$BG_DIR/$i.rc" || { rc=1; secs=0; }
    if [ "$rc" != 0 ]; then
      step "${bg_names[$i]}" "FAILED after ${secs}s (exit $rc)"
      tail -n 40 "$BG_DIR/$i.log" | sed 's/^/    /' >&2
      echo "    (full log: $BG_DIR/$i.log)" >&2
      exit "$rc"
    fi
    step "${bg_names[$i]}" "installed in ${secs}s (in the background)"
  done
  bg_pids=()
  rm -rf "$BG_DIR"
}
# A foreground failure still lets apt or npm finish rather than leaving them half done.
trap 'wait 2>/dev/null || true' EXIT

# --- bg 1. the browsers from Debian (browser tests), and CJK fonts --------------------------
# Chromium + chromium-driver (tests/browser/), and the other two engines (tests/engines/, make
# test-engines): WebKitGTK's MiniBrowser and WebKitWebDriver (webkit2gtk-driver) under Xvfb, and
# Firefox ESR (bookworm-security: its version moves, not pinned). Playwright's own WebKit and Firefox
# are downloads; these are not, and nothing downloads a browser at test time (docs/engines.md).
# chromium-headless-shell is the Chromium the browser tests drive (half the CPU of the full browser
# headless for the same tests; tests/browser/harness.mjs); it requires chromium-common at its own
# version, so it and chromium are installed together (and move together when apt upgrades).
# (without fonts-noto-cjk Chinese renders as boxes, and the one-page print check measures it;
# poppler-utils' pdftotext reads the client report's printed PDF back)
have_chromium() { [ -x /usr/bin/chromium ] && [ -x /usr/lib/chromium/chromium-headless-shell ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; }
have_engines() { [ -x /usr/bin/WebKitWebDriver ] && [ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ] && [ -x /usr/bin/firefox-esr ] && command -v Xvfb >/dev/null 2>&1; }
APT_PKGS=""
if have_chromium; then
  step "chromium" "present ($(/usr/bin/chromium --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -n1))"
elif [ "${SETUP_SKIP_CHROMIUM:-0}" = 1 ]; then
  step "chromium" "skipped (SETUP_SKIP_CHROMIUM=1)"
else
  APT_PKGS="chromium chromium-headless-shell chromium-driver fonts-noto-cjk poppler-utils"
fi
if have_engines; then
  step "webkit, firefox-esr, xvfb" "present ($(/usr/bin/firefox-esr --version 2>/dev/null | grep -o '[0-9][0-9.]*esr' | head -n1))"
elif [ "${SETUP_SKIP_ENGINES:-0}" = 1 ] || [ "${SETUP_SKIP_CHROMIUM:-0}" = 1 ]; then
  step "webkit, firefox-esr, xvfb" "skipped (SETUP_SKIP_ENGINES=1 or SETUP_SKIP_CHROMIUM=1)"
else
  APT_PKGS="$APT_PKGS webkit2gtk-driver firefox-esr xvfb"
fi
if [ -n "$APT_PKGS" ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  apt_install() {
    $SUDO apt-get update -q &&
    # shellcheck disable=SC2086 # a list of package names
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $APT_PKGS
  }
  run_bg "$(echo $APT_PKGS | tr ' ' ',' | sed 's/,/, /g') (apt)" apt_install
fi

# --- bg 2. npm dev tools (wasm-opt, esbuild, acorn, playwright-core, axe, selenium-webdriver,
#     puppeteer-core: drivers only, neither downloads a browser) ------------------------------
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] \
   && [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ]; then
  step "node_modules" "present"
else
  run_bg "node_modules (npm ci)" npm ci --no-audit --no-fund
fi

# --- 0. the pinned nightly (the shipped MVP build) --------------------------------------
# `rustup toolchain install nightly-YYYY-MM-DD` works here (rustup's own server answers). Should it
# fail, the machine's preinstalled `nightly` is used if it is the same build (channel manifest date
# and `rustc -V`), linked as pinghu-<channel>: rustup refuses to link under an official dated name.
# Anything else is a hard failure: the shipped bytes depend on this compiler.
NIGHTLY_TC="$NIGHTLY"   # the name cargo +TC and the Makefile use
NIGHTLY_RU="$NIGHTLY"   # the name rustup manages its components under (a linked one has none)
have_nightly() { rustup run "$1" rustc -V 2>/dev/null || true; }
if [ -n "$(have_nightly "$NIGHTLY")" ]; then
  step "nightly $NIGHTLY" "present"
elif [ -n "$(have_nightly "pinghu-$NIGHTLY")" ]; then
  NIGHTLY_TC="pinghu-$NIGHTLY"; NIGHTLY_RU=nightly
  step "nightly $NIGHTLY" "present (machine's nightly, linked as $NIGHTLY_TC)"
elif [ "$DRY" = 1 ]; then
  step "nightly $NIGHTLY" "MISSING (dry run: would run: rustup toolchain install $NIGHTLY --profile minimal)"; missing=1
else
  t0=$(now)
  if rustup toolchain install "$NIGHTLY" --profile minimal >/tmp/setup-nightly.log 2>&1; then
    step "nightly $NIGHTLY" "installed in $(( $(now) - t0 ))s"
  else
    step "nightly $NIGHTLY" "rustup could not install it (log: /tmp/setup-nightly.log); trying the machine's nightly"
    sysroot=$(rustup run nightly rustc --print sysroot 2>/dev/null || true)
    date=$(sed -n 's/^date = "\(.*\)"/\1/p' "$sysroot/lib/rustlib/multirust-channel-manifest.toml" 2>/dev/null || true)
    if [ -n "$sysroot" ] && [ "nightly-$date" = "$NIGHTLY" ] && [ "$(have_nightly nightly)" = "$NIGHTLY_RUSTC" ]; then
      rustup toolchain link "pinghu-$NIGHTLY" "$sysroot"
      NIGHTLY_TC="pinghu-$NIGHTLY"; NIGHTLY_RU=nightly
      step "nightly $NIGHTLY" "linked the machine's nightly (same build) as $NIGHTLY_TC"
    else
      echo "setup: the pinned nightly $NIGHTLY ($NIGHTLY_RUSTC) cannot be had:" >&2
      echo "    rustup toolchain install $NIGHTLY failed, and the machine's nightly is" >&2
      echo "    '${date:+nightly-$date}' / '$(have_nightly nightly)'. The shipped wasm needs exactly this" >&2
      echo "    compiler; to move to another nightly, change rust-toolchain-nightly on purpose (docs/build.md)." >&2
      exit 1
    fi
  fi
fi
if [ "$DRY" != 1 ] || [ -n "$(have_nightly "$NIGHTLY_TC")" ]; then
  got=$(have_nightly "$NIGHTLY_TC")
  if [ "$got" != "$NIGHTLY_RUSTC" ]; then
    echo "setup: toolchain $NIGHTLY_TC is '$got', but rust-toolchain-nightly pins '$NIGHTLY_RUSTC'" >&2; exit 1
  fi
fi

# --- 1. wasm32 target for the active toolchain and nightly ------------------------------
if rustup target list --installed --toolchain "$ACTIVE" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "wasm32 target ($ACTIVE)" "present"
else
  run_step "wasm32 target ($ACTIVE)" rustup target add wasm32-unknown-unknown --toolchain "$ACTIVE"
fi
# For the nightly, look in its sysroot: that works for a linked toolchain too.
NIGHTLY_SYSROOT=$(rustup run "$NIGHTLY_TC" rustc --print sysroot 2>/dev/null || true)
if [ -n "$NIGHTLY_SYSROOT" ] && [ -d "$NIGHTLY_SYSROOT/lib/rustlib/wasm32-unknown-unknown/lib" ]; then
  step "wasm32 target ($NIGHTLY_TC)" "present"
else
  run_step "wasm32 target ($NIGHTLY_TC)" rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY_RU"
fi

# --- 2. rust-src for nightly (-Zbuild-std of the MVP build) -----------------------------
if [ -n "$NIGHTLY_SYSROOT" ] && [ -f "$NIGHTLY_SYSROOT/lib/rustlib/src/rust/library/Cargo.lock" ]; then
  step "rust-src ($NIGHTLY_TC)" "present"
else
  run_step "rust-src ($NIGHTLY_TC)" rustup component add rust-src --toolchain "$NIGHTLY_RU"
fi

# --- 2b. rustfmt and clippy for the active toolchain (house rules in `make test`) -------
for comp in rustfmt clippy; do
  if rustup component list --installed --toolchain "$ACTIVE" 2>/dev/null | grep -q "^$comp"; then
    step "$comp ($ACTIVE)" "present"
  else
    run_step "$comp ($ACTIVE)" rustup component add "$comp" --toolchain "$ACTIVE"
  fi
done

# cli_install ARGS...: cargo install at CLI_OPT_LEVEL (release profile otherwise: no debug info)
cli_install() { CARGO_PROFILE_RELEASE_OPT_LEVEL=$CLI_OPT_LEVEL CARGO_PROFILE_RELEASE_DEBUG=false cargo install "$@"; }

# --- 3. wasm-bindgen CLI at exactly the version in Cargo.lock ---------------------------
WB_VERSION=$(awk '
  $0 == "[[package]]" { name = "" }
  /^name = / { gsub(/"/, "", $3); name = $3 }
  /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock 2>/dev/null || true)
if [ -z "$WB_VERSION" ]; then
  echo "setup: could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1
fi
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wb" = "$WB_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  step "wasm-bindgen-cli $WB_VERSION" "present"
else
  # No --locked: the CLI's own lock file pins a crate version crates.io lacks (toolchain notes).
  run_step "wasm-bindgen-cli $WB_VERSION${have_wb:+ (had $have_wb)}, opt-level $CLI_OPT_LEVEL" \
    cli_install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# --- 3b. wasm-pack, pinned (builds the package, runs the wasm tests) ---------------------
# The Makefile runs it with --mode no-install --no-opt, so it uses the wasm-bindgen above and never
# downloads a tool itself.
have_wp=$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_wp" = "$WASM_PACK_VERSION" ]; then
  step "wasm-pack $WASM_PACK_VERSION" "present"
else
  run_step "wasm-pack $WASM_PACK_VERSION${have_wp:+ (had $have_wp)}, opt-level $CLI_OPT_LEVEL" \
    cli_install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

wait_bg

if [ "$DRY" = 1 ] && [ "$missing" = 1 ]; then exit 1; fi
exit 0
