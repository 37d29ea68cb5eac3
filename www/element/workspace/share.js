// The share link's fragment: `#s=` + base64url(UTF-8 JSON) + "." + an 8-hex check (FNV-1a of
// the base64url text), so a link cut short or altered is refused. The JSON:
//   { "v": 1, "k": "y" | "p", "i": <the input>, "f": <first 16 hex of the policy fingerprint>,
//     "n"?: client name, "c"?: contact, "s"?: the scenario's name }        (docs/workspace.md)
// The input is read by the engine's reader when it is filled in. Pure: no DOM.

export const PREFIX = "#s=";
// Above this many characters a link may be cut by WeChat (issue 19): the file is offered instead.
export const LONG_LINK = 2000;
const MAX_FRAGMENT = 16 * 1024;

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** The fragment for a scenario: `kind` "year" | "plan", its input, the policy fingerprint; name/contact and the scenario's name only when given. */
export function encodeShare(kind, input, fingerprint, client, scenario) {
  const payload = { v: 1, k: kind === "plan" ? "p" : "y", i: input, f: String(fingerprint || "").slice(0, 16) };
  if (client && client.name) payload.n = client.name;
  if (client && client.contact) payload.c = client.contact;
  if (scenario) payload.s = String(scenario);
  const body = toBase64Url(JSON.stringify(payload));
  return PREFIX + body + "." + fnv1a(body);
}

/**
 * Reads a fragment: null when it is not a share link at all; { error: "malformed" } when it is
 * one but cut short, altered or not ours; otherwise { kind, input, fingerprint, name, contact, scenario }.
 */
export function decodeShare(hash) {
  if (typeof hash !== "string" || hash.indexOf(PREFIX) !== 0) return null;
  const bad = { error: "malformed" };
  const rest = hash.slice(PREFIX.length);
  if (rest.length > MAX_FRAGMENT) return bad;
  const dot = rest.lastIndexOf(".");
  if (dot < 0) return bad;
  const body = rest.slice(0, dot);
  if (!/^[A-Za-z0-9_-]*$/.test(body) || fnv1a(body) !== rest.slice(dot + 1)) return bad;
  let p;
  try {
    p = JSON.parse(fromBase64Url(body));
  } catch (e) {
    return bad;
  }
  if (!p || typeof p !== "object" || p.v !== 1 || (p.k !== "y" && p.k !== "p") || !p.i || typeof p.i !== "object") return bad;
  return {
    kind: p.k === "p" ? "plan" : "year",
    input: p.i,
    fingerprint: typeof p.f === "string" ? p.f : "",
    name: typeof p.n === "string" ? p.n : "",
    contact: typeof p.c === "string" ? p.c : "",
    scenario: typeof p.s === "string" ? p.s : "",
  };
}
