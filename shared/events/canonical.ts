/**
 * Canonical JSON: object keys sorted, no white space, `undefined` fields left out.
 *
 * Two events are "the same content" (handbook §2: a duplicate, not a conflict) exactly when
 * their canonical forms are equal, and the hash chain hashes this form, so the same event
 * always hashes the same whether it came from NDJSON or CSV.
 *
 * It runs once per recorded event, so it is written for speed: one string built in a loop,
 * keys sorted only when they are not already, and plain strings quoted without a call to
 * JSON.stringify when they need no escaping.
 */
// Anything JSON.stringify would escape: quotes, backslashes, control characters, and
// surrogates (lone ones are escaped; paired ones are checked by the slow path, which is exact).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols are not JSON; as array items they become null.
      return 'null';
  }
}

function arrayJson(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    out += canonicalJson(items[i]);
  }
  return `${out}]`;
}

function objectJson(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  if (!isSorted(keys)) keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += first ? quote(k) : `,${quote(k)}`;
    out += `:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}
