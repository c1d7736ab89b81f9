/** The sample history: deterministic, realistic, every anomaly kind in it, the missing-package night intact. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instantOf, parseEnvelope, HANDBOOK_STATUSES } from '../../shared/events/envelope';
import { ANOMALY_KINDS, OPT_IN_KINDS } from '../../shared/rules/evaluate';
import { Journal } from '../../electron/journal';
import { generateEvents, generateHistory, MISTAKE_EVERY, seedJournal, writeNdjson } from '../../electron/seed';
import { HANDBOOK_SAMPLES } from '../samples';

const dir = mkdtempSync(join(tmpdir(), 'wl-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = `${HANDBOOK_SAMPLES}/missing-package.ndjson`;

describe('generateHistory', () => {
  it('gives byte-identical files for the same seed, and a different history for another seed', () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    const c = join(dir, 'c.ndjson');
    writeNdjson(a, generateHistory({ orders: 300, seed: 42 }));
    writeNdjson(b, generateHistory({ orders: 300, seed: 42 }));
    writeNdjson(c, generateHistory({ orders: 300, seed: 43 }));
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
  });

  it('writes only valid envelopes, unique ids, with the orders interleaved', () => {
    const events = [...generateHistory({ orders: 400, seed: 1 })];
    const orders = new Set(events.map((e) => e.orderId));
    // 400 orders plus the phantom order numbers of mistyped picks.
    expect([...orders].filter((o) => o.length === 7)).toHaveLength(400);
    expect(events.length / 400).toBeGreaterThan(6);
    for (const e of events) expect(parseEnvelope(e, { statuses: HANDBOOK_STATUSES }).ok).toBe(true);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    // Interleaved: the orders under way overlap, not one order start to finish after another.
    let switches = 0;
    for (let i = 1; i < events.length; i++) if (events[i]!.orderId !== events[i - 1]!.orderId) switches += 1;
    expect(switches).toBeGreaterThan(events.length / 2);
    // Most orders make it all the way; some are held and some cancelled.
    const statuses = events.filter((e) => e.type === 'StatusChanged').map((e) => (e.data as { status: string }).status);
    for (const s of ['Delivered', 'OnHold', 'Cancelled', 'Shipped', 'Packed']) expect(statuses).toContain(s);
  });

  it('holds the night of the missing package event for event, with the same eventIds', () => {
    const sample = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { eventId: string });
    const events = [...generateHistory({ orders: 600, seed: 9 })];
    const byId = new Map(events.map((e) => [e.eventId, e]));
    for (const s of sample) expect(byId.get(s.eventId)).toEqual(s);
    const missing = events.filter((e) => e.orderId === '1345693');
    expect(missing.map((e) => e.eventId)).toEqual(
      sample.filter((s) => s.eventId.startsWith('s-1345693')).map((s) => s.eventId),
    );
  });

  it('writes exactly N events when asked for a count', () => {
    expect([...generateEvents({ events: 1234, seed: 5 })]).toHaveLength(1234);
  });
});

describe('seedJournal', () => {
  it('every anomaly kind of handbook §5 occurs, at a low rate, and the missing package is flagged at its 8th event', () => {
    const journal = Journal.open(join(dir, 'seed.db'));
    try {
      const orders = 10 * MISTAKE_EVERY + 20;
      const report = seedJournal(journal, { orders, seed: 3, batchSize: 500 });
      expect(report.accepted).toBe(report.events);
      const kinds = new Set(journal.anomalies({ limit: 10_000 }).map((a) => a.kind));
      // Every kind of handbook §5; the floor rules opt into no other.
      expect([...kinds].sort()).toEqual(ANOMALY_KINDS.filter((k) => !OPT_IN_KINDS.has(k)).sort());
      expect(report.anomalies / report.events).toBeLessThan(0.05);
      const night = journal.history('1345693');
      expect(night).toHaveLength(8);
      expect(night[7]!.anomalies.map((a) => a.kind)).toEqual(['illegal-transition']);
      expect(journal.verify().ok).toBe(true);
      // Timestamps are local warehouse time with an offset, inside the floor's working hours mostly.
      const first = [...journal.iterateEvents(0, 1)][0]!;
      expect(first.timestamp).toMatch(/-05:00$/);
      expect(Number.isNaN(instantOf(first.timestamp))).toBe(false);
    } finally {
      journal.close();
    }
  });

  it('stops between batches when cancelled', () => {
    const journal = Journal.open(join(dir, 'cancel.db'));
    try {
      const controller = new AbortController();
      const report = seedJournal(journal, {
        orders: 200,
        seed: 3,
        batchSize: 100,
        signal: controller.signal,
        onProgress: (n) => n >= 300 && controller.abort(),
      });
      expect(report).toMatchObject({ cancelled: true, events: 300 });
      expect(journal.eventCount()).toBe(300);
    } finally {
      journal.close();
    }
  });
});
