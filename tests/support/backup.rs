//! A consultant's backup of `clients` clients of `plans` plans each (issue 19's 300 × 10), every
//! plan over the policy's years with six expense categories, stamped as the element saves it.
//! Used by tests/workspace_merge.rs (read client by client) and tests/workspace_packed.rs (stored
//! packed under the browser's limit). Categories and years come from the policy, not named.

use pinghu_subsidy::policy::Kind;
use pinghu_subsidy::workspace;
use pinghu_subsidy::Policy;
use serde_json::{json, Value as Json};

/// The clients of the backup, as the export file holds them.
pub fn backup_clients(policy: &'static Policy, clients: usize, plans: usize) -> Vec<Json> {
    let d = &policy.document;
    let expenses: Vec<&str> = policy
        .categories
        .iter()
        .filter(|c| c.kind == Kind::Expense)
        .map(|c| c.id)
        .take(6)
        .collect();
    let plan: Vec<Json> = (d.first_year..=d.last_year)
        .map(|y| {
            let items: Vec<Json> = expenses
                .iter()
                .map(|c| json!({ "category": c, "amount": "120000" })) // input, not a policy figure
                .collect();
            json!({ "year": y, "expenses": items })
        })
        .collect();
    let bare = json!({ "id": "s", "name": "n", "saved": "", "kind": "plan", "input": { "years": plan } });
    let read = workspace::read_one(policy, &workspace::parse(&bare.to_string()).unwrap()).unwrap();
    let stamp = serde_json::to_value(workspace::stamp(policy, &read).unwrap()).unwrap();
    let scenarios: Vec<Json> = (0..plans)
        .map(|i| json!({ "id": format!("s{i}"), "name": format!("三年方案 {i}"), "saved": "2026-12-01", "kind": "plan", "input": { "years": plan }, "stamp": stamp }))
        .collect();
    (0..clients)
        .map(|i| json!({ "id": format!("c-{i}"), "name": format!("客户 {i}"), "contact": "张三 13800000000", "notes": "备注", "scenarios": scenarios }))
        .collect()
}
