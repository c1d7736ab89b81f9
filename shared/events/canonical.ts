/**
 * Canonical JSON: object keys sorted, no white space, `undefined` fields left out.
 *
 * Two events are "the same content" (handbook §2: a duplicate, not a conflict) exactly when
 * their canonical forms are equal, and the hash chain hashes this form, so the same event
 * always hashes the same whether it came from NDJSON or CSV.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
