import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type Host } from '../../electron/host/start';
import { isLoopbackHost, isOwnOrigin } from '../../electron/host/security';
import { staticFile } from '../../electron/host/static';
import { settingsImportFolderCommand } from '../../electron/cli/commands/settings';

const SESSION = 'test-session-1';

describe('the browser host', () => {
  let dir: string;
  let host: Host;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-host-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Warehouse Ledger</title>');
    host = await startHost({ db: join(dir, 'journal.db'), port: 0, rendererDir: renderer });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'x-ledger-token': host.token, 'x-ledger-session': SESSION, ...headers },
      body: JSON.stringify(body),
    });

  /** A raw request, so the Host header can be anything. */
  const raw = (path: string, hostHeader: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });

  it('listens on the loopback only, with the token in the address it prints', () => {
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers channels over HTTP, signs in per session, and keeps sessions apart', async () => {
    const before = await (await call('session', {})).json();
    expect(before).toMatchObject({ ok: true, response: { hasOperators: false, operator: null } });
    const created = await (
      await call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' })
    ).json();
    expect(created).toEqual({ ok: true, response: { id: 'sue', name: 'Sue', role: 'Supervisor' } });
    expect(await (await call('listOrders', {})).json()).toEqual({ ok: true, response: { rows: [], total: 0 } });
    const other = await (await call('listOrders', {}, { 'x-ledger-session': 'another-page' })).json();
    expect(other).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    const bad = await (await call('listOrders', { limit: 0 })).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses a wrong or missing token', async () => {
    const wrong = await call('session', {}, { 'x-ledger-token': 'guess' });
    expect(wrong.status).toBe(401);
    const events = await fetch(`http://127.0.0.1:${host.port}/api/events?token=guess`);
    expect(events.status).toBe(401);
  });

  it('refuses Host headers that are not the loopback (DNS rebinding), and calls from other sites', async () => {
    expect(await raw('/', `evil.example:${host.port}`)).toBe(421);
    expect(await raw('/', `127.0.0.1.evil.example:${host.port}`)).toBe(421);
    expect(await raw('/', `127.0.0.1:${host.port}`)).toBe(200);
    expect(await raw('/', `localhost:${host.port}`)).toBe(200);
    const foreign = await call('session', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('serves the renderer with a strict CSP, and the index for app routes', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/orders`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Warehouse Ledger');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect((await fetch(`http://127.0.0.1:${host.port}/api/noSuchChannel`, { method: 'POST' })).status).toBe(401);
    expect((await call('noSuchChannel', {})).status).toBe(404);
  });

  it('pushes journal changes over Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`, {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const file = join(dir, 'two.ndjson');
    writeFileSync(
      file,
      [1, 2]
        .map((n) =>
          JSON.stringify({
            eventId: `e-${n}`,
            type: 'OrderCreated',
            orderId: `o-${n}`,
            initiatedBy: { id: 'system', role: 'System' },
            timestamp: `2024-03-01T10:0${n}:00Z`,
            data: { lines: [{ sku: 'A', qty: 1 }] },
          }),
        )
        .join('\n') + '\n',
    );
    const uploaded = (await (
      await fetch(`http://127.0.0.1:${host.port}/upload?kind=events&name=two.ndjson`, {
        method: 'POST',
        headers: { 'x-ledger-token': host.token, 'x-ledger-session': SESSION },
        body: readFileSync(file),
      })
    ).json()) as { response: { fileId: string }[] };
    const started = await (await call('importFiles', { files: uploaded.response.map((f) => f.fileId) })).json();
    expect(started).toMatchObject({ ok: true });
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('event: jobFinished')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(text).toContain('event: journalChanged');
    const changed = /event: journalChanged\ndata: (.*)\n/.exec(text)?.[1];
    expect(JSON.parse(changed ?? '{}')).toMatchObject({ orderIds: expect.arrayContaining(['o-1', 'o-2']) });
    expect(text).toMatch(/event: jobFinished\ndata: .*"ok":true/);
  });
});

describe('host checks', () => {
  it('knows the loopback names and nothing else', () => {
    expect(isLoopbackHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isLoopbackHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(isLoopbackHost('[::1]:8080', 8080)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:8081', 8080)).toBe(false);
    expect(isLoopbackHost('10.0.0.1:8080', 8080)).toBe(false);
    expect(isLoopbackHost(undefined, 8080)).toBe(false);
    expect(isOwnOrigin(undefined, 8080)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:8080', 8080)).toBe(true);
    expect(isOwnOrigin('null', 8080)).toBe(false);
  });

  it('never serves a file outside the renderer folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'ledger-static-'));
    try {
      writeFileSync(join(root, 'index.html'), 'x');
      writeFileSync(join(root, 'app.js'), 'x');
      expect(staticFile(root, '/app.js')).toBe(join(root, 'app.js'));
      expect(staticFile(root, '/../../etc/passwd')).toBeUndefined();
      expect(staticFile(root, '/%2e%2e/%2e%2e/etc/hosts')).toBeUndefined();
      expect(staticFile(root, '/some/route')).toBe(join(root, 'index.html'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the browser host and the inbox folder', () => {
  it('imports what is dropped in the import folder set from the command line, and moves it to processed/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-host-inbox-'));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    // The browser has no folder dialog: `settings import-folder DIR --settings FILE` writes this file.
    const settingsFile = join(dir, 'settings.json');
    const out: string[] = [];
    const io = {
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
      readStdin: () => Promise.resolve(''),
      defaultDb: join(dir, 'journal.db'),
    };
    expect(await settingsImportFolderCommand.run([inbox, '--settings', settingsFile], io)).toBe(0);
    const host = await startHost({ db: join(dir, 'journal.db'), port: 0, rendererDir: null, settingsFile });
    const call = async (channel: string, body: unknown) =>
      (await (
        await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
          method: 'POST',
          headers: { 'x-ledger-token': host.token, 'x-ledger-session': SESSION },
          body: JSON.stringify(body),
        })
      ).json()) as { ok: boolean; response?: Record<string, unknown> };
    try {
      await call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' });
      // A path sent over the channel is refused; the folder stays the one the command line set.
      expect(await call('setSettings', { inboxFolder: join(dir, 'other') })).toMatchObject({ ok: false });
      expect(await call('getSettings', {})).toMatchObject({ ok: true, response: { inboxFolder: inbox } });
      const line = (n: number, type: string, data: unknown) =>
        JSON.stringify({
          eventId: `inbox-1-${n}`,
          type,
          orderId: '7000001',
          initiatedBy: { id: 'oms', name: 'Order webhook', role: 'System' },
          timestamp: `2026-11-26T10:0${n}:00-05:00`,
          data,
        });
      writeFileSync(
        join(inbox, 'night.ndjson'),
        `${line(1, 'OrderCreated', { customer: 'Elm Street Clinic', lines: [{ sku: 'GLV-200', qty: 4 }] })}\n` +
          `${line(2, 'StatusChanged', { status: 'PendingPicking' })}\n`,
      );
      let events = 0;
      for (let i = 0; i < 300 && events < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        events = (await call('session', {})).response?.events as number;
      }
      expect(events).toBe(2);
      for (let i = 0; i < 100 && !existsSync(join(inbox, 'processed', 'night.ndjson')); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(readdirSync(inbox).sort()).toEqual(['processed']);
      expect(readdirSync(join(inbox, 'processed'))).toEqual(['night.ndjson']);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
