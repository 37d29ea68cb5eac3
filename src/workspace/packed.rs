//! A stored client's text, packed (version 4 entries written since issue 19): the entry's JSON
//! ([`entry_json`]) deflated with a zlib wrapper (its Adler-32 checksum refuses a damaged text) and
//! written 14 bits to a UTF-16 code unit, from U+4000, behind [`PACKED_MARKER`].
//!
//! Why so: `localStorage` holds text, counted in UTF-16 code units (Chromium and Firefox 5 Mi an
//! origin; WebKit counts 5 MB, a text with any unit above Latin-1 at two bytes a unit). 14 bits
//! is the most a unit carries whose values are one block of 2^14 code points, U+4000 to U+7FFF,
//! all in the Basic Multilingual Plane and none a surrogate (U+D800 to U+DFFF): a lone
//! surrogate is not a character, and the boundary's UTF-16 to UTF-8 conversion (or a browser's
//! storage) would replace it, and the entry would be lost. 15 bits would reach the surrogates.
//! The marker starts with a letter JSON never starts with (JSON opens with white space, `{`, `[`,
//! `"`, a digit, `-`, `t`, `f` or `n`), so a stored text is either packed or plain JSON, every
//! entry stored before issue 19 (read as it always was).

use std::borrow::Cow;

use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;

use super::{entry_json, Client};

/// What a packed text starts with (`p`, for packed; `z1`, deflate, packing 1).
pub const PACKED_MARKER: &str = "pz1:";
/// The first code unit of the packing; 14 bits a unit: U+4000 to U+7FFF.
const BASE: u32 = 0x4000;
const BITS: u32 = 14;
/// miniz's deflate level (0 to 10): 6, its default; 9 packs the 300 × 10 backup no smaller, 1 is
/// 44 % larger (docs/workspace.md).
const LEVEL: u8 = 6;
/// The most an unpacked entry may be, in bytes: far over what a client of the most scenarios with
/// the longest notes writes, so a packed text that claims more (damaged or hostile) is refused.
const MAX_UNPACKED: usize = 32 * 1024 * 1024;

/// A JSON text, packed.
pub fn pack(json: &str) -> String {
    let bytes = compress_to_vec_zlib(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(PACKED_MARKER.len() + bytes.len() * 3 * 8 / BITS as usize + 3);
    out.push_str(PACKED_MARKER);
    let (mut acc, mut n) = (0u32, 0u32);
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        n += 8;
        if n >= BITS {
            n -= BITS;
            out.push(unit((acc >> n) & ((1 << BITS) - 1)));
            acc &= (1 << n) - 1;
        }
    }
    if n > 0 {
        out.push(unit((acc << (BITS - n)) & ((1 << BITS) - 1)));
    }
    out
}

fn unit(v: u32) -> char {
    char::from_u32(BASE + v).unwrap_or('\u{4000}')
}

/// The JSON of a packed text (after its marker); `None` when a unit is out of the packing's block
/// or the deflated bytes do not inflate with their checksum right.
fn unpack_body(body: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(body.len() / 3 * BITS as usize / 8 + 1);
    let (mut acc, mut n) = (0u32, 0u32);
    for c in body.chars() {
        let v = u32::from(c).checked_sub(BASE).filter(|v| *v < 1 << BITS)?;
        acc = (acc << BITS) | v;
        n += BITS;
        while n >= 8 {
            n -= 8;
            bytes.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    // Inflating stops at the end of the zlib stream: a last byte of padding is never read.
    let json = decompress_to_vec_zlib_with_limit(&bytes, MAX_UNPACKED).ok()?;
    String::from_utf8(json).ok()
}

/// A stored text as JSON: a packed one unpacked, plain JSON as it is; `None` when it is packed
/// and does not unpack (damaged: the entry is then "unreadable", and kept as it is).
pub fn unpack(text: &str) -> Option<Cow<'_, str>> {
    match text.strip_prefix(PACKED_MARKER) {
        Some(body) => unpack_body(body).map(Cow::Owned),
        None => Some(Cow::Borrowed(text)),
    }
}

/// The text a client is stored as: its entry's JSON, packed.
pub fn stored_text(client: &Client) -> String {
    pack(&entry_json(client))
}

/// The UTF-16 code units the stored text of a client takes (what browsers count).
pub fn stored_units(client: &Client) -> usize {
    stored_text(client).encode_utf16().count()
}
