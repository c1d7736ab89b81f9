/**
 * What keeps the browser host to this machine and this run: it listens on 127.0.0.1 only,
 * answers only requests whose Host header names the loopback (a web page elsewhere cannot reach
 * it by DNS rebinding), and every API call carries this run's random token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { RENDERER_CSP } from '../security/csp';

/** The one renderer CSP (electron/security/csp.ts). */
export const HOST_CSP = RENDERER_CSP;

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': HOST_CSP,
  'X-Content-Type-Options': 'nosniff',
  // The token rides in the first URL: never hand it to another site as a referrer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a Host header names this server on the loopback (`127.0.0.1:PORT`, `localhost:PORT`). */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m) return false;
  const [, name, portText] = m;
  if (!name || !LOOPBACK_NAMES.has(name)) return false;
  return portText === undefined ? port === 80 : Number(portText) === port;
}

/** An Origin header, when the browser sends one, must be this server's own. */
export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && isLoopbackHost(url.host, port);
  } catch {
    return false;
  }
}
