//! The JS boundary: the only module that knows about `wasm_bindgen`.
//!
//! It converts JS values to [`Value`] and back, and nothing else; reading,
//! checking and calculating happen in plain Rust. No input may panic here:
//! every JS call that can throw is caught, strings, arrays and nesting are
//! bounded before they are read.

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::{read_amount_value, Error, Policy, Value};

// SAFETY: wasm32-unknown-unknown without atomics runs one thread.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

const MAX_DEPTH: u32 = 16;
const MAX_STRING: u32 = 10_000;
const MAX_ARRAY: u32 = 10_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(o: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn get_length(target: &JsValue, key: &str) -> Result<u32, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> bool;
}

/// Calculates the support for `{ year, expenses: [...] }`; throws an `Error`
/// whose `errors` lists every problem as `{ path, code, zh, en }`.
#[wasm_bindgen]
pub fn calculate(input: JsValue) -> Result<JsValue, JsValue> {
    let v = from_js(&input, 0);
    match Policy::builtin().calculate_json(&v) {
        Ok(json) => Ok(js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)),
        Err(e) => Err(js_error(e)),
    }
}

/// The whole policy: document facts, measures, categories with their conditions.
#[wasm_bindgen]
pub fn policy() -> JsValue {
    js_sys::JSON::parse(Policy::builtin().to_json()).unwrap_or(JsValue::NULL)
}

/// The engine's reading of one amount, as `"300000.00"`; throws like `calculate`.
#[wasm_bindgen]
pub fn read_amount(value: JsValue) -> Result<JsValue, JsValue> {
    read_amount_value(&from_js(&value, 0)).map(|out| to_js(&out)).map_err(js_error)
}

fn from_js(v: &JsValue, depth: u32) -> Value {
    if v.is_null() || v.is_undefined() {
        return Value::Null;
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if v.as_f64().is_some() {
        // JS's own shortest round-trip form ("100.05", "1e+21", "NaN"): no float code in the wasm.
        let number: &js_sys::Number = v.unchecked_ref();
        return Value::Number(number.to_string_with_radix(10).map(String::from).unwrap_or_default());
    }
    if v.is_string() {
        let s: &JsString = v.unchecked_ref();
        if s.length() > MAX_STRING {
            return Value::Unsupported("a value too large");
        }
        return Value::String(s.as_string().unwrap_or_default());
    }
    if v.is_bigint() {
        return Value::Unsupported("a BigInt");
    }
    if v.is_symbol() {
        return Value::Unsupported("a symbol");
    }
    if v.is_function() {
        return Value::Unsupported("a function");
    }
    if !v.is_object() {
        return Value::Unsupported("an unreadable value");
    }
    if depth >= MAX_DEPTH {
        return Value::Unsupported("a nesting too deep");
    }
    if is_array(v) {
        let len = match get_length(v, "length") {
            Ok(len) if len <= MAX_ARRAY => len,
            Ok(_) => return Value::Unsupported("a value too large"),
            Err(_) => return Value::Unsupported("an unreadable value"),
        };
        let mut items = Vec::with_capacity(len as usize);
        for i in 0..len {
            match Reflect::get_u32(v, i) {
                Ok(x) => items.push(from_js(&x, depth + 1)),
                Err(_) => return Value::Unsupported("an unreadable value"),
            }
        }
        return Value::Array(items);
    }
    let Ok(keys) = object_keys(v) else { return Value::Unsupported("an unreadable value") };
    if keys.length() > MAX_ARRAY {
        return Value::Unsupported("a value too large");
    }
    let mut pairs = Vec::with_capacity(keys.length() as usize);
    for k in keys.iter() {
        let name = match k.as_string() {
            Some(s) if s.len() <= MAX_STRING as usize => s,
            _ => return Value::Unsupported("an unreadable value"),
        };
        match Reflect::get(v, &k) {
            Ok(x) => pairs.push((name, from_js(&x, depth + 1))),
            Err(_) => return Value::Unsupported("an unreadable value"),
        }
    }
    Value::Object(pairs)
}

fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Null | Value::Unsupported(_) => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        // Numbers we write are whole (years, indexes, minimums).
        Value::Number(n) => n.parse::<i64>().map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Value::Object(pairs) => {
            let o = Object::new();
            for (k, x) in pairs {
                let _ = Reflect::set(&o, &JsValue::from_str(k), &to_js(x));
            }
            o.into()
        }
    }
}

/// A JS `Error` with the whole message and an `errors` array of `{ path, code, zh, en }`.
fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let list: Array = e
        .problems()
        .iter()
        .map(|p| {
            to_js(&Value::obj([
                ("path", Value::str(&p.path)),
                ("code", Value::str(p.code)),
                ("zh", Value::str(&p.zh)),
                ("en", Value::str(&p.en)),
            ]))
        })
        .collect();
    let _ = Reflect::set(&err, &JsValue::from_str("errors"), &list);
    err.into()
}
