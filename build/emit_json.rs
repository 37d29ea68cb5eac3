//! The JSON document the JS API `policy()` returns: the model serialized
//! through the crate's own types (`PolicyJson`), so its shape is defined once,
//! by the `Serialize` of `src/policy/types.rs`.

use crate::model::Model;

pub fn policy_json(model: &Model) -> Result<String, String> {
    serde_json::to_string(&model.json_view()).map_err(|e| format!("writing the policy JSON: {e}"))
}
