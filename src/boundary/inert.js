// An inert copy of a JS value, made before src/wasm.rs reads it (plain_value).
//
// Reading a JS value from the wasm calls into JS (Array.isArray, Object.keys, property
// gets) without catching. A Proxy or a getter that throws there would unwind through the wasm and
// leave its stack pointer behind, and a cycle would never end. This copy reads every
// property exactly once, inside try/catch, within limits, and returns plain data:
// objects (without prototype), arrays, strings, numbers, booleans and null. Where a
// value has no JSON form it puts a marker {"\u0000": kind}, which the engine reports
// at that value's own path (src/value.rs). A key made only of NULs gets one more NUL.
// It holds no policy knowledge. ES2019, like every shipped file.

const LIMITS = { depth: 16, nodes: 100000, string: 10000, array: 10000 };
const MARK = "\u0000";
const UNREADABLE = {};
const NULS = /^\u0000+$/;

function TooLarge() {}

function mark(kind) {
  const m = Object.create(null);
  m[MARK] = kind;
  return m;
}

function read(o, k) {
  try {
    return o[k];
  } catch (e) {
    return UNREADABLE;
  }
}

// At least `n` more frames of JS stack: a call made near exhaustion fails here,
// inside a caught import, rather than later inside the wasm.
function headroom(n) {
  return n > 0 ? headroom(n - 1) + 1 : 0;
}

function copyArray(v, depth, st) {
  let n;
  try {
    n = v.length;
  } catch (e) {
    return mark("unreadable");
  }
  if (typeof n !== "number" || !(n >= 0) || n !== Math.floor(n)) return mark("unreadable");
  if (n > LIMITS.array) return mark("long_array");
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = copy(read(v, i), depth + 1, st);
  return out;
}

function copyObject(v, depth, st) {
  let keys;
  try {
    keys = Object.keys(v);
  } catch (e) {
    return mark("unreadable");
  }
  if (keys.length > LIMITS.nodes) throw new TooLarge();
  const out = Object.create(null);
  for (let i = 0; i < keys.length; i++) {
    const k = String(keys[i]);
    out[NULS.test(k) ? k + MARK : k] = copy(read(v, k), depth + 1, st);
  }
  return out;
}

function copy(v, depth, st) {
  if (++st.nodes > LIMITS.nodes) throw new TooLarge();
  switch (typeof v) {
    case "string":
      return v.length > LIMITS.string ? mark("long_string") : v;
    case "number":
    case "boolean":
      return v;
    case "undefined":
      return null;
    case "bigint":
      return mark("bigint");
    case "symbol":
      return mark("symbol");
    case "function":
      return mark("function");
  }
  if (v === null) return null;
  if (v === UNREADABLE) return mark("unreadable");
  if (depth >= LIMITS.depth) return mark("deep");
  if (st.ancestors.indexOf(v) >= 0) return mark("cycle");
  let isArray;
  try {
    isArray = Array.isArray(v);
  } catch (e) {
    return mark("unreadable");
  }
  st.ancestors.push(v);
  try {
    return isArray ? copyArray(v, depth, st) : copyObject(v, depth, st);
  } finally {
    st.ancestors.pop();
  }
}

export function inert(value) {
  headroom(64);
  try {
    return copy(value, 0, { nodes: 0, ancestors: [] });
  } catch (e) {
    return mark(e instanceof TooLarge ? "too_large" : "unreadable");
  }
}
