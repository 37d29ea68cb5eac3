//! The JS boundary: the only module that knows about `wasm_bindgen`.
//!
//! In: `src/boundary/inert.js` makes the JS value inert (read once, bounded,
//! every throw caught), [`plain_value`] converts that copy into a [`Value`],
//! and plain Rust reads and checks it. Out: serde writes the result
//! (see [`output`]). No JS exception ever crosses a Rust frame here, so every
//! exit leaves the wasm stack as it found it.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::amount::plain;
use crate::error::Error;
use crate::estimate::Lang;
use crate::policy::Policy;
use crate::request::read_amount_value;
use crate::value::{Unsupported, Value, MAX_DEPTH};

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
pub fn calculate(
    #[wasm_bindgen(unchecked_param_type = "CalculateInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    let value = read_input(&input);
    match Policy::builtin().calculate_value(&value) {
        Ok(mut estimate) => {
            if let Some(l) = lang {
                estimate.keep_language(l);
            }
            Ok(output(&estimate))
        }
        Err(e) => Err(js_error(&e)),
    }
}

/// The optional `lang` of `calculate` and `calculate_plan` (`"zh-CN"`, `"en"`; none: both);
/// anything else throws an `Error` saying so. Compared as JS values: no string is copied into
/// the wasm (the engine's size budget).
fn language(lang: &JsValue) -> Result<Option<Lang>, JsValue> {
    if lang.is_undefined() || lang.is_null() {
        Ok(None)
    } else if *lang == JsValue::from_str("zh-CN") {
        Ok(Some(Lang::Zh))
    } else if *lang == JsValue::from_str("en") {
        Ok(Some(Lang::En))
    } else {
        Err(js_sys::Error::new("lang: \"zh-CN\" or \"en\" (or none, for both)").into())
    }
}

/// Calculates the support over the plan's years for
/// `{ years: [{ year, expenses }], already_received?: [{ category, amount }] }`;
/// throws like `calculate`, paths such as `years[1].expenses[0].amount`.
/// Typed in TypeScript as `PlanInput` → `PlanEstimate`, the names `src/boundary/api.d.ts` declares.
#[wasm_bindgen(unchecked_return_type = "PlanEstimate")]
pub fn calculate_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanInput")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang")] lang: JsValue,
) -> Result<JsValue, JsValue> {
    let lang = language(&lang)?;
    let value = read_input(&input);
    match Policy::builtin().calculate_plan_value(&value) {
        Ok(mut plan) => {
            if let Some(l) = lang {
                plan.keep_language(l);
            }
            Ok(output(&plan))
        }
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
/// refused rows), and `totals()` for everything added. Figures only, no words: see src/batch/.
#[cfg(feature = "batch")]
#[wasm_bindgen(js_name = Batch)]
pub struct BatchJs(crate::batch::Batch);

#[cfg(feature = "batch")]
#[wasm_bindgen(js_class = Batch)]
impl BatchJs {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "BatchOptions | undefined")] options: JsValue,
    ) -> Result<BatchJs, JsValue> {
        match crate::batch::Batch::from_options(Policy::builtin(), &read_input(&options)) {
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

    /// The same as `add`, the part given as JSON text (`JSON.stringify` of plain data: strings,
    /// finite numbers, booleans, arrays, objects): the engine reads one string instead of walking
    /// thousands of small objects across the boundary (1.7x less CPU for issue 18's 30,000 rows,
    /// docs/performance.md). Text that is not JSON is refused like a part that is not an array.
    #[wasm_bindgen(unchecked_return_type = "BatchPart")]
    pub fn add_json(&mut self, text: &str) -> JsValue {
        let mut de = serde_json::Deserializer::from_str(text);
        let part = Value::read_or_unsupported(&mut de);
        let part = match de.end() {
            Ok(()) => part,
            Err(_) => Value::Unsupported(Unsupported::Unreadable),
        };
        output(&self.0.add(&part))
    }

    #[wasm_bindgen(unchecked_return_type = "BatchTotals")]
    pub fn totals(&self) -> JsValue {
        output(&self.0.totals())
    }
}

/// A JS value as a [`Value`]: an inert copy, converted by [`plain_value`].
fn read_input(input: &JsValue) -> Value {
    let Ok(copy) = inert(input) else {
        return Value::Unsupported(Unsupported::Unreadable);
    };
    plain_value(&copy, 0).unwrap_or(Value::Unsupported(Unsupported::Unreadable))
}

/// The inert copy (null, booleans, numbers, strings, arrays, objects without prototype: nothing
/// else, inert.js sees to it) as a [`Value`]; `None` past [`MAX_DEPTH`] or for anything else.
/// Read by hand rather than by serde-wasm-bindgen, whose general deserializer (and the float
/// formatting of its error messages) weighed about 4 KB gzip in the engine's wasm.
fn plain_value(v: &JsValue, depth: usize) -> Option<Value> {
    if v.is_null() || v.is_undefined() {
        return Some(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(Value::Number(n));
    }
    if let Some(s) = v.as_string() {
        return Some(Value::String(s));
    }
    if depth >= MAX_DEPTH || !v.is_object() {
        return None;
    }
    if Array::is_array(v) {
        let items: &Array = v.unchecked_ref();
        return items
            .iter()
            .map(|x| plain_value(&x, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array);
    }
    let keys = Object::keys(v.unchecked_ref::<Object>());
    let mut pairs = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let value = Reflect::get(v, &key).ok()?;
        pairs.push((key.as_string()?, plain_value(&value, depth + 1)?));
    }
    Some(Value::from_pairs(pairs))
}

/// A result as a JS value: serde-wasm-bindgen serialises the result's serde shape straight into
/// JS values (`json_compatible`: maps as objects, `None` as `null`, the same as `JSON.parse` of
/// the result's JSON would give). Money is a decimal string in every shape, so no float is
/// written. The inputs come the other way by hand (`plain_value`): serde-wasm-bindgen's reader
/// brought Rust's float formatting with it, about 9 KB gzip of the engine (docs/performance.md).
#[cfg(not(feature = "output-json"))]
fn output<T: serde::Serialize>(value: &T) -> JsValue {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&s).unwrap_or(JsValue::NULL)
}

/// The alternative measured against it (`make bench-json-output`): one JSON string written by
/// serde_json and parsed once by `JSON.parse`.
#[cfg(feature = "output-json")]
fn output<T: serde::Serialize>(value: &T) -> JsValue {
    let json = serde_json::to_string(value).unwrap_or_default();
    JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// A JS `Error` with the whole message and an `errors` array of `{ path, code, zh, en }`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = Reflect::set(&err, &JsValue::from_str("errors"), &output(e));
    err.into()
}

// ---------- The consultant's workspace (src/workspace/): localStorage through web-sys.
//
// Failures throw an `Error` with `code`: "disabled" (no storage: private mode, a web-view
// without it, or reading it threw), "quota" (the write did not fit), "invalid" (what the
// element asked to save does not read; `skipped` says where), "file" (an import file refused;
// `skipped` says why). The element words them.
//
// Only in the second package (`pkg-batch/`, features `batch` and `workspace`), which the
// workspace loads after the first result: the calculator's engine stays in its size budget.
#[cfg(feature = "workspace")]
mod storage {
    use super::*;
    use crate::workspace;

    /// The page's `localStorage`, or the "disabled" error.
    fn storage() -> Result<web_sys::Storage, JsValue> {
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(s))) => Ok(s),
            _ => Err(store_error("disabled", None)),
        }
    }

    fn store_error(code: &str, skipped: Option<&workspace::Skipped>) -> JsValue {
        let err = js_sys::Error::new(code);
        let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
        if let Some(s) = skipped {
            let _ = Reflect::set(&err, &JsValue::from_str("skipped"), &output(s));
        }
        err.into()
    }

    /// The workspace's keys in storage.
    fn stored_keys(s: &web_sys::Storage) -> Result<Vec<String>, JsValue> {
        let n = s.length().map_err(|_| store_error("disabled", None))?;
        let mut keys = Vec::new();
        for i in 0..n {
            if let Ok(Some(k)) = s.key(i) {
                if k.starts_with(workspace::KEY_PREFIX) {
                    keys.push(k);
                }
            }
        }
        Ok(keys)
    }

    /// A text as a value: `JSON.parse`, then the same inert copy and reader as an input.
    fn parse_text(text: &str) -> Option<Value> {
        JSON::parse(text).ok().map(|v| read_input(&v))
    }

    /// A stored text as a value: packed (`workspace::unpack`) or plain JSON, stored before.
    fn parse_stored(text: &str) -> Option<Value> {
        workspace::unpack(text).and_then(|json| parse_text(&json))
    }

    fn load_all() -> Result<workspace::Loaded, JsValue> {
        let s = storage()?;
        let mut entries = Vec::new();
        for key in stored_keys(&s)? {
            let text = s.get_item(&key).map_err(|_| store_error("disabled", None))?;
            entries.push((key, text.as_deref().and_then(parse_stored)));
        }
        Ok(workspace::load(Policy::builtin(), entries))
    }

    /// Every client stored on this device, each scenario read like an input:
    /// `{ clients, skipped }`; what does not read is skipped with its reason, nothing else lost.
    #[wasm_bindgen(unchecked_return_type = "WorkspaceLoaded")]
    pub fn workspace_load() -> Result<JsValue, JsValue> {
        load_all().map(|l| output(&l))
    }

    /// Applies an edit to a stored client: `base` the client as the element had it (null for a
    /// new one), `next` as it wants it (null deletes it). The stored client is read again first and
    /// only what differs between the two is applied, by scenario id (`workspace::merge`): a change
    /// made in another tab is kept, one that collides is refused ("conflict", `skipped`), and a
    /// stored entry that does not read is left alone ("unreadable"). Returns the client as stored
    /// (null when deleted).
    #[wasm_bindgen(unchecked_return_type = "WorkspaceClient | null")]
    pub fn workspace_save(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceClient | null")] base: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WorkspaceClient | null")] next: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(m) = merged(&base, &next)? else {
            return Ok(JsValue::NULL);
        };
        let Some(client) = m.client else {
            m.storage
                .remove_item(&m.key)
                .map_err(|_| store_error("disabled", None))?;
            return Ok(JsValue::NULL);
        };
        match m.storage.set_item(&m.key, &workspace::stored_text(&client)) {
            Ok(()) => Ok(output(&client)),
            Err(e) => {
                let name = Reflect::get(&e, &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string());
                let quota = name.as_deref() == Some("QuotaExceededError");
                Err(store_error(if quota { "quota" } else { "disabled" }, None))
            }
        }
    }

    /// What `workspace_save(base, next)` would add to this device's storage now, in UTF-16 code
    /// units (what browsers count; less than 0 when it frees some): the client as it would be
    /// stored (packed), its key, less what its key holds now. Writes nothing; throws as the save
    /// would ("conflict", "unreadable", "invalid", "disabled"). For the import's room check (issue
    /// 19: element/workspace/room.js), so that a file is refused exactly when it does not fit.
    #[wasm_bindgen]
    pub fn workspace_units_added(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceClient | null")] base: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WorkspaceClient | null")] next: JsValue,
    ) -> Result<i32, JsValue> {
        let Some(m) = merged(&base, &next)? else {
            return Ok(0);
        };
        let units = |t: &str| m.key.encode_utf16().count() + t.encode_utf16().count();
        let after = m.client.map_or(0, |c| units(&workspace::stored_text(&c)));
        let before = m.stored_text.as_deref().map_or(0, units);
        Ok(i32::try_from(after).unwrap_or(i32::MAX) - i32::try_from(before).unwrap_or(i32::MAX))
    }

    /// An edit applied onto what is stored (`workspace::merge`), not yet written.
    struct Merged {
        storage: web_sys::Storage,
        key: String,
        /// The entry's text as stored now.
        stored_text: Option<String>,
        /// The client to store; `None` deletes it.
        client: Option<workspace::Client>,
    }

    /// `next` over the stored client from `base` (`None` when both are null).
    fn merged(base: &JsValue, next: &JsValue) -> Result<Option<Merged>, JsValue> {
        let p = Policy::builtin();
        let read = |v: &JsValue| match v.is_null() || v.is_undefined() {
            true => Ok(None),
            false => workspace::read_new(p, &read_input(v)).map(Some),
        };
        let invalid = |s: workspace::Skipped| store_error("invalid", Some(&s));
        let (base, next) = (read(base).map_err(invalid)?, read(next).map_err(invalid)?);
        let Some(id) = next.as_ref().or(base.as_ref()).map(|c| c.id.clone()) else {
            return Ok(None);
        };
        let storage = storage()?;
        let key = workspace::key(&id);
        let stored_text = storage.get_item(&key).map_err(|_| store_error("disabled", None))?;
        let stored = match &stored_text {
            None => None,
            Some(text) => {
                let v = parse_stored(text)
                    .ok_or_else(|| store_error("unreadable", Some(&workspace::Skipped::json(&key))))?;
                let (c, _) = workspace::read_entry(p, &key, &v).map_err(|s| store_error("unreadable", Some(&s)))?;
                Some(c)
            }
        };
        let client = workspace::merge(stored.as_ref(), base.as_ref(), next.as_ref())
            .map_err(|s| store_error(if s.code == "conflict" { "conflict" } else { "invalid" }, Some(&s)))?;
        Ok(Some(Merged {
            storage,
            key,
            stored_text,
            client,
        }))
    }

    /// Removes one client, or with no id everything the workspace stored on this device
    /// (corrupt entries too); returns how many entries were removed.
    #[wasm_bindgen]
    pub fn workspace_remove(id: Option<String>) -> Result<u32, JsValue> {
        let s = storage()?;
        let keys = match id {
            Some(id) => vec![workspace::key(&id)],
            None => stored_keys(&s)?,
        };
        for k in &keys {
            s.remove_item(k).map_err(|_| store_error("disabled", None))?;
        }
        Ok(keys.len() as u32)
    }

    /// The export file of every client that loads (`exported`: `YYYY-MM-DD`).
    #[wasm_bindgen]
    pub fn workspace_export(exported: &str) -> Result<String, JsValue> {
        load_all().map(|l| workspace::file_json(&l.clients, exported))
    }

    /// Reads an export file, each client like a stored one: `{ clients, skipped }`; throws "file"
    /// with the reason when the file as a whole is refused. Stores nothing (the element compares).
    /// The file is parsed by `JSON.parse`; its envelope and then each client cross the boundary
    /// one by one, so the boundary's limits apply to a client, not to the whole file.
    #[wasm_bindgen(unchecked_return_type = "WorkspaceLoaded")]
    pub fn workspace_import(text: &str) -> Result<JsValue, JsValue> {
        let bad = |s: &workspace::Skipped| store_error("file", Some(s));
        let v = JSON::parse(text).map_err(|_| bad(&workspace::Skipped::json("file")))?;
        let key = |k: &str| Reflect::get(&v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let (head, items) = if v.is_object() && !js_sys::Array::is_array(&v) {
            let head = js_sys::Object::new();
            // Every key but the clients (an unknown one is refused by the reader).
            for k in js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter() {
                if k.as_string().as_deref() != Some("clients") {
                    let _ = Reflect::set(&head, &k, &Reflect::get(&v, &k).unwrap_or(JsValue::UNDEFINED));
                }
            }
            let clients = key("clients");
            let items = if js_sys::Array::is_array(&clients) {
                Some(js_sys::Array::from(&clients).iter().map(|c| read_input(&c)).collect())
            } else {
                None
            };
            (read_input(&head), items)
        } else {
            (read_input(&v), None)
        };
        let (clients, skipped) = workspace::read_file_parts(Policy::builtin(), &head, items).map_err(|s| bad(&s))?;
        Ok(output(&workspace::Loaded { clients, skipped }))
    }

    /// The stamp a scenario is saved with (`WorkspaceScenario`, read like a stored one): the
    /// policy data in use (version, fingerprint) and what its input gives under it, the figures
    /// of the result on screen. Throws "invalid" with `skipped` when it does not read.
    #[wasm_bindgen(unchecked_return_type = "WorkspaceStamp")]
    pub fn workspace_stamp(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceScenario")] scenario: JsValue,
    ) -> Result<JsValue, JsValue> {
        let p = Policy::builtin();
        workspace::read_one(p, &read_input(&scenario))
            .and_then(|s| workspace::stamp(p, &s))
            .map(|s| output(&s))
            .map_err(|s| store_error("invalid", Some(&s)))
    }

    /// What a scenario gave when saved (its stamp) against what it gives under the policy data in
    /// use, each difference in exact money; null when it has no stamp (saved before version 3).
    #[wasm_bindgen(unchecked_return_type = "WorkspaceDrift | null")]
    pub fn workspace_drift(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceScenario")] scenario: JsValue,
    ) -> Result<JsValue, JsValue> {
        let p = Policy::builtin();
        workspace::read_one(p, &read_input(&scenario))
            .and_then(|s| workspace::drift(p, &s))
            .map(|d| d.map_or(JsValue::NULL, |d| output(&d)))
            .map_err(|s| store_error("invalid", Some(&s)))
    }

    /// Compares 2 to 4 scenarios (`WorkspaceScenario`s, each read like a stored one; the first
    /// is the baseline): per category, in total, per year, with the differences, in exact money.
    /// Throws "invalid" with `skipped` (entry `compare`) when they cannot be compared.
    #[wasm_bindgen(unchecked_return_type = "WorkspaceComparison")]
    pub fn workspace_compare(
        #[wasm_bindgen(unchecked_param_type = "WorkspaceScenario[]")] scenarios: JsValue,
    ) -> Result<JsValue, JsValue> {
        crate::compare::compare_value(Policy::builtin(), &read_input(&scenarios))
            .map(|c| output(&c))
            .map_err(|s| store_error("invalid", Some(&s)))
    }
}
