/**
 * The Electron security checklist (with the webPreferences in ./index.ts): the CSP, what a
 * window may navigate to, and which frames may talk to the main process. Everything here is
 * checked by test/electron/main.test.ts with a mocked `electron`.
 */
import type { Session, WebContents } from 'electron';
import { RENDERER_CSP } from '../security/csp';

/** The one renderer CSP (electron/security/csp.ts). */
export const APP_CSP = RENDERER_CSP;

/**
 * Whether a URL belongs to the app: the renderer served on its own scheme (app://ledger/, see
 * ./appProtocol), its own file, or the dev server electron-vite started (development). Anything
 * else — a file, another site — is foreign.
 */
export function isAppUrl(url: string | undefined, appUrl: string): boolean {
  if (!url) return false;
  let u: URL;
  let app: URL;
  try {
    u = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return u.protocol === 'file:' && u.pathname === app.pathname;
  // A custom scheme's URL has no origin in WHATWG terms ("null"): compare scheme and host.
  if (app.protocol === 'app:') return u.protocol === 'app:' && u.host === app.host;
  return u.origin === app.origin;
}

/** CSP on every response the session loads (the meta tag in index.html says the same). */
export function applyCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] },
    });
  });
}

/** No permission (camera, notifications from the page, geolocation…) is ever granted to web content. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The window stays on the app: navigation elsewhere and new windows are refused. */
export function lockNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
