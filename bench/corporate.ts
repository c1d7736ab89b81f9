/**
 * Corporate's receive against a bare COPY of the same rows, on the same PostgreSQL server in one
 * run (target ≤ 2): the journal the bench imported is exported as one bundle; the bare side reads
 * that bundle's events file, parses each line and COPYs the very rows receive loads into a table
 * of the same shape (same primary key and index, no checks); receive is the real one — every
 * file hashed, the signature and the chain checked, events, orders and anomalies loaded in one
 * transaction.
 *
 * The server is the one DATABASE_URL / PG* names, else a throwaway Debian PostgreSQL (with fsync
 * on: a measure, not a test). Without either the figure says so and the bench goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { openServer } from '../electron/corporate/db';
import { eventRow, EVENT_COLUMNS, receiveBundle } from '../electron/corporate/receive';
import { rowSink } from '../electron/corporate/rows';
import { migrate } from '../electron/corporate/schema';
import { trustWorkstation } from '../electron/corporate/trust';
import { exportBundle } from '../electron/export/exportBundle';
import { workstationKey } from '../electron/export/keys';
import { EVENTS_FILE } from '../electron/export/layout';
import type { EventLine } from '../electron/export/verify';
import { Journal } from '../electron/journal';
import { createDatabase, startTestServer, type TestServer } from '../test/pg/server';

export interface CorporateFigure {
  what: string;
  value: string;
  target: string;
  pass?: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function measureCorporateReceive(
  journalDb: string,
  dir: string,
  log: (text: string) => void,
): Promise<CorporateFigure[]> {
  const keyDir = path.join(dir, 'corporate-key');
  const destination = path.join(dir, 'bundles');
  fs.mkdirSync(destination, { recursive: true });
  log('export for corporate …');
  const journal = Journal.open(journalDb, { create: false });
  let t = performance.now();
  let bundle: string;
  let events: number;
  try {
    const r = await exportBundle(journal, { destination, workstation: 'BENCH-1', keyDir });
    bundle = r.path!;
    events = r.events;
  } finally {
    journal.close();
  }
  const exportMs = performance.now() - t;

  let server: TestServer;
  try {
    server = await startTestServer({ fsync: true });
  } catch (err) {
    return [{ what: 'corporate receive ÷ bare COPY', value: 'skipped', target: (err as Error).message }];
  }
  const created = await createDatabase(server.adminUrl, 'wl_bench');
  const db = await openServer(created.url);
  try {
    await migrate(db);
    await trustWorkstation(db, 'BENCH-1', (await workstationKey(keyDir)).publicKeyPem);
    await db.exec('CREATE TABLE bare_events (LIKE events INCLUDING ALL)');

    log('bare COPY …');
    t = performance.now();
    const copied = await db.transaction(async (tx) => {
      const sink = rowSink(tx, 'bare_events', EVENT_COLUMNS);
      const lines = readline.createInterface({
        input: fs.createReadStream(path.join(bundle, EVENTS_FILE)).pipe(createGunzip()),
        crlfDelay: Infinity,
      });
      let n = 0;
      for await (const line of lines) {
        await sink.add(eventRow('BENCH-1', 1, JSON.parse(line) as EventLine));
        n += 1;
      }
      await sink.finish();
      return n;
    });
    const bareMs = performance.now() - t;
    if (copied !== events) throw new Error(`the bare COPY wrote ${copied} of ${events} events`);

    log('corporate receive …');
    t = performance.now();
    const received = await receiveBundle(db, bundle);
    const receiveMs = performance.now() - t;
    if (received.outcome !== 'received' || received.events !== events) {
      throw new Error(`corporate receive loaded ${received.events} of ${events} events (${received.outcome})`);
    }
    const ratio = receiveMs / bareMs;
    return [
      { what: 'export (one bundle for corporate)', value: seconds(exportMs), target: '' },
      {
        what: 'bare COPY into PostgreSQL',
        value: `${seconds(bareMs)} (${Math.round(events / (bareMs / 1000))} ev/s)`,
        target: '',
      },
      {
        what: 'corporate receive',
        value: `${seconds(receiveMs)} (${Math.round(events / (receiveMs / 1000))} ev/s)`,
        target: '',
      },
      { what: 'corporate receive ÷ bare COPY', value: ratio.toFixed(2), target: '≤ 2', pass: ratio <= 2 },
    ];
  } finally {
    await db.close();
    await created.drop();
    server.stop();
  }
}
