// A stored client's text as the tests read it (docs/workspace.md, "The stored format"): packed
// (the marker, then 14 bits to a UTF-16 code unit from U+4000, the entry's JSON deflated with a
// zlib wrapper) or plain JSON as stored before packing. Read here independently of the engine
// (node's zlib), so that the browser tests check the format as documented. A test that changes a
// stored entry writes it back as plain JSON, which the engine still reads. No side effects.
import { inflateSync } from "node:zlib";

export const PACKED_MARKER = "pz1:";
const BASE = 0x4000;
const BITS = 14;

/** The JSON of a stored text; throws when it is packed and a unit is out of the block. */
export function unpackStored(text) {
  if (!text.startsWith(PACKED_MARKER)) return text;
  const bytes = [];
  let acc = 0;
  let n = 0;
  for (let i = PACKED_MARKER.length; i < text.length; i++) {
    const v = text.charCodeAt(i) - BASE;
    if (v < 0 || v >= 1 << BITS) throw new Error("not a packed unit at " + i);
    acc = ((acc << BITS) | v) & 0x3fffff;
    n += BITS;
    while (n >= 8) {
      n -= 8;
      bytes.push((acc >> n) & 0xff);
    }
  }
  // A last byte of padding may follow the zlib stream: inflate stops at the stream's end.
  return inflateSync(Buffer.from(bytes), { finishFlush: 2 }).toString("utf8");
}

/** A stored text as its entry ({ format, version, client }). */
export const parseStored = (text) => JSON.parse(unpackStored(text));

/** The page's stored texts under `prefix`, by key order: [[key, text]]. */
export const storedTexts = (page, prefix) =>
  page.evaluate((p) => Object.keys(localStorage).filter((k) => k.indexOf(p) === 0).sort().map((k) => [k, localStorage.getItem(k)]), prefix);

/** The page's stored clients under `prefix`, parsed, by key order. */
export async function storedClients(page, prefix) {
  return (await storedTexts(page, prefix)).map(([, t]) => parseStored(t).client);
}

/** The entry stored under `key`, parsed. */
export async function storedEntry(page, key) {
  return parseStored(await page.evaluate((k) => localStorage.getItem(k), key));
}

/** Changes the entry under `key` with `change(entry)` (in node) and stores it back as plain JSON. */
export async function changeStored(page, key, change) {
  const e = await storedEntry(page, key);
  const out = change(e);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(e)]);
  return out;
}
