//! The shipped modules use nothing beyond the WebAssembly MVP plus mutable globals, what old
//! web-views accept (WeChat's XWeb on Chrome 78, iOS 13): `pkg/pinghu_subsidy_bg.wasm` (the
//! calculator's engine), `pkg-office/pinghu_subsidy_bg.wasm` (the batch and workspace engine) and
//! the batch page's spreadsheet parts, `www/pkg-sheet-read/` and `www/pkg-sheet-write/`
//! (`pinghu_sheet_bg.wasm`, crates/sheet),
//! validated by the `wasmparser` crate with exactly those features (what `wasm-tools validate
//! --features mvp,mutable-global` does, with no CLI to install). `make test` runs it after the
//! build; a package not built yet is skipped, saying so.
#![cfg(not(target_arch = "wasm32"))]

use std::{fs, io::Write, path::Path};
use wasmparser::{Validator, WasmFeatures};

/// MVP plus mutable globals, nothing else: no sign-extension, bulk memory, reference types,
/// multi-value, non-trapping float-to-int or SIMD.
const SHIPPED: WasmFeatures = WasmFeatures::MVP.union(WasmFeatures::MUTABLE_GLOBAL);

fn validate(bytes: &[u8]) -> Result<(), String> {
    Validator::new_with_features(SHIPPED)
        .validate_all(bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Validates a built package's module, or says (past the test harness's capture) why it is not there.
fn check(package: &str) {
    check_module(package, "pinghu_subsidy_bg.wasm")
}

fn check_module(package: &str, module: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(package).join(module);
    let Ok(bytes) = fs::read(&path) else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {} is not built yet (`make build` builds pkg/, `make build-office` pkg-office/, `make build-sheets` the sheet parts)",
            path.display()
        );
        return;
    };
    if let Err(e) = validate(&bytes) {
        panic!("{} uses more than MVP + mutable-globals: {e}", path.display());
    }
}

#[test]
fn the_calculators_engine_is_mvp_plus_mutable_globals() {
    check("pkg");
}

#[test]
fn the_batch_and_workspace_engine_is_mvp_plus_mutable_globals() {
    check("pkg-office");
}

#[test]
fn the_sheet_parts_are_mvp_plus_mutable_globals() {
    check_module("www/pkg-sheet-read", "pinghu_sheet_bg.wasm");
    check_module("www/pkg-sheet-write", "pinghu_sheet_bg.wasm");
}

/// The check refuses what it must: a function using `i32.extend8_s` (sign-extension, which
/// stable Rust's prebuilt `std` brings in) fails; the same module without it passes.
#[test]
fn the_check_refuses_a_newer_instruction() {
    let module = |body: &[u8]| {
        let mut m = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        m.extend([0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f]); // type: () -> i32
        m.extend([0x03, 0x02, 0x01, 0x00]); // one function of that type
        let code = [&[body.len() as u8 + 2, 0x00][..], body, &[0x0b]].concat();
        m.extend([0x0a, code.len() as u8 + 1, 0x01]);
        m.extend(code);
        m
    };
    assert_eq!(validate(&module(&[0x41, 0x00])), Ok(()), "i32.const 0");
    let sign_ext = validate(&module(&[0x41, 0x00, 0xc0]));
    assert!(sign_ext.is_err(), "i32.extend8_s was accepted");
}
