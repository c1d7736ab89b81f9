/**
 * The renderer's only knowledge of how it reaches the journal. Under Electron the preload has
 * put a bridge on `window.ledgerBridge` (IPC); in a browser the page talks to the browser host.
 * Either way the rest of the renderer gets the same `LedgerApi`.
 *
 * (The preload exposes a bridge rather than the finished API because an Error crossing
 * Electron's contextBridge loses its properties — and views need the error's `code`.)
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { buildLedger, type LedgerTransport } from './build';
import { httpTransport } from './http';

export { buildLedger, LedgerCallError, type LedgerTransport, type Envelope } from './build';
export { httpTransport } from './http';

const TOKEN_KEY = 'warehouse-ledger:token';
const SESSION_KEY = 'warehouse-ledger:session';

export function connectLedger(): LedgerApi {
  const w = globalThis as { ledgerBridge?: LedgerTransport; ledger?: LedgerApi };
  if (w.ledgerBridge) return buildLedger(w.ledgerBridge);
  if (w.ledger) return w.ledger;
  return buildLedger(httpTransport({ token: hostToken(), session: pageSession() }));
}

/** The token comes in the first URL; it is kept for this tab and taken out of the address bar. */
function hostToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** One session per tab (like one per Electron window); a reload keeps it, so the operator stays signed in. */
function pageSession(): string {
  let session = sessionStorage.getItem(SESSION_KEY);
  if (!session) {
    session = crypto.randomUUID();
    sessionStorage.setItem(SESSION_KEY, session);
  }
  return session;
}
