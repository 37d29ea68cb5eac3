// Whether an import fits in the device's storage (workspace/room.js, issue 19): what storing a
// set of clients adds (a client replaced counts only its growth), the probe that asks the storage
// itself and leaves nothing behind, and the free room and limit found when it does not fit, here
// against a stand-in storage that counts UTF-16 units of keys and values as browsers do, with its
// limit picked by the test (not the browsers' figure).
//
//   node --test tests/node/workspace-room.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { unitsNeeded, fits, measureRoom, usedUnits, unitsText, PROBE_KEY } from "../../www/element/workspace/room.js";

/** A storage holding at most `limit` units (keys and values), throwing QuotaExceededError past it. */
function storage(limit) {
  const m = new Map();
  const used = () => Array.from(m).reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return m.size;
    },
    key: (i) => Array.from(m.keys())[i],
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      const before = m.has(k) ? k.length + m.get(k).length : 0;
      if (used() - before + k.length + v.length > limit) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
    map: m,
  };
}

const client = (id, scenarios) => ({ id, name: "客户 " + id, scenarios: Array.from({ length: scenarios }, (_, i) => ({ id: "s" + i, name: "方案 " + i })) });

test("what an import adds: each step as the engine counts it (a client replaced only its growth, maybe less than 0), a pause before each, a step the engine refuses counting 0", async () => {
  const a = client("a", 3);
  const bigger = client("a", 5);
  // A stand-in for the engine's `workspace_units_added`: here the JSON's growth; "x" refused.
  const size = (c) => (c ? JSON.stringify(c).length : 0);
  const added = (base, next) => {
    if (next && next.id === "x") throw Object.assign(new Error("conflict"), { code: "conflict" });
    return size(next) - size(base);
  };
  let pauses = 0;
  const pause = async () => {
    pauses++;
  };
  const steps = [{ base: null, next: a }, { base: a, next: bigger }, { base: null, next: client("x", 1) }, { base: bigger, next: a }];
  assert.equal(await unitsNeeded(steps, added, pause), size(a) + (size(bigger) - size(a)) + 0 + (size(a) - size(bigger)));
  assert.equal(pauses, steps.length);
  assert.equal(await unitsNeeded([{ base: bigger, next: a }], added, pause), size(a) - size(bigger));
  assert.equal(await unitsNeeded([], added, pause), 0);
});

test("the probe says whether so many units fit now, exactly at the limit, and leaves nothing behind", () => {
  const s = storage(10000);
  s.setItem("other", "x".repeat(995));
  // 10,000 − 1,000 used: 9,000 free.
  assert.equal(fits(s, 9000), true);
  assert.equal(fits(s, 9001), false);
  assert.equal(fits(s, 0), true);
  assert.deepEqual(Array.from(s.map.keys()), ["other"], "the probe removed, the rest untouched");
  assert.equal(s.getItem(PROBE_KEY), null);
});

test("the room, when a file does not fit: free to within a step below the truth, the limit what is stored plus it, a pause before each write", async () => {
  for (const limit of [300000, 5 * 1024 * 1024, 7654321]) {
    const s = storage(limit);
    s.setItem("pinghu-subsidy/client/a", "中".repeat(123456));
    const used = usedUnits(s);
    const free = limit - used;
    let pauses = 0;
    const r = await measureRoom(s, free + 50000, async () => pauses++);
    assert.ok(r.free <= free && r.free > free - 16 * 1024 - 1, `free ${r.free} of ${free} (limit ${limit})`);
    assert.equal(r.limit, r.free + used);
    assert.ok(pauses > 0);
    assert.deepEqual(Array.from(s.map.keys()), ["pinghu-subsidy/client/a"]);
  }
  // Storage with nothing free: none found.
  const full = storage(100);
  full.setItem("k", "x".repeat(99));
  assert.equal((await measureRoom(full, 1000, async () => {})).free, 0);
});

test("units said as the megabytes browsers state (two bytes a unit)", () => {
  assert.equal(unitsText(5 * 1024 * 1024), "10 MB");
  assert.equal(unitsText(6073770), "11.6 MB");
});
