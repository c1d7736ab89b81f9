/** Serving the built renderer (out/renderer): files by extension, the app's index for anything else. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under `root` for a URL path, or undefined when it is not one (or tries to leave `root`). */
export function staticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // A path that climbs is refused outright (normalising would only clamp it to the root).
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return undefined;
  const base = resolve(root);
  const file = resolve(base, '.' + normalize('/' + decoded));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  const candidate = decoded.endsWith('/') || extname(decoded) === '' ? join(base, 'index.html') : file;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return undefined;
  return candidate;
}

/** The Content-Type a file is served with, by its extension. */
export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentType(file),
    // index.html must be fetched again (new builds); hashed assets may be cached.
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
  });
  createReadStream(file).pipe(res);
}
