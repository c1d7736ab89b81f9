/**
 * Files through the browser host, tried as a signed-in Clerk who wants to read what is not
 * theirs: no channel takes a path, an id is good for its own page only and once, uploads are
 * bounded by their Content-Length before a byte is read, and the spooled copy goes once used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type Host } from '../../electron/host/start';

const CLERK = 'clerk-page-1';
const OTHER = 'other-page-22';

describe('files through the browser host', () => {
  let dir: string;
  let spool: string;
  let host: Host;

  const headers = (session: string) => ({ 'x-ledger-token': host.token, 'x-ledger-session': session });
  const call = async (channel: string, body: unknown, session = CLERK) =>
    (await (
      await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
        method: 'POST',
        headers: headers(session),
        body: JSON.stringify(body),
      })
    ).json()) as { ok: boolean; response?: never; error?: { code: string; message: string } };
  const upload = async (name: string, body: string, kind = 'events', session = CLERK) => {
    const res = await fetch(`http://127.0.0.1:${host.port}/upload?kind=${kind}&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: headers(session),
      body,
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        ok: boolean;
        response?: { fileId: string; name: string }[];
        error?: { message: string };
      },
    };
  };
  /** Send a request's head by hand and read what comes back before any body is sent. */
  const headOnly = (head: string) =>
    new Promise<string>((resolve, reject) => {
      const socket: Socket = connect(host.port, '127.0.0.1', () => socket.write(head));
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-host-files-'));
    spool = join(dir, 'spool');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(spool);
    host = await startHost({
      db: join(dir, 'journal.db'),
      port: 0,
      rendererDir: null,
      spoolParent: spool,
      uploadLimits: { events: 4096, ruleSet: 512 },
      keepAliveMs: 200,
    });
    await call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, 'sue-page-1');
    await call('addOperator', { id: 'cleo', name: 'Cleo', role: 'Clerk', password: 'password-2' }, 'sue-page-1');
    expect(await call('signIn', { operatorId: 'cleo', password: 'password-2' })).toMatchObject({ ok: true });
    expect(await call('signIn', { operatorId: 'sue', password: 'password-1' }, OTHER)).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes no path from a page: importFiles and loadRuleSetFile read nothing a Clerk names', async () => {
    const secret = join(dir, 'export-key.pem');
    writeFileSync(secret, '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA\n-----END PRIVATE KEY-----\n');
    for (const [channel, request] of [
      ['importFiles', { paths: [secret] }],
      ['importFiles', { files: [secret] }],
      ['importFiles', { files: ['/etc/shadow'] }],
      ['loadRuleSetFile', { path: secret }],
      ['loadRuleSetFile', { file: secret }],
      ['startRulePreview', { path: secret }],
    ] as const) {
      const answer = await call(channel, request);
      expect(answer, `${channel} ${JSON.stringify(request)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      expect(answer.error!.message).not.toContain('PRIVATE');
    }
    expect(await call('rejectedLines', {})).toEqual({ ok: true, response: [] });
  });

  it('imports an upload, once, for the page that sent it, and deletes the spooled copy', async () => {
    const line = JSON.stringify({
      eventId: 'up-1',
      type: 'OrderCreated',
      orderId: 'U-1',
      initiatedBy: { id: 'system', role: 'System' },
      timestamp: '2026-11-30T08:00:00Z',
      data: { lines: [{ sku: 'A', qty: 1 }] },
    });
    const sent = await upload('../../etc/night\u202Efdp.ndjson', `${line}\nnot json\n`);
    expect(sent.status).toBe(200);
    // The name is a label, never a path: its last part, without the bidi override.
    expect(sent.body.response).toEqual([
      { fileId: expect.any(String), name: 'nightfdp.ndjson', size: line.length + 10 },
    ]);
    const fileId = sent.body.response![0]!.fileId;
    const [folder] = readdirSync(spool);
    expect(readdirSync(join(spool, folder!))).toHaveLength(1);
    // Another page (a Supervisor's, even) cannot use this page's upload.
    expect(await call('importFiles', { files: [fileId] }, OTHER)).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/not chosen in this window/) },
    });
    // Nor as a rule set.
    expect(await call('loadRuleSetFile', { file: fileId })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const started = await call('importFiles', { files: [fileId] });
    expect(started).toMatchObject({ ok: true });
    for (let i = 0; i < 200 && !(await call('getOrder', { orderId: 'U-1' })).response; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await call('getOrder', { orderId: 'U-1' })).toMatchObject({ ok: true, response: { orderId: 'U-1' } });
    const rejected = (await call('rejectedLines', {})).response as unknown as { file: string; line: number }[];
    expect(rejected.map((r) => [r.file, r.line])).toEqual([['nightfdp.ndjson', 2]]);
    for (let i = 0; i < 100 && readdirSync(join(spool, folder!)).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(readdirSync(join(spool, folder!))).toEqual([]);
    // Used once: the same id again is refused.
    expect(await call('importFiles', { files: [fileId] })).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('loads a rule set from an upload, and refuses an upload larger than its kind takes', async () => {
    const tooBig = await upload('rules.json', 'x'.repeat(600), 'ruleSet');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.message).toMatch(/rules\.json is 600 bytes; the largest ruleSet file taken is 512 bytes/);
    const broken = await upload('rules.json', '{"id": ', 'ruleSet');
    const answer = await call('loadRuleSetFile', { file: broken.body.response![0]!.fileId });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /rules\.json: not valid JSON/ },
    });
    expect((await upload('x.ndjson', 'x', 'keys')).status).toBe(400);
    // Without the token or the session nothing is spooled.
    const anonymous = await fetch(`http://127.0.0.1:${host.port}/upload?kind=events&name=a`, {
      method: 'POST',
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
    // Nor for a page nobody is signed in to.
    const nobody = await upload('a.ndjson', '{}', 'events', 'nobody-signed-in');
    expect(nobody.status).toBe(401);
    expect(nobody.body.error?.message).toBe('Sign in first.');
    const [folder] = readdirSync(spool);
    expect(readdirSync(join(spool, folder!))).toEqual([]);
  });

  it('refuses a body larger than the limit from its Content-Length, before reading it', async () => {
    // Only the head is sent: an answer proves the host did not wait for (or read) the body.
    const big = await headOnly(
      `POST /upload?kind=events&name=big.ndjson HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
        `x-ledger-token: ${host.token}\r\nx-ledger-session: ${CLERK}\r\nContent-Length: 5000000000\r\n\r\n`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 413/);
    expect(big).toMatch(/connection: close/i);
    const call2 = await headOnly(
      `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
        `x-ledger-token: ${host.token}\r\nx-ledger-session: ${CLERK}\r\nContent-Length: 2000000\r\n\r\n`,
    );
    expect(call2).toMatch(/^HTTP\/1\.1 413/);
    const chunked = await headOnly(
      `POST /upload?kind=events&name=c.ndjson HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n` +
        `x-ledger-token: ${host.token}\r\nx-ledger-session: ${CLERK}\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 411/);
    const [folder] = readdirSync(spool);
    expect(readdirSync(join(spool, folder!))).toEqual([]);
  });

  it('closes an idle keep-alive connection', async () => {
    const closed = await new Promise<string>((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1', () =>
        socket.write(`GET /x HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: keep-alive\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      // The host answered and then, with nothing more asked, hung up by itself.
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(closed).toMatch(/^HTTP\/1\.1 404/);
    expect(closed).toMatch(/keep-alive/i);
  });
});
