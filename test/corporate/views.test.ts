/**
 * The cross-warehouse questions, asked through the documented views over bundles received from
 * two workstations: anomalies by kind per warehouse and week, corrections by reason, and orders
 * whose status in the last bundle is not the main system's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorporateDb } from '../../electron/corporate/db';
import { loadMainStatus, MainStatusRefused } from '../../electron/corporate/mainStatus';
import { receiveBundle } from '../../electron/corporate/receive';
import { trustWorkstation } from '../../electron/corporate/trust';
import { exportBundle } from '../../electron/export/exportBundle';
import { workstationKey } from '../../electron/export/keys';
import { correctedMissingPackage } from '../journal/helpers';
import { corporateDatabase, count, Workstation } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-views-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let db: CorporateDb;

beforeAll(async () => {
  ({ db } = await corporateDatabase());
  // DOCK-A: the missing-package night, its mistake corrected.
  const night = correctedMissingPackage();
  const keyDir = path.join(root, 'dock-a-key');
  const destination = fs.mkdirSync(path.join(root, 'dock-a-bundles'), { recursive: true })!;
  const a = await exportBundle(night, { destination, workstation: 'DOCK-A', keyDir });
  night.close();
  await trustWorkstation(db, 'DOCK-A', (await workstationKey(keyDir)).publicKeyPem);
  await receiveBundle(db, a.path!);
  // DOCK-B: generated orders, every third skipping a step.
  const b = new Workstation(root, 'DOCK-B');
  await trustWorkstation(db, 'DOCK-B', await b.publicKeyPem());
  await receiveBundle(db, await b.bundle(9));
  b.close();
});

describe('corporate views', () => {
  it('anomalies_by_week: per warehouse, week and kind, open ones apart', async () => {
    const rows = await db.query<{ workstation: string; week: Date; kind: string; anomalies: number; open: number }>(
      "SELECT * FROM anomalies_by_week WHERE workstation = 'DOCK-A' ORDER BY kind",
    );
    // The night of 26 November 2026 (a Thursday) falls in the week starting Monday the 23rd.
    expect(rows.map((r) => new Date(r.week).toISOString().slice(0, 10))).toEqual(rows.map(() => '2026-11-23'));
    const illegal = rows.find((r) => r.kind === 'illegal-transition')!;
    expect(illegal.anomalies).toBe(2);
    expect(illegal.open).toBe(1); // the corrected one is resolved
    const [totals] = await db.query<{ n: number }>('SELECT sum(anomalies) AS n FROM anomalies_by_week');
    expect(totals!.n).toBe(await count(db, 'anomalies'));
    expect(await count(db, 'anomalies', 'DOCK-B')).toBeGreaterThan(0);
  });

  it('corrections_by_reason: how often each reason was given, per warehouse', async () => {
    const rows = await db.query('SELECT workstation, reason, corrections, orders FROM corrections_by_reason');
    expect(rows).toEqual([{ workstation: 'DOCK-A', reason: 'Found on the packing bench', corrections: 1, orders: 1 }]);
  });

  it("orders_differing_from_main: the ledger's last bundle against the main system's export", async () => {
    const file = path.join(root, 'main-export.csv');
    // The main system still says PendingPicking for the missing package; the ledger says Packed.
    // It agrees on 1345701 (shipped without being packed: flagged, but shipped all the same).
    fs.writeFileSync(
      file,
      'orderId,status,customer\r\n1345693,PendingPicking,Hillside Dental\r\n1345701,Shipped,x\r\n',
    );
    expect(await loadMainStatus(db, file, { workstation: 'DOCK-A' })).toEqual({ rows: 2, workstations: ['DOCK-A'] });
    expect(
      await db.query(
        'SELECT workstation, order_id, ledger_status, main_status, main_export FROM orders_differing_from_main',
      ),
    ).toEqual([
      {
        workstation: 'DOCK-A',
        order_id: '1345693',
        ledger_status: 'Packed',
        main_status: 'PendingPicking',
        main_export: 'main-export.csv',
      },
    ]);

    // A later export replaces the earlier one: the main system caught up.
    fs.writeFileSync(file, 'workstation,orderId,status\nDOCK-A,1345693,Packed\nDOCK-A,1345701,Shipped\n');
    expect(await loadMainStatus(db, file)).toEqual({ rows: 2, workstations: ['DOCK-A'] });
    expect(await db.query('SELECT * FROM orders_differing_from_main')).toEqual([]);
  });

  it('refuses a main system export it cannot read, saying where', async () => {
    const file = path.join(root, 'bad.csv');
    fs.writeFileSync(file, 'orderId,state\n1,Packed\n');
    await expect(loadMainStatus(db, file, { workstation: 'DOCK-A' })).rejects.toThrow(/no status column/);
    fs.writeFileSync(file, 'orderId,status\n1,Packed\n2,Shipped\n1,Packed\n');
    await expect(loadMainStatus(db, file, { workstation: 'DOCK-A' })).rejects.toThrow(/line 4: order 1 .*twice/);
    fs.writeFileSync(file, 'orderId,status\n1,Packed\n');
    await expect(loadMainStatus(db, file)).rejects.toBeInstanceOf(MainStatusRefused);
    // Nothing of the refused files replaced what was loaded.
    expect(await count(db, 'main_status', 'DOCK-A')).toBe(2);
  });
});
