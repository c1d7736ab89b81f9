/**
 * `corporate load-main-status`: the main system's own list of its orders and their statuses (a
 * CSV with a header naming at least `orderId` and `status`, and `workstation` unless one is given
 * for the whole file), so the `orders_differing_from_main` view can show where the ledger's last
 * bundle and the main system disagree. Each load replaces the earlier list of the warehouses it
 * names: a main system's export is the whole of its orders at one moment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CorporateDb } from './db';
import { rowSink } from './rows';

export class MainStatusRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MainStatusRefused';
  }
}

export interface MainStatusLoaded {
  rows: number;
  workstations: string[];
}

export async function loadMainStatus(
  db: CorporateDb,
  file: string,
  options: { workstation?: string } = {},
): Promise<MainStatusLoaded> {
  const where = path.basename(file);
  let records: Record<string, string>[];
  try {
    records = parse(fs.readFileSync(file), { columns: true, bom: true, trim: true, skip_empty_lines: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.syscall !== undefined) throw err;
    throw new MainStatusRefused(`${where} is not valid CSV: ${e.message}`);
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  for (const needed of ['orderId', 'status']) {
    if (records.length > 0 && !header.includes(needed)) {
      throw new MainStatusRefused(`${where}: the header has no ${needed} column (it has ${header.join(', ')})`);
    }
  }
  if (options.workstation === undefined && records.length > 0 && !header.includes('workstation')) {
    throw new MainStatusRefused(
      `${where} has no workstation column: say whose orders these are with --workstation NAME`,
    );
  }
  const seen = new Set<string>();
  const rows: [string, string, string][] = [];
  records.forEach((r, i) => {
    const line = i + 2; // the header is line 1
    const workstation = options.workstation ?? r.workstation ?? '';
    const orderId = r.orderId ?? '';
    const status = r.status ?? '';
    if (workstation === '' || orderId === '' || status === '') {
      throw new MainStatusRefused(`${where} line ${line}: workstation, orderId and status must not be empty`);
    }
    const key = `${workstation}\u0000${orderId}`;
    if (seen.has(key))
      throw new MainStatusRefused(`${where} line ${line}: order ${orderId} of ${workstation} is listed twice`);
    seen.add(key);
    rows.push([workstation, orderId, status]);
  });
  const workstations = [...new Set(rows.map((r) => r[0]))].sort();
  if (options.workstation !== undefined && !workstations.includes(options.workstation))
    workstations.push(options.workstation);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM main_status WHERE workstation = ANY($1)', [workstations]);
    const sink = rowSink(tx, 'main_status', ['workstation', 'order_id', 'status', 'source']);
    for (const r of rows) await sink.add([...r, where]);
    await sink.finish();
  });
  return { rows: rows.length, workstations };
}
