/**
 * The anchored head, attacked by someone holding the journal file: triggers dropped, the journal
 * cut back into exported events or rewritten with every hash recomputed, the projections rebuilt
 * so that the journal's own chain checks out, and even the export log wiped. Export must refuse
 * to sign, and verify must say what happened: from the journal's export log, from `--against`,
 * and from the export destination of the workstation's settings.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';
import { withAnchors } from '../../electron/export/anchors';
import { exportBundle } from '../../electron/export/exportBundle';
import { eventHash } from '../../electron/journal/hash';
import { EVENT_COLUMNS, eventRowOf, hashedOf } from '../../electron/journal/rows';
import { Journal } from '../../electron/journal';
import { SETTINGS_FILE } from '../../electron/settings/store';
import { addOrders, scratch } from './helpers';

function setup() {
  const root = scratch('anchors-');
  const file = path.join(root, 'journal.db');
  const journal = Journal.open(file);
  addOrders(journal, 8);
  const dest = path.join(root, 'share');
  fs.mkdirSync(dest);
  const userData = path.join(root, 'user-data');
  const keyDir = path.join(userData, 'signing-key');
  return { root, file, journal, dest, userData, keyDir, options: { destination: dest, workstation: 'DOCK-8', keyDir } };
}

/** What someone with the file and sqlite3 can do: no triggers, then any SQL. */
function tamper(file: string, sql: (db: Database.Database) => void): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
  db.exec('DROP TRIGGER IF EXISTS exports_no_update; DROP TRIGGER IF EXISTS exports_no_delete;');
  sql(db);
  db.close();
}

/** Recompute every hash from `fromSeq` on, as a careful forger would. */
function rehashFrom(db: Database.Database, fromSeq: number): void {
  let prev =
    (db
      .prepare('SELECT hash FROM events WHERE seq = ?')
      .pluck()
      .get(fromSeq - 1) as string | undefined) ?? '0'.repeat(64);
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq >= ? ORDER BY seq`)
    .raw()
    .all(fromSeq) as unknown[][];
  const update = db.prepare('UPDATE events SET hash = ?, prev_hash = ? WHERE seq = ?');
  for (const raw of rows) {
    const row = eventRowOf(raw);
    const hash = eventHash(prev, hashedOf(row, JSON.parse(row.data)), row.data);
    update.run(hash, prev, row.seq);
    prev = hash;
  }
}

/** The journal reopened and its projections rebuilt, so its own chain and projections agree again. */
function rebuilt(file: string): Journal {
  const j = Journal.open(file, { create: false });
  j.rebuild();
  expect(j.verify()).toMatchObject({ ok: true });
  return j;
}

async function cli(db: string, userData: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => '',
    defaultDb: db,
    userData,
  };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('an anchored head', () => {
  it('catches a journal cut back into exported events, and export refuses to sign it', async () => {
    const { file, journal, options, keyDir } = setup();
    const exported = await exportBundle(journal, options);
    journal.close();
    const keep = exported.toSeq - 5;
    tamper(file, (db) => db.prepare('DELETE FROM events WHERE seq > ?').run(keep));
    const cut = rebuilt(file);

    const report = await withAnchors(cut, cut.verify(), { workstation: 'DOCK-8', keyDir });
    expect(report).toMatchObject({ ok: false, firstBadSeq: keep + 1 });
    expect(report.problem).toMatch(
      new RegExp(`seq ${exported.toSeq} was exported in ${exported.bundle}, but the journal now ends at seq ${keep}`),
    );
    addOrders(cut, 2, 900);
    await expect(exportBundle(cut, options)).rejects.toThrow(/does not hold what it exported.*nothing was signed/);
    cut.close();
  });

  it('catches an exported event edited with every hash after it recomputed', async () => {
    const { file, journal, options, keyDir } = setup();
    const exported = await exportBundle(journal, options);
    journal.close();
    tamper(file, (db) => {
      const seq = db.prepare("SELECT min(seq) FROM events WHERE order_id = 'ORD-000003'").pluck().get() as number;
      const changed = db
        .prepare("UPDATE events SET data = replace(data, 'Customer 3', 'Customer 9') WHERE seq = ?")
        .run(seq);
      expect(changed.changes).toBe(1);
      rehashFrom(db, seq);
    });
    const forged = rebuilt(file);
    const report = await withAnchors(forged, forged.verify(), { workstation: 'DOCK-8', keyDir });
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(
      new RegExp(`seq ${exported.toSeq} was exported .* exported events have been changed`),
    );
    forged.close();
  });

  it('still catches it with the export log wiped: against the signed bundles, named or at the destination', async () => {
    const { file, journal, options, dest, userData, root } = setup();
    const a = await exportBundle(journal, options);
    addOrders(journal, 3, 100);
    const b = await exportBundle(journal, options);
    journal.close();
    tamper(file, (db) => {
      db.prepare('DELETE FROM events WHERE seq > ?').run(a.toSeq + 1);
      db.exec('DELETE FROM exports');
    });
    rebuilt(file).close();

    // The journal alone believes it: nothing recorded, chain fine.
    const alone = await cli(file, userData, 'verify', '--db', file, '--workstation', 'DOCK-8', '--json');
    expect(JSON.parse(alone.out)).toMatchObject({ ok: true });

    const against = await cli(file, userData, 'verify', '--db', file, '--against', dest, '--workstation', 'DOCK-8');
    expect(against.code).toBe(1);
    expect(against.out).toContain(
      `NOT OK at seq ${a.toSeq + 2}: seq ${b.toSeq} was exported in ${b.bundle} in ${dest}`,
    );

    // With the destination in the workstation's settings, plain `verify` of the workstation's journal consults it.
    fs.mkdirSync(userData, { recursive: true });
    fs.writeFileSync(
      path.join(userData, SETTINGS_FILE),
      JSON.stringify({ export: { destination: dest, schedule: { kind: 'every', hours: 1 }, workstation: 'DOCK-8' } }),
    );
    const plain = await cli(file, userData, 'verify');
    expect(plain.code).toBe(1);
    expect(plain.out).toMatch(/events that were exported have been removed/);

    // An unreachable destination is said, not taken for a pass of its bundles.
    fs.renameSync(dest, path.join(root, 'share-offline'));
    const offline = await cli(file, userData, 'verify');
    expect(offline.code).toBe(0);
    expect(offline.err).toContain(`the export destination ${dest} cannot be reached`);
    // Named by the person asking, an unreadable folder is a failure.
    expect((await cli(file, userData, 'verify', '--against', dest)).code).toBe(1);
  });

  it('does not take bundles signed by a stranger for anchors', async () => {
    const { file, journal, options, dest, userData } = setup();
    await exportBundle(journal, options);
    journal.close();
    // Another key's bundles in the folder (the forger made their own key): refused, not believed.
    const strangerKeys = path.join(scratch('stranger-'), 'signing-key');
    const other = Journal.open(path.join(scratch('stranger-db-'), 'journal.db'));
    addOrders(other, 8);
    const forgedDest = scratch('forged-share-');
    await exportBundle(other, { destination: forgedDest, workstation: 'DOCK-8', keyDir: strangerKeys });
    other.close();
    const r = await cli(file, userData, 'verify', '--against', forgedDest, '--workstation', 'DOCK-8');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/is not signed by any key this workstation has had/);
    expect((await cli(file, userData, 'verify', '--against', dest, '--workstation', 'DOCK-8')).code).toBe(0);
  });

  it('refuses to export a journal whose chain is broken, and signs nothing', async () => {
    const { file, journal, options, dest } = setup();
    journal.close();
    tamper(file, (db) =>
      expect(db.prepare("UPDATE events SET data = replace(data, 'SKU-0', 'SKU-9') WHERE seq = 1").run().changes).toBe(
        1,
      ),
    );
    const broken = Journal.open(file, { create: false });
    await expect(exportBundle(broken, options)).rejects.toThrow(
      /the journal is broken at seq 1 .*nothing was exported or signed/,
    );
    expect(fs.readdirSync(dest)).toEqual([]);
    expect(broken.exportCursor()).toBe(0);
    broken.close();
  });

  it('replays the whole journal before signing, not when there is nothing to sign (the anchors are checked either way)', async () => {
    const { file, journal, options } = setup();
    let replays = 0;
    const counted = {
      ...options,
      verifyJournal: () => {
        replays += 1;
        return Promise.resolve(journal.verify());
      },
    };
    await exportBundle(journal, counted);
    expect(replays).toBe(1);
    expect((await exportBundle(journal, counted)).bundle).toBeNull();
    expect(replays).toBe(1);
    journal.close();
    tamper(file, (db) => db.prepare('DELETE FROM events WHERE seq > 3').run());
    const cut = rebuilt(file);
    await expect(exportBundle(cut, { ...counted, verifyJournal: () => Promise.resolve(cut.verify()) })).rejects.toThrow(
      /does not hold what it exported/,
    );
    cut.close();
  });

  it('keeps the export log append-only for anyone who does not drop its triggers', async () => {
    const { file, journal, options } = setup();
    await exportBundle(journal, options);
    journal.close();
    const db = new Database(file);
    expect(() => db.exec('DELETE FROM exports')).toThrow(/the export log is append-only/);
    expect(() => db.exec("UPDATE exports SET end_hash = 'x'")).toThrow(/the export log is append-only/);
    db.close();
  });
});
