import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';
import { Journal } from '../../electron/journal';
import { addOrders, scratch } from './helpers';

function io(defaultDb: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => '',
    defaultDb,
    // Never the real user data folder: the signing key and the settings live there.
    userData: path.join(path.dirname(defaultDb), 'user-data'),
  };
  return { cli, out, err };
}

function journalFile(orders: number, kind: 'real' | 'training' = 'real'): string {
  const file = path.join(scratch('export-cli-'), 'journal.db');
  const j = Journal.open(file, { kind });
  addOrders(j, orders);
  j.close();
  return file;
}

async function run(db: string, ...argv: string[]) {
  const t = io(db);
  const code = await runCli(argv, t.cli);
  return { code, out: t.out.join('\n'), err: t.err.join('\n') };
}

describe('warehouse-ledger key, export, verify-export', () => {
  it('exports incrementally, prints the export summary as JSON, and verifies each bundle against the previous one', async () => {
    const db = journalFile(10);
    const out = scratch('export-out-');
    const pubFile = path.join(scratch(), 'dock.pub.pem');

    const key = await run(db, 'key');
    expect(key.code).toBe(0);
    expect(key.out).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    fs.writeFileSync(pubFile, key.out + '\n');

    const first = await run(db, 'export', '--out', out, '--workstation', 'DOCK-1', '--json');
    expect(first.code).toBe(0);
    const r1 = JSON.parse(first.out);
    expect(Object.keys(r1)).toEqual(['bundle', 'fromSeq', 'toSeq', 'events']);
    expect(r1).toMatchObject({ fromSeq: 1, events: r1.toSeq });

    const none = await run(db, 'export', '--out', out, '--workstation', 'DOCK-1', '--json');
    expect(JSON.parse(none.out)).toEqual({ bundle: null, fromSeq: r1.toSeq + 1, toSeq: r1.toSeq, events: 0 });

    const j = Journal.open(db);
    addOrders(j, 3, 500);
    const last = j.lastSeq();
    j.close();
    const r2 = JSON.parse((await run(db, 'export', '--out', out, '--workstation', 'DOCK-1', '--json')).out);
    expect(r2).toEqual({ bundle: expect.any(String), fromSeq: r1.toSeq + 1, toSeq: last, events: last - r1.toSeq });

    const b1 = path.join(out, r1.bundle);
    const b2 = path.join(out, r2.bundle);
    const ok = await run(db, 'verify-export', b2, '--pubkey', pubFile, '--previous', b1);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^ok: .*continues the previous bundle/);

    // The wrong way round: the "previous" bundle comes after.
    const wrong = await run(db, 'verify-export', b1, '--pubkey', pubFile, '--previous', b2);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/previous one ended at seq/);

    fs.rmSync(path.join(b2, 'orders.csv'));
    const missing = await run(db, 'verify-export', b2, '--pubkey', pubFile, '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out).problems).toContain('orders.csv is missing');
  });

  it("names the bundle after the app's workstation name when --workstation is not given", async () => {
    const db = journalFile(2);
    // The user data folder the command line is given (the app's, outside tests).
    const userData = path.join(path.dirname(db), 'user-data');
    fs.mkdirSync(userData);
    fs.writeFileSync(
      path.join(userData, 'settings.json'),
      JSON.stringify({
        inboxFolder: null,
        export: { destination: null, schedule: { kind: 'off' }, workstation: 'GATE-9' },
      }),
    );
    const r = await run(db, 'export', '--out', scratch(), '--json');
    expect(JSON.parse(r.out).bundle).toMatch(/^GATE-9_000000000001-/);
  });

  it('key rotate: the next export announces the new key, and verify-export follows a folder across it', async () => {
    const db = journalFile(4);
    const out = scratch('export-out-');
    const pubFile = path.join(scratch(), 'first.pub.pem');
    fs.writeFileSync(pubFile, (await run(db, 'key')).out + '\n');
    const ws = ['--workstation', 'DOCK-1'];
    expect((await run(db, 'export', '--out', out, ...ws)).code).toBe(0);

    const rotated = await run(db, 'key', 'rotate', '--json');
    expect(rotated.code).toBe(0);
    const next = JSON.parse(rotated.out) as { fingerprint: string };
    const twice = await run(db, 'key', 'rotate');
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/a rotation is already pending .*export first/);
    expect(JSON.parse((await run(db, 'key', '--json')).out).pending.fingerprint).toBe(next.fingerprint);

    // Nothing new: the announcement is an empty bundle.
    const announced = await run(db, 'export', '--out', out, ...ws);
    expect(announced.out).toMatch(new RegExp(`announced the new key ${next.fingerprint}`));
    // A second rotation before any event is exported would need a second empty bundle of the same name.
    const again = await run(db, 'key', 'rotate');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/no event has been recorded since/);

    const j = Journal.open(db);
    addOrders(j, 2, 700);
    j.close();
    expect((await run(db, 'export', '--out', out, ...ws)).code).toBe(0);
    const series = await run(db, 'verify-export', out, '--pubkey', pubFile);
    expect(series.code).toBe(0);
    expect(series.out).toMatch(
      new RegExp(`ok: 3 bundles of DOCK-1, one chain; the next is signed by ${next.fingerprint}`),
    );
    expect(JSON.parse((await run(db, 'key', '--json')).out)).toMatchObject({
      fingerprint: next.fingerprint,
      pending: null,
    });
  });

  it('refuses a training journal and an unusable destination with exit 2 and a message saying what', async () => {
    const training = journalFile(2, 'training');
    const t = await run(training, 'export', '--out', scratch());
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/training journal is never exported/);

    const db = journalFile(2);
    const file = path.join(scratch(), 'plain-file');
    fs.writeFileSync(file, '');
    const bad = await run(db, 'export', '--out', path.join(file, 'share'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/export destination .*plain-file\/share is not a folder/);

    const usage = await run(db, 'export');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--out DIR is required/);
    const noKey = await run(db, 'verify-export', scratch());
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/--pubkey FILE is required/);
  });
});

describe('warehouse-ledger export settings', () => {
  it("sets the app's export destination (an existing folder) and workstation name, keeping the rest of the file", async () => {
    const db = journalFile(1);
    const userData = path.join(path.dirname(db), 'user-data');
    fs.mkdirSync(userData);
    const file = path.join(userData, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ inboxFolder: '/srv/inbox', idleMinutes: 15 }));
    const share = scratch('export-share-');

    const shown = await run(db, 'export', 'settings', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ destination: null });

    const set = await run(db, 'export', 'settings', '--destination', share, '--workstation', 'GATE-2', '--json');
    expect(set).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(set.out)).toMatchObject({ destination: share, workstation: 'GATE-2' });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ inboxFolder: '/srv/inbox', export: { destination: share, workstation: 'GATE-2' } });

    // Not a folder, or not there: refused in words, nothing changed.
    const plain = path.join(share, 'a-file');
    fs.writeFileSync(plain, '');
    expect(await run(db, 'export', 'settings', '--destination', plain)).toMatchObject({
      code: 2,
      err: `export settings: ${plain} is not a folder`,
    });
    expect(await run(db, 'export', 'settings', '--destination', path.join(share, 'gone'))).toMatchObject({
      code: 2,
      err: `export settings: the folder ${path.join(share, 'gone')} is not there`,
    });
    expect((await run(db, 'export', 'settings', '--workstation', 'no spaces please')).code).toBe(2);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      export: { destination: share, workstation: 'GATE-2' },
    });

    // Another settings file (the one a web host was started with) by --settings.
    const hostSettings = path.join(scratch(), 'web-settings.json');
    expect((await run(db, 'export', 'settings', '--destination', share, '--settings', hostSettings)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(hostSettings, 'utf8'))).toMatchObject({ export: { destination: share } });
  });
});
