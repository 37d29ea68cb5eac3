//! `make policy-check` (examples/policy_check.rs): an update of a copy of the built policy file
//! lists what rests on the changed clause and the docs that quote its old figures; an unchanged
//! file lists nothing. Everything it checks is found in the data, not written here.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../examples/policy_check.rs"]
mod policy_check;

#[path = "../build/overlay.rs"]
mod overlay;

use pinghu_subsidy::{plain, Policy};

/// The file the crate was built with (PINGHU_POLICY, build/main.rs; the plan by default).
fn built() -> String {
    let read =
        |p: &str| std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).map_err(|e| e.to_string());
    // An overlay (the rehearsal's) stands for its merge onto its base, as the build reads it.
    overlay::resolve(include_str!(env!("PINGHU_POLICY_FILE")), read).unwrap()
}

#[test]
fn an_unchanged_file_lists_nothing() {
    let text = built();
    let r = policy_check::report(&text, &text, &[]).unwrap();
    assert!(r.measures.is_empty() && r.data.is_empty() && r.docs.is_empty(), "{r:?}");
    assert!(policy_check::markdown(&r).contains("No clause changed"));
}

#[test]
fn a_changed_cap_lists_its_clauses_quotes_and_the_docs_that_quote_the_old_figure() {
    let text = built();
    let p = Policy::builtin();
    // A category with a cap whose figure stands as `cap = "…"` once in the file.
    let cat = p
        .categories
        .iter()
        .find(|c| {
            text.matches(&format!("cap = \"{}\"", plain(c.cap).trim_end_matches(".00")))
                .count()
                == 1
        })
        .expect("premise: a category whose cap line is unique");
    let old_cap = plain(cat.cap).trim_end_matches(".00").to_string();
    let new_cap = format!("{old_cap}1");
    let updated = text.replacen(&format!("cap = \"{old_cap}\""), &format!("cap = \"{new_cap}\""), 1);
    // A doc that quotes the old cap as people write it, and one that does not.
    let grouped = policy_check::report(&text, &updated, &[]).unwrap();
    assert_eq!(grouped.measures, [cat.measure.to_string()]);
    assert!(
        grouped.data.iter().any(|i| i.text == cat.cap_source),
        "{:?}",
        grouped.data
    );
    let measure = p.measure(cat.measure).unwrap();
    assert!(grouped.data.iter().any(|i| i.text == measure.text));
    let shown = format!("¥{}", pinghu_subsidy::amount::money(cat.cap).trim_start_matches('¥'));
    let docs = vec![
        (
            "a.md".to_string(),
            format!("line one\nthe cap is {shown} per enterprise\n"),
        ),
        ("b.md".to_string(), "nothing here\n".to_string()),
    ];
    let r = policy_check::report(&text, &updated, &docs).unwrap();
    assert_eq!(r.docs.len(), 1, "{:?}", r.docs);
    assert!(r.docs[0].place.starts_with("a.md:2"), "{:?}", r.docs);
    assert!(policy_check::markdown(&r).contains("- [ ] a.md:2"));
}
