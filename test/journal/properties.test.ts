/**
 * Properties over random histories (fast-check): a rebuild gives the incremental projections
 * back exactly, and any change to a stored event is caught by verify at that event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HANDBOOK_1998, FLOOR_RULES } from '../../shared/rules/builtin';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { Journal, JournalRefusal, type IncomingEvent } from '../../electron/journal';

const ORDERS = ['1', '2', '3'];
const STATUSES = [...FLOOR_RULES.statuses, 'PostPicking'];
const ROLES = ['Picker', 'Packer', 'Shipper', 'TeamLead', 'Supervisor', 'System'] as const;
const BASE = Date.parse('2026-11-26T08:00:00Z');

type Step =
  | {
      kind: 'event';
      orderId: string;
      type: OrderEvent['type'];
      value: number;
      role: (typeof ROLES)[number];
      jitter: number;
    }
  | { kind: 'batchEnd' }
  | { kind: 'correct'; orderId: string; status: string; pick: number; withEvent: boolean }
  | { kind: 'dismiss'; pick: number }
  | { kind: 'rules'; which: 0 | 1 };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      orderId: fc.constantFrom(...ORDERS),
      type: fc.constantFrom('OrderCreated', 'StatusChanged', 'StatusChanged', 'ItemPicked', 'CustomerNotified'),
      value: fc.nat(20),
      role: fc.constantFrom(...ROLES),
      jitter: fc.integer({ min: -3, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'batchEnd' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      orderId: fc.constantFrom(...ORDERS),
      status: fc.constantFrom(...FLOOR_RULES.statuses),
      pick: fc.nat(),
      withEvent: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dismiss' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('rules' as const), which: fc.constantFrom(0 as const, 1 as const) }),
  },
);

function eventOf(s: Extract<Step, { kind: 'event' }>, n: number): IncomingEvent {
  const data: Record<string, unknown> =
    s.type === 'OrderCreated'
      ? {
          customer: `Customer ${s.orderId}`,
          lines: [
            { sku: 'A', qty: 1 + (s.value % 3) },
            { sku: 'B', qty: 1 },
          ],
        }
      : s.type === 'StatusChanged'
        ? { status: STATUSES[s.value % STATUSES.length] }
        : s.type === 'ItemPicked'
          ? { itemSku: ['A', 'B', 'C'][s.value % 3], itemQty: 1 + (s.value % 2) }
          : { channel: 'email' };
  const timestamp = new Date(BASE + (n + s.jitter) * 60_000).toISOString();
  const event: OrderEvent = {
    eventId: `e-${n}`,
    type: s.type,
    orderId: s.orderId,
    initiatedBy: { id: s.role.toLowerCase(), role: s.role },
    timestamp,
    data,
  };
  if (n % 4 === 0) event.traceId = `t-${Math.floor(n / 8)}`;
  return { event, instant: instantOf(timestamp), line: n };
}

/** Play the steps into the journal through its public API; refusals are part of the game. */
function play(journal: Journal, steps: Step[]): void {
  let pending: IncomingEvent[] = [];
  let n = 0;
  const flush = () => {
    if (pending.length > 0) journal.appendBatch(pending, 'random');
    pending = [];
  };
  for (const s of steps) {
    if (s.kind === 'event') {
      n += 1;
      pending.push(eventOf(s, n));
      // Now and then the main system sends the same event again.
      if (s.value === 7) pending.push(eventOf(s, n));
      continue;
    }
    flush();
    try {
      if (s.kind === 'correct') {
        const history = journal.history(s.orderId);
        const target = history.length > 0 ? history[s.pick % history.length] : undefined;
        journal.correct({
          operatorId: 'sup',
          orderId: s.orderId,
          status: s.status,
          reason: 'Checked on the floor today',
          correctsEventId: s.withEvent ? target?.eventId : undefined,
        });
      } else if (s.kind === 'dismiss') {
        const open = journal.anomalies({ open: true, limit: 1000 });
        const a = open[s.pick % Math.max(open.length, 1)];
        if (a) {
          journal.dismiss({
            operatorId: 'sup',
            orderId: a.orderId,
            dismissesEventId: a.eventId,
            reason: 'A false alarm, checked',
          });
        }
      } else if (s.kind === 'rules') {
        journal.activateRuleSet(s.which === 0 ? FLOOR_RULES : HANDBOOK_1998, {
          operatorId: 'sup',
          reason: 'Trying the other rules',
        });
      }
    } catch (err) {
      if (!(err instanceof JournalRefusal)) throw err;
    }
  }
  flush();
}

function snapshot(journal: Journal) {
  return {
    orders: journal.orders({ limit: 10_000 }),
    anomalies: journal.anomalies({ limit: 10_000 }),
    counts: journal.statusCounts(),
    history: ORDERS.map((o) => journal.history(o)),
  };
}

function journalWithSupervisor(file: string): Journal {
  const journal = Journal.open(file);
  journal.addOperator({ id: 'sup', name: 'Sue', role: 'Supervisor', password: 'supervisor-pw' });
  return journal;
}

describe('properties', () => {
  it('a rebuild gives exactly the projections kept incrementally', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const journal = journalWithSupervisor(':memory:');
        try {
          play(journal, steps);
          const incremental = snapshot(journal);
          expect(journal.verify()).toMatchObject({ ok: true });
          journal.rebuild();
          expect(snapshot(journal)).toEqual(incremental);
        } finally {
          journal.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  const COLUMNS = [
    'event_id',
    'type',
    'order_id',
    'trace_id',
    'initiator_id',
    'initiator_name',
    'initiator_role',
    'timestamp',
    'instant',
    'data',
    'recorded_at',
    'source',
    'rule_set',
    'hash',
    'prev_hash',
  ] as const;

  it('any change to a stored event is caught by verify, at that event', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-tamper-'));
    let run = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 3, maxLength: 40 }),
          fc.nat(),
          fc.constantFrom(...COLUMNS),
          fc.boolean(),
          (steps, pick, column, validJson) => {
            const file = path.join(dir, `j${run++}.sqlite`);
            const journal = journalWithSupervisor(file);
            try {
              play(journal, steps);
              const last = journal.lastSeq();
              fc.pre(last > 0);
              const seq = 1 + (pick % last);
              const db = new Database(file);
              try {
                db.exec('DROP TRIGGER events_no_update');
                const row = db.prepare(`SELECT ${column} AS v, data FROM events WHERE seq = ?`).get(seq) as {
                  v: string | number | null;
                  data: string;
                };
                let changed: string | number;
                if (column === 'instant') changed = (row.v as number) + 1;
                else if (column === 'data' && validJson)
                  changed = JSON.stringify({ ...JSON.parse(row.data), tampered: true });
                else if (column === 'hash' || column === 'prev_hash')
                  changed = `${String(row.v).slice(0, 63)}${String(row.v).endsWith('0') ? '1' : '0'}`;
                else changed = `${row.v ?? ''}x`;
                db.prepare(`UPDATE events SET ${column} = ? WHERE seq = ?`).run(changed, seq);
              } finally {
                db.close();
              }
              const report = journal.verify();
              expect(report.ok).toBe(false);
              expect(report.firstBadSeq).toBe(seq);
            } finally {
              journal.close();
              fs.rmSync(file, { force: true });
              fs.rmSync(`${file}-wal`, { force: true });
              fs.rmSync(`${file}-shm`, { force: true });
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
