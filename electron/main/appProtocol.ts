/**
 * The renderer served through `protocol.handle` on a privileged scheme of the app's own
 * (`app://ledger/`), not from file:// — so the file protocol needs no extra privileges (the
 * `grantFileProtocolExtraPrivileges` fuse is off in electron-builder.yml) and the page is an
 * origin of its own. Only files of the renderer's out folder are served (a path that climbs or
 * leaves it is refused, the same rules as the browser host's, ../host/static), each with the CSP.
 */
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentType, staticFile } from '../host/static';
import { APP_CSP } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
/** What the window loads (when no dev server is named). */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Registered before the app is ready: a standard, secure scheme, as the page's origin must be. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The `protocol.handle` handler serving `root` (the renderer's out folder). */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const headers = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
  const refuse = (status: number, text: string) =>
    new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = staticFile(root, url.pathname);
    if (!file) return refuse(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': contentType(file),
        // index.html must be fetched again (new builds); hashed assets may be cached.
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
      },
    });
  };
}
