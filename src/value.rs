//! A JSON-like value: what an input is read into before its fields are
//! checked, so that every problem can be reported with its path (serde itself
//! stops at the first). Any serde deserializer gives one (serde_json for Rust users
//! and the tests); the JS boundary builds it by hand from inert.js's plain copy (src/wasm.rs).
//!
//! A JS number is kept as the `f64` it is and read as money only through its
//! shortest decimal form ([`crate::amount::read_number`]), never computed with.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Nesting deeper than this is not read (the JS boundary stops sooner).
pub const MAX_DEPTH: usize = 32;

/// The key of a marker object: `{"\u{0}": "bigint"}` stands for a value that
/// has no JSON form (see `src/boundary/inert.js`, which writes them).
const MARKER: &str = "\u{0}";

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// Keys in order.
    Object(Vec<(String, Value)>),
    /// Something that has no place in an input; says what.
    Unsupported(Unsupported),
}

/// A value that has no JSON form, or that was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsupported {
    BigInt,
    Symbol,
    Function,
    /// Reading it threw (a getter, a Proxy).
    Unreadable,
    /// It contains itself.
    Cycle,
    TooDeep,
    LongString,
    LongArray,
    /// The whole input holds more values than the boundary reads.
    TooLarge,
}

impl Unsupported {
    fn from_marker(id: &str) -> Unsupported {
        match id {
            "bigint" => Unsupported::BigInt,
            "symbol" => Unsupported::Symbol,
            "function" => Unsupported::Function,
            "cycle" => Unsupported::Cycle,
            "deep" => Unsupported::TooDeep,
            "long_string" => Unsupported::LongString,
            "long_array" => Unsupported::LongArray,
            "too_large" => Unsupported::TooLarge,
            _ => Unsupported::Unreadable,
        }
    }
}

impl Value {
    /// Reads a value from any self-describing serde deserializer.
    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Depth(0).deserialize(d)
    }

    /// The same; what cannot be read (too deep, malformed) is one unsupported value.
    pub fn read_or_unsupported<'de, D: Deserializer<'de>>(d: D) -> Value {
        Value::read(d).unwrap_or(Value::Unsupported(Unsupported::Unreadable))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Value::read(d)
    }
}

/// A seed that knows how deep it is: a hostile nesting cannot exhaust the stack.
#[derive(Clone, Copy)]
struct Depth(usize);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Depth {
    fn deeper<E: de::Error>(self) -> Result<Depth, E> {
        if self.0 >= MAX_DEPTH {
            Err(E::custom("nesting too deep"))
        } else {
            Ok(Depth(self.0 + 1))
        }
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-like value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i as f64))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u as f64))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(f))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq.next_element_seed(inner)? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut pairs: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            pairs.push((key, value));
        }
        Ok(Value::from_pairs(pairs))
    }
}

impl Value {
    /// An object from its keys and values in order, as `src/boundary/inert.js` writes them: a
    /// marker object is the unsupported value it stands for, and a key of NULs only loses the
    /// one NUL that escaped it.
    pub fn from_pairs(mut pairs: Vec<(String, Value)>) -> Value {
        if let [(key, Value::String(id))] = pairs.as_slice() {
            if key == MARKER {
                return Value::Unsupported(Unsupported::from_marker(id));
            }
        }
        for (k, _) in &mut pairs {
            if k.len() > 1 && k.bytes().all(|b| b == 0) {
                k.pop();
            }
        }
        Value::Object(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Value {
        Value::read(&mut serde_json::Deserializer::from_str(s)).unwrap()
    }

    #[test]
    fn reads_json() {
        let list = Value::Array(vec![
            Value::Number(1.0),
            Value::String("x".into()),
            Value::Null,
            Value::Bool(true),
        ]);
        assert_eq!(
            parse(r#"{"a":[1,"x",null,true]}"#),
            Value::Object(vec![("a".into(), list)])
        );
    }

    #[test]
    fn markers_become_unsupported_values() {
        assert_eq!(parse(r#"{"\u0000":"bigint"}"#), Value::Unsupported(Unsupported::BigInt));
        assert_eq!(
            parse(r#"{"\u0000":"what"}"#),
            Value::Unsupported(Unsupported::Unreadable)
        );
        assert_eq!(
            parse(r#"{"\u0000\u0000":1}"#),
            Value::Object(vec![("\u{0}".into(), Value::Number(1.0))])
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(Value::read(&mut serde_json::Deserializer::from_str(&deep)).is_err());
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(Value::read(&mut serde_json::Deserializer::from_str(&ok)).is_ok());
    }
}
