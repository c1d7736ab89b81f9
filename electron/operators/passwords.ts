/**
 * Operator passwords, kept as scrypt hashes: `scrypt$N$r$p$salt$hash` (salt and hash in
 * base64), so the cost can be raised later and old hashes still check.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export { MIN_PASSWORD_LENGTH } from '../../shared/corrections/operatorChanges';

export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_LENGTH);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface ParsedHash {
  salt: Buffer;
  expected: Buffer;
  options: ScryptOptions;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return null;
  return { salt, expected, options: { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 } };
}

/** `hashPassword` on libuv's thread pool (the journal worker keeps answering meanwhile). */
export function hashPasswordAsync(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P }, (error, hash) => {
      if (error) reject(error);
      else resolve(`scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`);
    });
  });
}

/** Whether `password` matches `stored`; compared in constant time. A malformed hash never matches. */
export function checkPassword(password: string, stored: string): boolean {
  const hash = parseHash(stored);
  if (!hash) return false;
  const actual = scryptSync(password.normalize('NFC'), hash.salt, hash.expected.length, hash.options);
  return timingSafeEqual(actual, hash.expected);
}

/**
 * `checkPassword` on libuv's thread pool: the journal worker's thread answers other windows
 * while a sign-in hashes (60 sign-ins at once used to stall every window for seconds).
 */
export function checkPasswordAsync(password: string, stored: string): Promise<boolean> {
  const hash = parseHash(stored);
  if (!hash) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), hash.salt, hash.expected.length, hash.options, (error, actual) => {
      if (error) reject(error);
      else resolve(timingSafeEqual(actual, hash.expected));
    });
  });
}

let dummy: string | undefined;
/** A hash of nothing, checked when the operator does not exist, so a wrong id costs as long as a wrong password. */
export function dummyHash(): string {
  return (dummy ??= hashPassword('no operator has this password'));
}
