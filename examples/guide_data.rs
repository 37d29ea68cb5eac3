//! Writes the element's next-steps data module to standard output: how to apply, the
//! departments' full names and what each category's applicant must hold or show, from the
//! policy file the crate was built with (`Policy::guide_view()`). These are policy data kept
//! out of `policy()` and so out of the wasm; the element loads the module on demand.
//!
//! `make build` runs it into `www/element/guide-data.js` (git-ignored), and the rehearsal with
//! `PINGHU_POLICY=tests/rehearsal/policy.toml` into its copy of `www/`, so the module always
//! follows the policy file.

use pinghu_subsidy::Policy;

fn main() {
    let json = serde_json::to_string_pretty(&Policy::builtin().guide_view()).expect("the guide serializes");
    print!(
        "// Generated from the policy file by `make build` (examples/guide_data.rs); do not edit.\n\
         //\n\
         // How to apply, departments' full names and what each category's applicant must hold or\n\
         // show: policy data the element loads on demand, kept out of the engine's wasm.\n\
         export default {json};\n"
    );
}
