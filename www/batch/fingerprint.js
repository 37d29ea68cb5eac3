// The what-if overlay's own fingerprint: hex SHA-256 of its changes in a canonical form (sorted
// by parameter, as the engine read them) and the base policy's id, version and fingerprint, by
// the browser's (or Node's) WebCrypto. Nothing here costs the engine a byte.

/** The canonical text the fingerprint is taken of. */
export function overlayText(policy, changes) {
  const sorted = changes.slice().sort((a, b) => (a.parameter < b.parameter ? -1 : a.parameter > b.parameter ? 1 : 0));
  return JSON.stringify({
    policy: policy.id,
    version: policy.version,
    fingerprint: policy.fingerprint || null,
    overlay: sorted.map((c) => [c.parameter, c.value]),
  });
}

/** Resolves to the hex SHA-256 of `overlayText`, or null where WebCrypto is not available (an insecure context). */
export async function overlayFingerprint(policy, changes) {
  const subtle = typeof crypto !== "undefined" && crypto.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(overlayText(policy, changes)));
  return Array.prototype.map.call(new Uint8Array(digest), (b) => (b < 16 ? "0" : "") + b.toString(16)).join("");
}
