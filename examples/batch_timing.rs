//! The batch engine's time natively, per step, on the enterprises the page would send (issue 18's
//! budget; docs/performance.md): `node bench/batch-json.mjs > /tmp/e.json` then
//! `cargo run --release --example batch_timing -- /tmp/e.json [RUNS]` (or under `perf record`).
//! Parts of 400 rows as the page's `runBatch`; prints the median of each step over the runs.

use std::time::{Duration, Instant};
use std::{env, fs};

use pinghu_subsidy::{Batch, Policy};

/// Parts of at most `limit` rows, each enterprise whole (as www/batch/run.js splits them).
fn parts(all: &[serde_json::Value], limit: usize) -> Vec<serde_json::Value> {
    let size = |e: &serde_json::Value| e["rows"].as_array().map_or(1, |r| r.len().max(1));
    let (mut out, mut cur, mut rows) = (Vec::new(), Vec::new(), 0);
    for e in all {
        if !cur.is_empty() && rows + size(e) > limit {
            out.push(serde_json::Value::Array(std::mem::take(&mut cur)));
            rows = 0;
        }
        rows += size(e);
        cur.push(e.clone());
    }
    if !cur.is_empty() {
        out.push(serde_json::Value::Array(cur));
    }
    out
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let text = fs::read_to_string(&args[1]).expect("a JSON file of enterprises");
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let all: Vec<serde_json::Value> = serde_json::from_str(&text).expect("an array");
    let parts = parts(&all, 400);
    let mut times: Vec<[Duration; 3]> = Vec::new();
    for _ in 0..runs {
        let mut b = Batch::new(Policy::builtin(), serde_json::Value::Null).expect("no overlay");
        let (mut add, mut write) = (Duration::ZERO, Duration::ZERO);
        for p in &parts {
            let t = Instant::now();
            let part = b.add_input(p);
            add += t.elapsed();
            let t = Instant::now();
            std::hint::black_box(serde_json::to_string(&part).unwrap_or_default());
            write += t.elapsed();
        }
        let t = Instant::now();
        std::hint::black_box(serde_json::to_string(&b.totals()).unwrap_or_default());
        times.push([add, write, t.elapsed()]);
    }
    let median = |i: usize| {
        let mut v: Vec<Duration> = times.iter().map(|t| t[i]).collect();
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1000.0
    };
    println!(
        "{} enterprises, median of {runs}: add {:.0} ms, results as JSON {:.0} ms, totals {:.0} ms",
        all.len(),
        median(0),
        median(1),
        median(2)
    );
}
