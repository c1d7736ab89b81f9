/**
 * `warehouse-ledger corporate …` as corporate runs it: the built command line spawned against a
 * database on the run's PostgreSQL server, and once against the embedded PostgreSQL in the user
 * data folder (no --database, no PG* settings) to show the same SQL runs there.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyBundle } from '../export/helpers';
import { createDatabase } from '../pg/server';
import { corporateDatabase, rewriteEvents, Workstation } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let url: string;
let bundles: string[];
let pubkey: string;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT });
  // Migrated by the helper already: `corporate init` then finds it up to date.
  ({ url } = await corporateDatabase());
  const dock = new Workstation(root, 'DOCK-1');
  bundles = [await dock.bundle(6), await dock.bundle(3), await dock.bundle(3)];
  pubkey = path.join(root, 'dock-1.pem');
  fs.writeFileSync(pubkey, await dock.publicKeyPem());
  dock.close();
}, 60_000);

/** The environment without any PostgreSQL settings of the test run. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k === 'DATABASE_URL' || k.startsWith('PG')) delete env[k];
  return env;
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/warehouse-ledger.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: cleanEnv(env),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('warehouse-ledger corporate', () => {
  it('receives, refuses with exit 1 saying which, and reports status', () => {
    const db = ['--database', url];
    expect(cli(['corporate', 'init', ...db]).stdout).toMatch(/up to date|version 1/);

    const unknown = cli(['corporate', 'receive', bundles[0]!, ...db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/REFUSED \(unknown-workstation\).*corporate trust DOCK-1/);

    expect(cli(['corporate', 'trust', 'DOCK-1', '--pubkey', pubkey, ...db]).code).toBe(0);
    const gap = cli(['corporate', 'receive', bundles[1]!, ...db]);
    expect([gap.code, gap.stderr]).toEqual([1, expect.stringMatching(/REFUSED \(gap\)/)]);

    // A tampered copy of the first bundle, named like it, in a folder of its own.
    const bad = copyBundle(bundles[0]!, fs.mkdtempSync(path.join(root, 'bad-')));
    fs.appendFileSync(path.join(bad, 'orders.csv'), 'ORD-X,Shipped,,1,,1,0,true,,[],{}\r\n');
    const tampered = cli(['corporate', 'receive', bad, ...db]);
    expect([tampered.code, tampered.stderr]).toEqual([1, expect.stringMatching(/REFUSED \(tampered\).*orders\.csv/s)]);

    // A folder of bundles, in name order; then again: nothing changes, exit 0.
    const all = cli(['corporate', 'receive', path.dirname(bundles[0]!), ...db]);
    expect(all.code).toBe(0);
    expect(all.stdout.match(/^received /gm)).toHaveLength(3);
    const again = cli(['corporate', 'receive', ...bundles, '--json', ...db]);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { outcome: string }[]).map((r) => r.outcome)).toEqual([
      'already',
      'already',
      'already',
    ]);

    const status = cli(['corporate', 'status', '--json', ...db]);
    const [dock] = JSON.parse(status.stdout) as { workstation: string; bundles: number; lastSeq: number }[];
    expect(dock).toMatchObject({ workstation: 'DOCK-1', bundles: 3 });
    expect(cli(['corporate', 'status', ...db]).stdout).toMatch(/DOCK-1\s+3\s+\d+\s+\d+/);
  });

  it('receive --watch loads a bundle that lands in the folder, and Ctrl+C ends it with exit 0', async () => {
    const station = new Workstation(fs.mkdtempSync(path.join(root, 'watched-')), 'DOCK-W');
    const first = await station.bundle(4);
    station.close();
    const pem = path.join(root, 'dock-w.pem');
    fs.writeFileSync(pem, await station.publicKeyPem());
    expect(cli(['corporate', 'trust', 'DOCK-W', '--pubkey', pem, '--database', url]).code).toBe(0);
    const inbox = fs.mkdtempSync(path.join(root, 'inbox-'));
    const watch = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin/warehouse-ledger.js'),
        'corporate',
        'receive',
        '--watch',
        inbox,
        '--interval',
        '1',
        '--json',
        '--database',
        url,
      ],
      { cwd: root, env: cleanEnv({}) },
    );
    let out = '';
    const landed = new Promise<void>((resolve) => {
      watch.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => watch.on('exit', (code) => resolve(code)));
    fs.cpSync(first, path.join(inbox, path.basename(first)), { recursive: true });
    await landed;
    expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({ outcome: 'received', bundle: path.basename(first) });
    watch.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('a bundle that verifies but that the database will not take: exit 2, nothing of it loaded', async () => {
    const station = new Workstation(fs.mkdtempSync(path.join(root, 'odd-')), 'DOCK-2');
    const odd = await station.bundle(3);
    station.close();
    // A time PostgreSQL cannot read, signed as if the workstation had written it.
    rewriteEvents(odd, station.keyDir, (e, i) => {
      if (i === 2) e.timestamp = '2026-11-31T25:61:00Z';
    });
    const db = ['--database', url];
    const pem = path.join(root, 'dock-2.pem');
    fs.writeFileSync(pem, await station.publicKeyPem());
    expect(cli(['corporate', 'trust', 'DOCK-2', '--pubkey', pem, ...db]).code).toBe(0);
    const r = cli(['corporate', 'receive', odd, ...db]);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringMatching(/FAILED .*the database refused it.*nothing of it was loaded/),
    ]);
    const status = JSON.parse(cli(['corporate', 'status', '--json', ...db]).stdout) as {
      workstation: string;
      bundles: number;
    }[];
    expect(status.find((s) => s.workstation === 'DOCK-2')).toMatchObject({ bundles: 0 });
  });

  it('says what is wrong with the database instead of a stack', async () => {
    const bare = await createDatabase(inject('pgAdminUrl'));
    try {
      const empty = cli(['corporate', 'status', '--database', bare.url]);
      expect([empty.code, empty.stderr]).toEqual([
        2,
        expect.stringMatching(/no corporate schema yet: run warehouse-ledger corporate init/),
      ]);
    } finally {
      await bare.drop();
    }

    const unreachable = cli([
      'corporate',
      'status',
      '--database',
      'postgresql://nobody@localhost/none?host=/nonexistent',
    ]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot connect to PostgreSQL/);
    expect(unreachable.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('uses an embedded PostgreSQL in the user data folder when no server is named', () => {
    const env = { XDG_CONFIG_HOME: path.join(root, 'config') };
    expect(cli(['corporate', 'init'], env).code).toBe(0);
    expect(fs.existsSync(path.join(root, 'config', 'Warehouse Ledger', 'corporate-postgres'))).toBe(true);
    expect(cli(['corporate', 'trust', 'DOCK-1', '--pubkey', pubkey], env).code).toBe(0);
    const r = cli(['corporate', 'receive', bundles[0]!, bundles[2]!], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^received /m);
    expect(r.stderr).toMatch(/REFUSED \(gap\)/);
    const [dock] = JSON.parse(cli(['corporate', 'status', '--json'], env).stdout) as { bundles: number }[];
    expect(dock).toMatchObject({ bundles: 1 });
    // Each of the four commands starts PGlite anew (a few seconds apiece on a busy machine).
  }, 120_000);
});
