//! The JS boundary: the only module that knows about `wasm_bindgen`.
//!
//! In: `src/boundary/inert.js` makes the JS value inert (read once, bounded,
//! every throw caught), serde-wasm-bindgen converts that copy into a
//! [`Value`], and plain Rust reads and checks it. Out: serde writes the result
//! (see [`output`]). No JS exception ever crosses a Rust frame here, so every
//! exit leaves the wasm stack as it found it.

use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::request::read_amount_value;
use crate::value::{Unsupported, Value};
use crate::{plain, Error, Policy};

/// The API's shapes (`CalculateInput`, `Estimate`, `Policy`, `CalculateError`…), written once in
/// TypeScript and checked against the Rust types by `tests/typescript.rs`; the functions below
/// are typed with their names.
#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &str = include_str!("boundary/api.d.ts");

/// The batch API's shapes (`BatchOptions`, `BatchEnterpriseInput`, `BatchPart`, `BatchTotals`).
#[cfg(feature = "batch")]
#[wasm_bindgen(typescript_custom_section)]
const BATCH_TYPES: &str = include_str!("boundary/batch.d.ts");

#[wasm_bindgen(module = "/src/boundary/inert.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn inert(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// Calculates the support for `{ year, expenses: [...] }`; throws an `Error`
/// whose `errors` lists every problem as `{ path, code, zh, en }` (a `CalculateError`).
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn calculate(#[wasm_bindgen(unchecked_param_type = "CalculateInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let value = read_input(&input);
    match Policy::builtin().calculate_value(&value) {
        Ok(estimate) => Ok(output(&estimate)),
        Err(e) => Err(js_error(&e)),
    }
}

/// Calculates the support over the plan's years for
/// `{ years: [{ year, expenses }], already_received?: [{ category, amount }] }`;
/// throws like `calculate`, paths such as `years[1].expenses[0].amount`.
/// Typed in TypeScript as `PlanInput` → `PlanEstimate`, the names `src/boundary/api.d.ts` declares.
#[wasm_bindgen(unchecked_return_type = "PlanEstimate")]
pub fn calculate_plan(#[wasm_bindgen(unchecked_param_type = "PlanInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let value = read_input(&input);
    match Policy::builtin().calculate_plan_value(&value) {
        Ok(plan) => Ok(output(&plan)),
        Err(e) => Err(js_error(&e)),
    }
}

/// The whole policy: document facts, measures, categories with their conditions.
#[wasm_bindgen(unchecked_return_type = "Policy")]
pub fn policy() -> JsValue {
    JSON::parse(Policy::builtin().to_json()).unwrap_or(JsValue::NULL)
}

/// The engine's reading of one amount, as `"300000.00"`; throws like `calculate`.
#[wasm_bindgen(unchecked_return_type = "Money")]
pub fn read_amount(#[wasm_bindgen(unchecked_param_type = "Amount")] value: JsValue) -> Result<JsValue, JsValue> {
    match read_amount_value(&read_input(&value)) {
        Ok(d) => Ok(JsValue::from_str(&plain(d))),
        Err(e) => Err(js_error(&e)),
    }
}

/// Many enterprises at once, with an optional what-if overlay: `new Batch({ overlay })` (throws
/// a `CalculateError` for a bad overlay), then `add(enterprises)` part by part (each
/// `{ enterprise, rows: [{ year, expenses }] }` whole; returns the computed enterprises and the
/// refused rows), and `totals()` for everything added. Figures only, no words: see src/batch.rs.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = Batch)]
pub struct BatchJs(crate::Batch);

#[cfg(feature = "batch")]
#[wasm_bindgen(js_class = Batch)]
impl BatchJs {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "BatchOptions | undefined")] options: JsValue,
    ) -> Result<BatchJs, JsValue> {
        match crate::Batch::from_options(Policy::builtin(), &read_input(&options)) {
            Ok(b) => Ok(BatchJs(b)),
            Err(e) => Err(js_error(&e)),
        }
    }

    #[wasm_bindgen(unchecked_return_type = "BatchPart")]
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "BatchEnterpriseInput[]")] enterprises: JsValue,
    ) -> JsValue {
        output(&self.0.add(&read_input(&enterprises)))
    }

    #[wasm_bindgen(unchecked_return_type = "BatchTotals")]
    pub fn totals(&self) -> JsValue {
        output(&self.0.totals())
    }
}

/// A JS value as a [`Value`]: an inert copy, converted by serde-wasm-bindgen.
fn read_input(input: &JsValue) -> Value {
    let Ok(copy) = inert(input) else {
        return Value::Unsupported(Unsupported::Unreadable);
    };
    Value::read_or_unsupported(serde_wasm_bindgen::Deserializer::from(copy))
}

/// A result as a JS value: one JSON string written by serde and parsed once by
/// `JSON.parse` (measured faster than serde-wasm-bindgen's `to_value`, which
/// crosses the boundary for every property; see docs/performance.md).
#[cfg(not(feature = "output-to-value"))]
fn output<T: serde::Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).unwrap_or_default();
    JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// The alternative measured against it: serde-wasm-bindgen's `to_value`.
#[cfg(feature = "output-to-value")]
fn output<T: serde::Serialize>(value: &T) -> JsValue {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&s).unwrap_or(JsValue::NULL)
}

/// A JS `Error` with the whole message and an `errors` array of `{ path, code, zh, en }`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = Reflect::set(&err, &JsValue::from_str("errors"), &output(e));
    err.into()
}
