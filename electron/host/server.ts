/**
 * The browser host: the built renderer and the journal's channels over HTTP on 127.0.0.1, for
 * end-to-end tests and for working on the renderer without Electron.
 *
 *   POST /api/<channel>        body: the request (JSON); headers: x-ledger-token, x-ledger-session
 *                              → 200 { ok: true, response } | { ok: false, error: { code, message } }
 *   POST /upload?kind=&name=   body: a chosen file's bytes (./upload) → { ok, response: ChosenFile[] }
 *   GET  /api/events?token=&session=   Server-Sent Events: one `event: <push>` per push
 *   GET  anything else          the renderer's files (index.html for app routes)
 *
 * The session header is the browser page (the renderer keeps it in sessionStorage), playing
 * the part of the Electron window: who is signed in belongs to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JournalWorkerClient } from '../worker/client';
import { isChannelName } from '../worker/handlers/dispatch';
import { SECURITY_HEADERS, isLoopbackHost, isOwnOrigin, tokenMatches } from './security';
import { sendFile, staticFile } from './static';
import { contentLength, UploadRefused, UploadSpool } from './upload';
import type { FileKind } from '../../shared/contract/files';
import type { LedgerResult } from '../../shared/contract/result';

const MAX_BODY_BYTES = 1024 * 1024;
/** An idle keep-alive connection is closed after this: a page that went away holds no socket. */
const KEEP_ALIVE_MS = 5_000;
const HEARTBEAT_MS = 15_000;
const SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface HostOptions {
  client: JournalWorkerClient;
  token: string;
  /** The built renderer (out/renderer); `null` serves the API only. */
  rendererDir: string | null;
  port: number;
  /** How long an idle keep-alive connection stays open (default 5 s). */
  keepAliveMs?: number;
  /** Bounds of uploads per kind (default: shared/contract/files FILE_SIZE_LIMITS). */
  uploadLimits?: Record<FileKind, number>;
  /** Where the upload spool folder goes (default: the OS temp folder). */
  spoolParent?: string;
}

export interface RunningHost {
  server: Server;
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

export function startHostServer(options: HostOptions): Promise<RunningHost> {
  const { client, token } = options;
  const streams = new Set<ServerResponse>();
  let port = options.port;
  const spool = new UploadSpool(options.spoolParent);

  const unsubscribe = client.onPush((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      console.error('[host] request failed', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The host failed.' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port)) {
      return sendText(res, 421, 'This server answers to 127.0.0.1 only.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/events' && req.method === 'GET') return openEvents(req, res, url);
    if (url.pathname === '/upload') return upload(req, res, url);
    if (url.pathname.startsWith('/api/')) return callChannel(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const file = options.rendererDir ? staticFile(options.rendererDir, url.pathname) : undefined;
    if (!file) {
      return sendText(
        res,
        404,
        options.rendererDir ? 'Not found.' : 'The renderer is not built: run `npm run build:renderer` first.',
      );
    }
    sendFile(res, file, SECURITY_HEADERS);
  }

  /** The checks every call and upload passes first; answers the session, or undefined once refused. */
  function caller(req: IncomingMessage, res: ServerResponse): string | undefined {
    if (req.method !== 'POST') {
      sendText(res, 405, 'Channels and uploads are called with POST.', true);
      return undefined;
    }
    if (!isOwnOrigin(req.headers.origin, port)) {
      sendText(res, 403, 'Calls from another site are refused.', true);
      return undefined;
    }
    if (!tokenMatches(token, header(req, 'x-ledger-token'))) {
      sendJson(res, 401, { ok: false, error: { code: 'not-allowed', message: 'Wrong or missing host token.' } }, true);
      return undefined;
    }
    const session = header(req, 'x-ledger-session');
    if (!session || !SESSION_PATTERN.test(session)) {
      sendJson(
        res,
        400,
        {
          ok: false,
          error: { code: 'invalid-request', message: 'x-ledger-session: 8 to 64 letters, digits, - or _.' },
        },
        true,
      );
      return undefined;
    }
    return session;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = caller(req, res);
    if (!session) return;
    // Nothing is spooled for a page nobody is signed in to.
    const who = await client.call('session', {}, session);
    if (!who.ok || !(who.response as { operator: unknown }).operator) {
      return sendJson(res, 401, { ok: false, error: { code: 'not-signed-in', message: 'Sign in first.' } }, true);
    }
    let received;
    try {
      received = await spool.receive(req, url, options.uploadLimits);
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      return sendJson(res, e.status, { ok: false, error: { code: 'invalid-request', message: e.message } }, true);
    }
    sendJson(res, 200, await client.grantFiles(session, received.kind, [received.file]));
  }

  async function callChannel(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const session = caller(req, res);
    if (!session) return;
    if (!isChannelName(channel)) {
      return sendJson(res, 404, {
        ok: false,
        error: { code: 'invalid-request', message: `There is no channel "${channel}".` },
      });
    }
    // Judged from the Content-Length before anything is read: a huge body costs the host nothing.
    const declared = contentLength(req);
    const body = declared !== undefined && declared > MAX_BODY_BYTES ? undefined : await readBody(req);
    if (body === undefined) {
      return sendJson(
        res,
        413,
        {
          ok: false,
          error: { code: 'invalid-request', message: `The request is larger than ${MAX_BODY_BYTES} bytes.` },
        },
        true,
      );
    }
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid-request', message: `The body of "${channel}" is not JSON.` },
      });
    }
    sendJson(res, 200, await client.call(channel, request, session));
  }

  function openEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!tokenMatches(token, url.searchParams.get('token'))) return sendText(res, 401, 'Wrong or missing host token.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  server.keepAliveTimeout = options.keepAliveMs ?? KEEP_ALIVE_MS;
  // Headers must arrive within this (Node wants it above the keep-alive timeout).
  server.headersTimeout = server.keepAliveTimeout + 5_000;

  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      spool.close();
      reject(e);
    });
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const res of streams) res.end();
            streams.clear();
            server.close(() => {
              spool.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body of a call without a Content-Length (chunked): read up to the bound, then given up on. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Stop reading: the answer goes out and the connection closes behind it.
      req.pause();
      resolve(undefined);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `close`: the request's body may be left unread (refused before reading it), so the connection
 * is not kept for another request.
 */
function sendJson(res: ServerResponse, status: number, value: LedgerResult, close = false): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(value));
}

function sendText(res: ServerResponse, status: number, text: string, close = false): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}
