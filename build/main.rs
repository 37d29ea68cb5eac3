//! Turns the policy file into Rust data at build time, so the wasm carries no
//! TOML or JSON parser. One job per module:
//!
//! - `schema`: the file's shape as serde types; `toml` names the line and
//!   column of an unknown key, a missing one, a wrong type, a bad decimal.
//! - `checks`: what needs more than one value: references, duplicates, keys
//!   that go together, dates against years.
//! - `model`: the checked file as the crate's own types (`src/policy/types.rs`).
//! - `emit_json`: those values serialized: the JSON `policy()` returns.
//! - `emit_rust`: the same values as the statics `Policy::builtin()` reads.
//! - `overlay`: a policy file written as an update of another (`base = …`), merged onto it.
//!
//! The policy's fingerprint, the hex SHA-256 of the policy file's bytes (what
//! `sha256sum policy/pinghu-2024-2027.toml` prints), is computed here and put
//! first in the JSON (`"fingerprint"`); the engine's `FINGERPRINT` is a slice of it.
//!
//! A mistake in the file fails the build with its place and no backtrace.
//! See `docs/policy-build.md`.

mod checks;
mod emit_json;
mod emit_rust;
mod fingerprint;
mod model;
mod overlay;
mod schema;
// Shared with the crate; the build script uses its types, not all their methods.
#[allow(dead_code)]
#[path = "../src/policy/types.rs"]
mod types;

use std::{env, fs, path::Path, process};

/// The policies the repository builds, by the name the tests know them by (the cfg
/// `pinghu_policy`): the plan, the fixture of a final text (the rehearsal, `make test-rehearsal`)
/// and the test-only policy of the engine's mechanics tests (tests/steps.rs), whose figures never
/// change with the plan's. Any other file builds too, as `other`.
const POLICIES: [(&str, &str); 3] = [
    ("plan", "policy/pinghu-2024-2027.toml"),
    ("rehearsal", "tests/rehearsal/policy.toml"),
    ("mechanics", "tests/mechanics/policy.toml"),
];

/// The policy the crate is built with, and its name: the environment variable `PINGHU_POLICY`
/// (a path from the crate's root, or absolute), or the plan. The one way to choose it: cargo
/// features do not. Each policy is best built in a target dir of its own (the Makefile's
/// `CARGO_TARGET_DIR=target/rehearsal`…): a change of the variable rebuilds the crate.
fn policy_path() -> (String, &'static str) {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let path = match env::var("PINGHU_POLICY") {
        Ok(p) if !p.trim().is_empty() => {
            let p = p.trim();
            let p = p.strip_prefix(&format!("{root}/")).unwrap_or(p);
            p.trim_start_matches("./").to_string()
        }
        _ => POLICIES[0].1.to_string(),
    };
    let name = POLICIES.iter().find(|(_, p)| *p == path).map_or("other", |(n, _)| n);
    (path, name)
}

fn main() {
    let (policy, name) = policy_path();
    println!("cargo:rerun-if-env-changed=PINGHU_POLICY");
    println!("cargo:rerun-if-changed={policy}");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/policy/types.rs");
    println!("cargo:rerun-if-changed=src/policy/json.rs");
    // For the tests: which policy (`#[cfg(pinghu_policy = "mechanics")]`) and its file, as an
    // absolute path (`include_str!(env!("PINGHU_POLICY_FILE"))`), so they pick their tables by it.
    println!("cargo::rustc-check-cfg=cfg(pinghu_policy, values(\"plan\", \"rehearsal\", \"mechanics\", \"other\"))");
    println!("cargo:rustc-cfg=pinghu_policy=\"{name}\"");
    let file = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join(&policy);
    println!("cargo:rustc-env=PINGHU_POLICY_FILE={}", file.display());
    if let Err(message) = run(&policy) {
        eprintln!("error: {message}");
        process::exit(1);
    }
}

fn run(policy: &str) -> Result<(), String> {
    let text = fs::read_to_string(policy).map_err(|e| format!("{policy}: {e}"))?;
    // An overlay (a file with `base = …`) is merged onto its base first: build/overlay.rs.
    let text = overlay::resolve(&text, |base| {
        println!("cargo:rerun-if-changed={base}");
        fs::read_to_string(base).map_err(|e| format!("{policy}: base {base}: {e}"))
    })?;
    let file = schema::parse(&text).map_err(|e| format!("{policy}: {e}"))?;
    let problems = checks::check(&file, &text);
    if !problems.is_empty() {
        return Err(problems
            .iter()
            .map(|p| format!("{policy}:{p}"))
            .collect::<Vec<_>>()
            .join("\nerror: "));
    }
    for x in &file.source {
        println!("cargo:rerun-if-changed={}", x.file.get_ref());
    }
    let model = model::build(&file).map_err(|e| format!("{policy}: {e}"))?;
    let json = emit_json::policy_json(&model)?;
    let json = fingerprint::with_fingerprint(&json, &fingerprint::sha256_hex(text.as_bytes()))?;
    let mut code = emit_rust::policy_data(&model, &json, policy);
    code.push_str(fingerprint::STATIC);
    let out = Path::new(&env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?).join("policy_data.rs");
    fs::write(&out, code).map_err(|e| format!("{}: {e}", out.display()))
}
