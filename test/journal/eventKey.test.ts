/**
 * The compact key of the duplicate check (migration 9), its index split by generations (migration 11): the
 * upgrades, keys that collide, and duplicates found in a finished generation through its filter.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/journal';
import { eventKey, GENERATION_BITS, GENERATION_SIZE } from '../../electron/journal/eventKey';
import { filterFromIndex, firstProbe, KeyFilter, probeStep } from '../../electron/journal/keyFilter';
import { generateEvents } from '../../electron/seed';
import { instantOf } from '../../shared/events/envelope';
import type { IncomingEvent } from '../../electron/journal';
import { correctedMissingPackage, created, rawConnection, reopen, sampleEvents, freshJournal } from './helpers';

/** Put a journal's events table back as version 8 had it: no key, a UNIQUE eventId. */
function makeVersion8(file: string): void {
  const db = new Database(file);
  const columns =
    'seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role, timestamp, instant, data, recorded_at, source, rule_set, hash, prev_hash';
  db.exec(`
    CREATE TABLE events_v8 (
      seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, order_id TEXT NOT NULL,
      trace_id TEXT, initiator_id TEXT NOT NULL, initiator_name TEXT, initiator_role TEXT NOT NULL,
      timestamp TEXT NOT NULL, instant INTEGER NOT NULL, data TEXT NOT NULL, recorded_at TEXT NOT NULL,
      source TEXT NOT NULL, rule_set TEXT NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL);
    INSERT INTO events_v8 SELECT ${columns} FROM events ORDER BY seq;
    DROP TABLE events;
    ALTER TABLE events_v8 RENAME TO events;
    CREATE INDEX events_by_order ON events(order_id, seq);
    CREATE INDEX events_by_trace ON events(trace_id, seq) WHERE trace_id IS NOT NULL;
    CREATE INDEX events_requests ON events(seq) WHERE type = 'CorrectionRequested';
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'append-only'); END;
  `);
  db.pragma('user_version = 8');
  db.close();
}

/**
 * A filler event of seq `seq` (a copy of seq 1 under another id), written past a gap: it moves the
 * journal's end into a later key generation (the chain check would name the gap; the tests that
 * use it look only at the duplicate check).
 */
function insertFiller(db: Database.Database, seq: number): void {
  db.prepare(
    `INSERT INTO events(seq, event_id, type, order_id, initiator_id, initiator_role, timestamp, instant, data,
       recorded_at, source, rule_set, hash, prev_hash, event_key)
     SELECT ?, 'filler', type, 'o-filler', initiator_id, initiator_role, timestamp, instant, data, recorded_at,
       source, rule_set, hash, hash, ? FROM events WHERE seq = 1`,
  ).run(seq, eventKey('filler'));
}

describe('the compact key of the duplicate check', () => {
  it('upgrades a version-8 journal in place: every event and hash kept, duplicates and conflicts still found', () => {
    const journal = correctedMissingPackage();
    const file = journal.path;
    const last = journal.lastSeq();
    const chain = journal.chainHash(last);
    const events = [...journal.iterateEvents()];
    journal.close();
    makeVersion8(file);

    const upgraded = reopen(file);
    const raw = rawConnection(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const indexes = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'").pluck();
    expect(indexes.all()).toEqual(
      expect.arrayContaining(['events_by_generation_key', 'events_by_order', 'events_requests']),
    );
    // No UNIQUE eventId index any more (SQLite names those sqlite_autoindex_…).
    expect((indexes.all() as string[]).filter((n) => n.startsWith('sqlite_autoindex'))).toEqual([]);
    expect(() => raw.exec('DELETE FROM events WHERE seq = 1')).toThrow(/append-only/);
    expect(() => raw.exec("UPDATE events SET source = 'x' WHERE seq = 1")).toThrow(/append-only/);
    raw.close();

    expect(upgraded.lastSeq()).toBe(last);
    expect(upgraded.chainHash(last)).toBe(chain);
    expect([...upgraded.iterateEvents()]).toEqual(events);
    expect(upgraded.verify()).toMatchObject({ ok: true, events: last });
    const first = events[0]!;
    expect(upgraded.event({ eventId: first.eventId })?.seq).toBe(first.seq);

    const again = upgraded.appendBatch(sampleEvents('missing-package.ndjson'), 'again');
    expect(again).toMatchObject({ accepted: 0, duplicates: 23, conflicts: [] });
    const changed = sampleEvents('missing-package.ndjson')[0]!;
    const conflict = upgraded.appendBatch(
      [{ ...changed, event: { ...changed.event, timestamp: '2026-11-27T01:00:00Z' } }],
      'changed',
    );
    expect(conflict.conflicts).toHaveLength(1);
    expect(upgraded.lastSeq()).toBe(last);
  });

  it('an event whose key is taken by another id is recorded, and each is found by its own id', () => {
    const journal = freshJournal();
    const newcomer = created('o-2');
    journal.appendBatch([created('o-1')], 'first');
    // Another event holding the newcomer's key (two ids of the same key are rare, not impossible).
    const raw = rawConnection(journal.path);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare('UPDATE events SET event_key = ? WHERE seq = 1').run(eventKey(newcomer.event.eventId));
    raw.close();

    const outcome = journal.appendBatch([newcomer], 'second');
    expect(outcome).toMatchObject({ accepted: 1, duplicates: 0, conflicts: [] });
    expect(journal.event({ eventId: newcomer.event.eventId })?.seq).toBe(2);
    expect(journal.appendBatch([newcomer], 'again')).toMatchObject({ accepted: 0, duplicates: 1 });
    // verify names the event whose key does not fit its id.
    expect(journal.verify()).toMatchObject({ ok: false, firstBadSeq: 1, problem: expect.stringMatching(/stored key/) });
  });

  it('is a whole number below 2^47, never changes (it is stored), and differs for ids that differ by one character', () => {
    const ids = ['02a7875a-cd1e-485d-a55d-9d3e6b245b58', '02a7875a-cd1e-485d-a55d-9d3e6b245b59', 's-1345693-08', ''];
    const keys = ids.map(eventKey);
    for (const k of keys) {
      expect(Number.isSafeInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(2 ** 47);
    }
    expect(new Set(keys).size).toBe(ids.length);
    // Stored in every journal: a changed function would find no duplicate recorded before it.
    expect(eventKey(ids[0]!)).toBe(72334685619990);
    expect(eventKey('s-1345693-08')).toBe(99740352659891);
  });

  it('upgrades a version-10 journal: the one key index becomes the split one, and duplicates are still found', () => {
    const journal = correctedMissingPackage();
    const file = journal.path;
    const last = journal.lastSeq();
    journal.close();
    const old = rawConnection(file);
    old.exec(
      'DROP INDEX events_by_generation_key; DROP TABLE key_filters; DROP TABLE trace_orders; CREATE INDEX events_by_key ON events(event_key);',
    );
    old.pragma('user_version = 10');
    old.close();

    const upgraded = reopen(file);
    const raw = rawConnection(file);
    const names = raw
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events'")
      .pluck()
      .all();
    expect(names).toContain('events_by_generation_key');
    expect(names).not.toContain('events_by_key');
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM events WHERE (seq >> ${GENERATION_BITS}) IN (SELECT value FROM json_each(?)) AND event_key = ?`,
      )
      .all('[0]', 1) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX events_by_generation_key/);
    raw.close();
    expect(upgraded.verify()).toMatchObject({ ok: true, events: last });
    // Without the filters (a small batch) and with them (a big one): both find every event again.
    const samples = sampleEvents('missing-package.ndjson');
    expect(upgraded.appendBatch(samples.slice(0, 3), 'again')).toMatchObject({ accepted: 0, duplicates: 3 });
    const many = [...samples, ...Array.from({ length: 70 }, (_, i) => created(`o-many-${i}`))];
    expect(upgraded.appendBatch(many, 'again')).toMatchObject({ accepted: 70, duplicates: samples.length });
    expect(upgraded.appendBatch(many, 'again')).toMatchObject({ accepted: 0, duplicates: many.length });
    expect(upgraded.event({ eventId: samples[0]!.event.eventId })?.seq).toBe(1);
  });

  it('finds a duplicate and a conflict of an event in a finished generation, in one batch with new ones', () => {
    const journal = freshJournal();
    const early = Array.from({ length: 5 }, (_, i) => created(`o-early-${i}`));
    journal.appendBatch(early, 'first');
    // Move the journal's end past the first generation: a filler event with a seq of the next
    // (a gap the chain check would name; here only the duplicate check is looked at).
    const raw = rawConnection(journal.path);
    insertFiller(raw, GENERATION_SIZE + 3);
    raw.close();
    // The writer sees another connection's write and starts again from the journal's end.
    const fresh = Array.from({ length: 70 }, (_, i) => created(`o-late-${i}`));
    const changed = { ...early[2]!, event: { ...early[2]!.event, timestamp: '2026-11-27T01:00:00Z' } };
    const batch: IncomingEvent[] = [...fresh.slice(0, 35), early[0]!, changed, ...fresh.slice(35), early[4]!];
    const outcome = journal.appendBatch(batch, 'second');
    expect(outcome).toMatchObject({ accepted: 70, duplicates: 2 });
    expect(outcome.conflicts.map((c) => c.eventId)).toEqual([early[2]!.event.eventId]);
    expect(journal.lastSeq()).toBe(GENERATION_SIZE + 3 + 70);
    // The events of this batch are in the generation being filled: found again there.
    expect(journal.appendBatch([...fresh, ...early], 'third')).toMatchObject({ accepted: 0, duplicates: 75 });
  });

  it('finds duplicates in the generation being filled through its growing filter, also of what another connection appended there', () => {
    const journal = freshJournal();
    const mine = Array.from({ length: 100 }, (_, i) => created(`o-mine-${i}`));
    journal.appendBatch(mine, 'first');
    // Made ahead, as the app does; then the command line appends to the same generation.
    journal.prepareWrites();
    const theirs = Array.from({ length: 100 }, (_, i) => created(`o-theirs-${i}`));
    reopen(journal.path).appendBatch(theirs, 'the command line');
    const fresh = Array.from({ length: 50 }, (_, i) => created(`o-fresh-${i}`));
    const changed = { ...theirs[7]!, event: { ...theirs[7]!.event, timestamp: '2026-11-27T01:00:00Z' } };
    const outcome = journal.appendBatch(
      [...theirs.slice(0, 7), changed, ...fresh, ...theirs.slice(8), ...mine],
      'again',
    );
    expect(outcome).toMatchObject({ accepted: 50, duplicates: 199 });
    expect(outcome.conflicts.map((c) => c.eventId)).toEqual([theirs[7]!.event.eventId]);
    // And what this batch appended is in the filter at once: a second batch finds all of it.
    expect(journal.appendBatch([...fresh, ...mine], 'third')).toMatchObject({ accepted: 0, duplicates: 150 });
    expect(journal.verify()).toMatchObject({ ok: true });
  });

  it("probes a key where the kept filters have it: the key's remainder and quotient by the filter's size, as ever", () => {
    // Filters are kept in journals: the bits a key sets must never move.
    const bits = GENERATION_SIZE * 16;
    const keys = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 47 - 1];
    for (let i = 0; i < 10_000; i++) keys.push(eventKey(`probe-${i}`));
    for (const key of keys) {
      expect(firstProbe(key)).toBe(key % bits);
      expect(probeStep(key)).toBe((Math.floor(key / bits) % bits) | 1);
    }
    const filter = new KeyFilter();
    for (const key of keys.slice(0, 5000)) filter.add(key);
    for (const key of keys) {
      expect(filter.mayHaveAt(firstProbe(key), probeStep(key))).toBe(filter.mayHave(key));
    }
  });

  it("a generation's filter never misses a key it was given, and rarely claims one it was not", () => {
    const filter = new KeyFilter();
    const added = Array.from({ length: GENERATION_SIZE }, (_, i) => eventKey(`added-${i}`));
    for (const k of added) filter.add(k);
    expect(added.every((k) => filter.mayHave(k))).toBe(true);
    const others = Array.from({ length: 100_000 }, (_, i) => eventKey(`other-${i}`));
    const claimed = others.filter((k) => filter.mayHave(k)).length;
    // Six probes in 16 bits a key: about 0.1% in theory; a broken filter claims far more.
    expect(claimed / others.length).toBeLessThan(0.005);
  });

  it('upgrades a version-12 journal: the filters of its finished generations are made and kept', () => {
    const journal = freshJournal();
    journal.appendBatch([created('o-a'), created('o-b')], 'first');
    const file = journal.path;
    journal.close();
    const old = rawConnection(file);
    insertFiller(old, GENERATION_SIZE * 2 + 1);
    old.exec('DROP TABLE key_filters');
    old.pragma('user_version = 12');
    old.close();
    reopen(file);
    const raw = rawConnection(file);
    const kept = raw.prepare('SELECT generation, bits FROM key_filters ORDER BY 1').raw().all() as [number, Buffer][];
    expect(kept.map(([g]) => g)).toEqual([0, 1]);
    expect(KeyFilter.from(kept[0]![1])!.equals(filterFromIndex(raw, 0))).toBe(true);
    expect(KeyFilter.from(kept[0]![1])!.mayHave(eventKey('filler'))).toBe(false);
    raw.close();
  });

  it("keeps a finished generation's filter, made as its events were appended (by two connections); verify checks it and rebuild makes it right", () => {
    const journal = freshJournal();
    const events: IncomingEvent[] = [];
    for (const event of generateEvents({ events: GENERATION_SIZE + 50, seed: 3 })) {
      events.push({ event, instant: instantOf(event.timestamp) });
    }
    journal.appendBatch(events.slice(0, 60_000), 'history');
    // Made ahead (as the app does once it has opened the journal), then another connection
    // appends to the same generation: the filter follows what that connection recorded too.
    journal.prepareWrites();
    reopen(journal.path).appendBatch(events.slice(60_000, 60_100), 'the command line');
    for (let i = 60_100; i < events.length; i += 20_000) journal.appendBatch(events.slice(i, i + 20_000), 'history');
    expect(journal.lastSeq()).toBe(GENERATION_SIZE + 50);
    const raw = rawConnection(journal.path);
    const kept = () => raw.prepare('SELECT generation, bits FROM key_filters').raw().all() as [number, Buffer][];
    expect(kept().map(([g]) => g)).toEqual([0]);
    // Made while appending, it is the filter the index gives.
    expect(KeyFilter.from(kept()[0]![1])!.equals(filterFromIndex(raw, 0))).toBe(true);
    expect(journal.verify()).toMatchObject({ ok: true });
    // Found again through it: the finished generation is asked about only through its filter.
    expect(journal.appendBatch(events.slice(0, 100), 'again')).toMatchObject({ accepted: 0, duplicates: 100 });

    // Someone holding the file empties the filter and keeps one for the open generation: verify
    // says so, and rebuild makes them right from the keys it reads.
    raw.prepare('UPDATE key_filters SET bits = ? WHERE generation = 0').run(new KeyFilter().bytes());
    const other = reopen(journal.path);
    expect(other.verify()).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/key filter of events 1–131071/),
    });
    raw.prepare('INSERT INTO key_filters(generation, bits) VALUES (1, ?)').run(new KeyFilter().bytes());
    other.rebuild();
    expect(kept().map(([g]) => g)).toEqual([0]);
    expect(KeyFilter.from(kept()[0]![1])!.equals(filterFromIndex(raw, 0))).toBe(true);
    expect(other.verify()).toMatchObject({ ok: true });
    expect(other.appendBatch(events.slice(0, 100), 'again')).toMatchObject({ accepted: 0, duplicates: 100 });
    raw.close();
  }, 60_000);
});
