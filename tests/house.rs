//! The house rules of `src/` (docs/architecture.md, "Code map"), checked on the source text:
//!
//! - each module imports only the modules of lower layers ([`LAYERS`]), so no two import each
//!   other, and every `crate::` path names the module it uses (no root re-exports inside src/);
//! - no file over [`MAX_FILE_LINES`] lines, no function over [`MAX_FN_LINES`] lines.
//!
//! A function is counted from its `fn` line to its closing brace, braces counted outside
//! comments, strings and character literals.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

/// Each module of src/ and its layer: a module may import only modules of a lower layer. A new
/// module takes its place here, and docs/architecture.md says its invariant.
const LAYERS: &[(&str, u8)] = &[
    // Data that knows no other module.
    ("amount", 0),
    ("value", 0),
    ("policy", 0),
    // What went wrong, and what a calculation returns: typed, no words.
    ("error", 1),
    ("estimate", 1),
    // The input and its reader.
    ("request", 2),
    // The words, of what the layers below made; a what-if policy.
    ("catalogue", 3),
    ("overlay", 3),
    // The arithmetic, which asks the catalogue for words where it writes a result.
    ("engine", 4),
    // The entry points: read, check, calculate.
    ("calculate", 5),
    ("batch", 6),
    ("workspace", 6),
    ("compare", 7),
    // The JS boundary.
    ("wasm", 8),
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to: `src/engine/plan.rs` → `engine`, `src/lib.rs` → `lib`.
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("under src/");
    let first = rel.components().next().expect("a path").as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The text with comments, strings and character literals blanked (newlines kept), so that
/// what is left is code: braces and paths can be counted and read.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&c, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, c[j]);
                j += 1;
            }
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            i += 1;
        } else if c[i] == '\'' {
            // A character literal ('{', '\'', '\u{3000}'), or a lifetime ('a, 'static).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(c[i]);
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_before(c: &[char], i: usize) -> bool {
    i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_')
}

/// The modules a text names with `crate::name` or `crate::{name, name::…}`, and any other name
/// it takes from the crate's root.
fn imports(code: &str) -> (Vec<String>, Vec<String>) {
    let modules: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).collect();
    let (mut used, mut root) = (Vec::new(), Vec::new());
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let names: Vec<String> = if let Some(group) = after.strip_prefix('{') {
            top_level_names(group)
        } else {
            vec![after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()]
        };
        for n in names {
            if modules.contains(&n.as_str()) {
                used.push(n);
            } else if !n.is_empty() {
                root.push(n);
            }
        }
        rest = after;
    }
    (used, root)
}

/// The first name of each path in a `{…}` group, up to its closing brace.
fn top_level_names(group: &str) -> Vec<String> {
    let (mut names, mut depth, mut start) = (Vec::new(), 0, true);
    let mut chars = group.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && (c.is_alphanumeric() || c == '_') => {
                let mut name = c.to_string();
                while let Some(&n) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                    name.push(n);
                    chars.next();
                }
                names.push(name);
                start = false;
            }
            _ => {}
        }
    }
    names
}

#[test]
fn each_module_imports_only_lower_layers() {
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut wrong = Vec::new();
    let mut seen = Vec::new();
    for file in rust_files(&src()) {
        let module = module_of(&file);
        let code = code_only(&fs::read_to_string(&file).expect("readable"));
        if module == "lib" {
            continue; // the root declares and re-exports every module
        }
        let Some(&own) = layer.get(module.as_str()) else {
            wrong.push(format!("{}: module `{module}` has no layer in LAYERS", file.display()));
            continue;
        };
        seen.push(module.clone());
        let (used, root) = imports(&code);
        for m in used.iter().filter(|m| **m != module) {
            if layer[m.as_str()] >= own {
                wrong.push(format!(
                    "{}: `{module}` (layer {own}) imports `{m}` (layer {})",
                    file.display(),
                    layer[m.as_str()]
                ));
            }
        }
        for name in root {
            wrong.push(format!(
                "{}: `crate::{name}` takes a name from the root; name its module",
                file.display()
            ));
        }
    }
    for (m, _) in LAYERS {
        if !seen.iter().any(|s| s == m) {
            wrong.push(format!("LAYERS names `{m}`, which src/ does not have"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn no_file_is_too_long() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|f| {
            let n = fs::read_to_string(&f).expect("readable").lines().count();
            (n > MAX_FILE_LINES).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines (one job per file):\n{}",
        long.join("\n")
    );
}

/// Each function of a text: its name, first line (1-based) and length in lines.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        // The body: the first `{` before any `;` (a declaration without a body has none).
        let mut depth = 0usize;
        let mut opened = false;
        'scan: for (j, l) in lines.iter().enumerate().skip(i) {
            let from = if j == i { line.find("fn ").unwrap_or(0) } else { 0 };
            for ch in l[from..].chars() {
                match ch {
                    ';' if !opened => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' if opened => {
                        depth -= 1;
                        if depth == 0 {
                            out.push((name.clone(), i + 1, j - i + 1));
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// The name of the function a line starts, if it starts one.
fn fn_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "fn" => {
                let name: String = words
                    .next()?
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                return (!name.is_empty()).then_some(name);
            }
            "pub" | "const" | "async" | "unsafe" | "extern" | "default" => {}
            w if w.starts_with("pub(") => {}
            _ => return None,
        }
    }
    None
}

#[test]
fn no_function_is_too_long() {
    let mut long = Vec::new();
    for file in rust_files(&src()) {
        let code = code_only(&fs::read_to_string(&file).expect("readable"));
        for (name, line, n) in functions(&code) {
            if n > MAX_FN_LINES {
                long.push(format!("{}:{line} `{name}` ({n} lines)", file.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_scanner_reads_what_it_counts() {
    let code = code_only("fn a() {\n    let s = \"{{\"; let c = '{'; // }\n    x('}')\n}\nfn b<'a>(x: &'a str);\n");
    assert_eq!(functions(&code), [("a".to_string(), 1, 4)]);
    let (used, root) = imports(&code_only(
        "use crate::{engine, policy::{Kind, Policy}};\nuse crate::Error; // crate::batch\n",
    ));
    assert_eq!(used, ["engine", "policy"]);
    assert_eq!(root, ["Error"]);
}
