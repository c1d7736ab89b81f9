/** Temporary journals, the handbook's sample files and small event builders for the journal tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { instantOf, parseEnvelope, type OrderEvent } from '../../shared/events/envelope';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { Journal, type IncomingEvent, type OpenOptions } from '../../electron/journal';
import { HANDBOOK_SAMPLES } from '../samples';
import { registerEventKeyFunction } from '../../electron/journal/eventKey';
import { RuleSetStore } from '../../electron/journal/ruleSets';

export const SAMPLES = HANDBOOK_SAMPLES;

const dirs: string[] = [];
const journals: Journal[] = [];

afterEach(() => {
  for (const j of journals.splice(0)) j.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-test-'));
  dirs.push(dir);
  return dir;
}

/** A fresh journal in a temporary folder, closed after the test. */
export function freshJournal(options: OpenOptions = {}, file = 'journal.sqlite'): Journal {
  const journal = Journal.open(path.join(tempDir(), file), options);
  journals.push(journal);
  return journal;
}

/** Reopen a journal file (closed after the test). */
export function reopen(file: string, options: OpenOptions = {}): Journal {
  const journal = Journal.open(file, options);
  journals.push(journal);
  return journal;
}

/** A second, raw connection to a journal's file, for what no caller may do (tampering). */
export function rawConnection(file: string): Database.Database {
  const db = new Database(file);
  return db;
}

/**
 * `fn` in a transaction on a connection of the test's own to the journal `file` (the journal's
 * event-key function registered), with the journal's rule sets and last seq.
 */
export function inTransactionOn<T>(
  file: string,
  fn: (db: Database.Database, ruleSets: RuleSetStore, total: number) => T,
): T {
  const db = rawConnection(file);
  try {
    registerEventKeyFunction(db);
    const ruleSets = new RuleSetStore(db);
    return db.transaction(() => fn(db, ruleSets, db.prepare('SELECT max(seq) FROM events').pluck().get() as number))();
  } finally {
    db.close();
  }
}

/** The good lines of a sample NDJSON file, parsed as the importer would. */
export function sampleEvents(name: string): IncomingEvent[] {
  const text = fs.readFileSync(path.join(SAMPLES, name), 'utf8');
  const out: IncomingEvent[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return;
    }
    const r = parseEnvelope(value, { statuses: FLOOR_RULES.statuses });
    if (r.ok) out.push({ event: r.event, instant: instantOf(r.event.timestamp), line: i + 1 });
  });
  return out;
}

let clock = Date.parse('2026-11-26T08:00:00Z');
let counter = 0;

/** An incoming event for order `orderId`, a minute after the previous one built. */
export function incoming(
  orderId: string,
  type: OrderEvent['type'],
  data: Record<string, unknown>,
  role: OrderEvent['initiatedBy']['role'] = 'System',
  overrides: Partial<OrderEvent> = {},
): IncomingEvent {
  clock += 60_000;
  counter += 1;
  const event: OrderEvent = {
    eventId: `t-${counter}`,
    type,
    orderId,
    initiatedBy: { id: role.toLowerCase(), name: `The ${role}`, role },
    timestamp: new Date(clock).toISOString(),
    data,
    ...overrides,
  };
  return { event, instant: instantOf(event.timestamp), line: counter };
}

export const created = (orderId: string, lines = [{ sku: 'A', qty: 2 }], customer = 'Hillside Dental') =>
  incoming(orderId, 'OrderCreated', { customer, lines });
export const statusTo = (orderId: string, status: string, role: OrderEvent['initiatedBy']['role'] = 'System') =>
  incoming(orderId, 'StatusChanged', { status }, role);

/** The operators most tests need. */
export function withOperators(journal: Journal): Journal {
  journal.addOperator({ id: 'sup', name: 'Sue Supervisor', role: 'Supervisor', password: 'supervisor-pw' });
  journal.addOperator({ id: 'clerk', name: 'Cal Clerk', role: 'Clerk', password: 'clerk-password' });
  journal.addOperator({ id: 'trainee', name: 'Tia Trainee', role: 'Trainee', password: 'trainee-password' });
  return journal;
}

/** A fresh journal with the missing-package night recorded and its mistake corrected by `sup`. */
export function correctedMissingPackage(): Journal {
  const journal = withOperators(freshJournal());
  journal.appendBatch(sampleEvents('missing-package.ndjson'), 'missing-package.ndjson');
  correctMissingPackage(journal);
  return journal;
}

/** The missing package's mistake (the night's `PendingPicking`) corrected by `sup`: it was packed. */
export function correctMissingPackage(journal: Journal): void {
  journal.correct({
    operatorId: 'sup',
    orderId: '1345693',
    status: 'Packed',
    reason: 'Found on the packing bench',
    correctsEventId: 's-1345693-08',
  });
}
