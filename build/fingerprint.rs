//! The policy's fingerprint: the hex SHA-256 of the policy file's bytes (what
//! `sha256sum policy/pinghu-2024-2027.toml` prints). It is put first in the JSON
//! `policy()` returns, and the engine's `FINGERPRINT` (in every result's `policy`)
//! is a slice of that JSON, so the wasm carries the 64 characters once.

/// Where the hex starts in the JSON: after `{"fingerprint":"`.
pub const FROM: usize = 16;

/// The static the engine reads, slicing the JSON (`j` is emit_rust's slicer).
pub const STATIC: &str =
    "/// The hex SHA-256 of the policy file: a slice of the JSON.\npub(crate) static FINGERPRINT: &str = j(16, 80);\n";

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The policy JSON with `"fingerprint"` as its first key.
pub fn with_fingerprint(json: &str, hex: &str) -> Result<String, String> {
    let rest = json.strip_prefix('{').ok_or("the policy JSON is not an object")?;
    let out = format!("{{\"fingerprint\":\"{hex}\",{rest}");
    if out.get(FROM..FROM + 64) != Some(hex) {
        return Err("the fingerprint is not where the engine slices it".into());
    }
    Ok(out)
}
