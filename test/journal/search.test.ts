/**
 * The journal's search: what people remember an event by finds it (a name, a customer's words,
 * part of an order id, a SKU, a reason), written with the event in one transaction, filled for
 * older journals by the upgrade and by a rebuild, and never read as query syntax.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { matchExpression } from '../../shared/search/terms';
import { refillSearchIndex, registerSearchFunction } from '../../electron/journal/search';
import { WAL_CHECKPOINT_PAGES } from '../../electron/journal/open';
import {
  correctedMissingPackage,
  created,
  freshJournal,
  rawConnection,
  reopen,
  sampleEvents,
  statusTo,
  tempDir,
} from './helpers';

const ids = (r: { events: { eventId: string }[] }) => r.events.map((e) => e.eventId);

describe('searching the missing-package night', () => {
  const journal = () => correctedMissingPackage();

  it('"Walter" finds what Walter Chin did; a name is found in any case and by its part', () => {
    const j = journal();
    expect(ids(j.search('Walter'))).toEqual(['s-1345693-08']);
    expect(ids(j.search('walt'))).toEqual(['s-1345693-08']);
    expect(ids(j.search('CHIN'))).toEqual(['s-1345693-08']);
    expect(j.search('Walter').orders.map((o) => o.orderId)).toEqual(['1345693']);
  });

  it("a customer's words, part of an order id, a SKU", () => {
    const j = journal();
    // The creation carries the customer, and so does the correction's copy of the order.
    expect(ids(j.search('hillside'))).toHaveLength(2);
    expect(ids(j.search('hillside'))[1]).toBe('s-1345693-01');
    expect(j.search('hillside').events[0]!.type).toBe('StatusCorrected');
    expect(j.search('Street Vet').orders.map((o) => o.orderId)).toEqual(['1345701']);
    // The middle of an order id finds the order: its creation and the office's correction.
    expect(j.search('5693').events.map((e) => e.type)).toEqual(['StatusCorrected', 'OrderCreated']);
    expect(j.search('5693').orders.map((o) => o.orderId)).toEqual(['1345693']);
    expect(j.search('1345693 bench').events.map((e) => e.type)).toEqual(['StatusCorrected']);
    expect(
      j
        .search('SYR-10')
        .events.map((e) => e.type)
        .sort(),
    ).toEqual(['ItemPicked', 'OrderCreated']);
  });

  it("a correction's reason, and every word must match", () => {
    const j = journal();
    const found = j.search('packing bench');
    expect(found.events.map((e) => e.type)).toEqual(['StatusCorrected']);
    expect(j.search('packing zebra').events).toEqual([]);
  });

  it('newest first, at most the limit, and says when more match', () => {
    const j = journal();
    const page = j.search('Ana Ruiz', 3);
    expect(page.events.map((e) => e.seq)).toEqual([...page.events.map((e) => e.seq)].sort((a, b) => b - a));
    expect(page.events).toHaveLength(3);
    expect(page.moreEvents).toBe(true);
    expect(j.search('Ana Ruiz', 10).moreEvents).toBe(false);
  });

  it('words shorter than three characters are not searched; query syntax is only text', () => {
    const j = journal();
    expect(j.search('a b')).toEqual({ terms: [], events: [], orders: [], moreEvents: false });
    for (const typed of ['"', 'NEAR(a b)', 'wal*', 'text:Walter', 'OR OR', "'); DROP TABLE events; --", '-)(^']) {
      expect(() => j.search(typed)).not.toThrow();
    }
    expect(j.search('wal*').events).toEqual([]);
    expect(j.lastSeq()).toBe(24);
  });
});

describe('the Journal and Orders pages search through the same index', () => {
  it('journalPage takes the text with its other filters, and pages through it', () => {
    const j = correctedMissingPackage();
    const all = j.journalPage({ text: 'Ana Ruiz' }, undefined, 200);
    expect(all.length).toBe(10);
    const firstPage = j.journalPage({ text: 'Ana Ruiz' }, undefined, 4);
    const next = j.journalPage({ text: 'Ana Ruiz' }, firstPage[3]!.seq, 200);
    expect([...firstPage, ...next].map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(
      j.journalPage({ text: 'Ana Ruiz', types: ['ItemPicked'] }, undefined, 200).every((e) => e.type === 'ItemPicked'),
    ).toBe(true);
    expect(() => j.journalPage({ text: 'ab' }, undefined, 10)).toThrow(/at least one word of 3 characters/);
  });

  it('orders by a person and counted alike; two characters are the start of an order id', () => {
    const j = correctedMissingPackage();
    expect(j.orders({ search: 'Walter' }).map((o) => o.orderId)).toEqual(['1345693']);
    expect(j.countOrders({ search: 'Ana' })).toBe(j.orders({ search: 'Ana' }).length);
    expect(j.orders({ search: '13' }).length).toBe(3);
    expect(j.orders({ search: '99' })).toEqual([]);
  });
});

describe('kept with the events', () => {
  it('an event and its index row are one transaction: a failed batch leaves neither', () => {
    const j = freshJournal();
    const events = sampleEvents('missing-package.ndjson');
    const broken = [...events.slice(0, 3), { ...events[3]!, instant: Number.NaN }];
    expect(() => j.appendBatch(broken, 'half.ndjson')).toThrow(/has no instant/);
    expect(j.lastSeq()).toBe(0);
    expect(j.search('Hillside').events).toEqual([]);
    j.appendBatch(events, 'whole.ndjson');
    expect(j.search('Hillside').events).toHaveLength(1);
  });

  it('merges its index outside the commits of single events, and still finds every one of them', () => {
    const file = path.join(tempDir(), 'merging.sqlite');
    const j = reopen(file);
    const events = sampleEvents('missing-package.ndjson');
    // One event a transaction, as corrections come: past FTS5's crisis merge (16 segments a level).
    for (const e of events) j.appendBatch([e], 'one-by-one.ndjson');
    expect(ids(j.search('Walter'))).toEqual(['s-1345693-08']);
    expect(j.search('Hillside').events.length).toBeGreaterThan(0);
    j.close();
    const db = new Database(file, { readonly: true });
    // The bench measures why (a correction's p99): the index's own automatic merging is off.
    expect(db.prepare("SELECT v FROM event_search_config WHERE k = 'automerge'").pluck().get()).toBe(0);
    db.close();
  });

  it('after each answered office write, merges a little, so a one-event commit never meets a full level', async () => {
    const j = correctedMissingPackage();
    const db = rawConnection(j.path);
    const segments = db.prepare('SELECT count(DISTINCT segid) FROM event_search_idx').pluck();
    const order = () => j.order('1345693')!;
    // Forty corrections, a turn after each (where the upkeep runs, as between two requests).
    for (let i = 0; i < 40; i++) {
      const o = order();
      j.correct({
        orderId: o.orderId,
        status: o.status === 'Packed' ? 'OnHold' : 'Packed',
        reason: `tally${i}x checked at the bench`,
        operatorId: 'sup',
        expectedSeq: o.lastSeq,
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Forty commits made forty segments; without the upkeep, only the crisis merge (at 16 a
    // level) would have joined any, and more than 8 would be left.
    expect(segments.get()).toBeLessThanOrEqual(8);
    expect(ids(j.search('tally39x'))).toHaveLength(1);
    expect(j.search('bench', 100).events.length).toBeGreaterThanOrEqual(40);
    db.close();
  });

  it("an import's upkeep in turns of its own: its steps merge the index, and no commit checkpoints until released", async () => {
    const j = correctedMissingPackage();
    const connection = (j as unknown as { db: Database.Database }).db;
    const autoCheckpoint = () => connection.pragma('wal_autocheckpoint', { simple: true });
    const db = rawConnection(j.path);
    const segments = db.prepare('SELECT count(DISTINCT segid) FROM event_search_idx').pluck();
    const upkeep = j.deferUpkeep();
    expect(autoCheckpoint()).toBe(0);
    // Forty transactions of an import, an upkeep step after each.
    for (let i = 0; i < 40; i++) {
      j.appendBatch([created(`imp${i}x`)], 'import.ndjson');
      upkeep.step();
    }
    expect(segments.get()).toBeLessThanOrEqual(8);
    // An office write meanwhile, and its own upkeep after the answer, leave the import's hold alone.
    const o = j.order('1345693')!;
    j.correct({
      orderId: o.orderId,
      status: 'OnHold',
      reason: 'held at the bench',
      operatorId: 'sup',
      expectedSeq: o.lastSeq,
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(autoCheckpoint()).toBe(0);
    upkeep.release();
    upkeep.release();
    expect(autoCheckpoint()).toBe(WAL_CHECKPOINT_PAGES);
    expect(ids(j.search('imp39x'))).toHaveLength(1);
    expect(j.verify().ok).toBe(true);
    db.close();
  });

  it('an older journal is filled by the upgrade to version 7', () => {
    const file = path.join(tempDir(), 'v6.sqlite');
    const j = reopen(file);
    j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
    j.close();
    const db = new Database(file);
    db.exec('DROP TABLE event_search');
    db.pragma('user_version = 6');
    db.close();
    expect(ids(reopen(file).search('Walter'))).toEqual(['s-1345693-08']);
  });

  it('a rebuild fills it again from the events alone (someone emptied it)', () => {
    const file = path.join(tempDir(), 'emptied.sqlite');
    const j = reopen(file);
    j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
    const raw = rawConnection(file);
    raw.exec(`INSERT INTO event_search(event_search) VALUES ('delete-all')`);
    raw.close();
    expect(j.search('Walter').events).toEqual([]);
    j.rebuild();
    expect(ids(j.search('Walter'))).toEqual(['s-1345693-08']);
    expect(j.search('Ana Ruiz', 200).events).toHaveLength(10);
  });

  it('a rebuild fills it again when rows are missing (cut), and leaves a whole one alone', () => {
    const file = path.join(tempDir(), 'cut.sqlite');
    const j = reopen(file);
    j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
    const raw = rawConnection(file);
    const docs = () => raw.prepare('SELECT count(*) FROM event_search_docsize').pluck().get();
    expect(docs()).toBe(23);
    registerSearchFunction(raw);
    expect(raw.transaction(() => refillSearchIndex(raw))()).toBe(false);
    // Cut down to its first row (the index's shadow tables themselves refuse changes).
    raw.exec(`INSERT INTO event_search(event_search) VALUES ('delete-all')`);
    raw.prepare('INSERT INTO event_search(rowid, text) VALUES (1, ?)').run('1345693');
    expect(docs()).toBe(1);
    raw.close();
    j.rebuild();
    const check = rawConnection(file);
    expect(check.prepare('SELECT count(*) FROM event_search_docsize').pluck().get()).toBe(23);
    check.close();
    expect(ids(j.search('Walter'))).toEqual(['s-1345693-08']);
  });
});

describe('one text for the index, whichever way it is written', () => {
  it('appending, the upgrade and a rebuild find the same events for the same words', () => {
    const file = path.join(tempDir(), 'seeded.sqlite');
    const j = reopen(file);
    j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
    // An order whose first event is not its creation: its id is on that first event.
    j.appendBatch(
      [statusTo('77001', 'Picking'), created('77001', [{ sku: 'ZZ-9', qty: 1 }], 'Late Creation Ltd')],
      'late',
    );
    const words = [
      'Walter',
      '1345',
      '77001',
      'Late Creation',
      'ZZ-9',
      'GLV-200',
      'Ana',
      'webhook',
      'bench',
      'Northgate',
    ];
    const found = () => words.map((w) => [w, ids(j.search(w, 200))]);
    const appended = found();
    expect(j.search('77001').events.map((e) => e.type)).toEqual(['OrderCreated', 'StatusChanged']);
    j.rebuild();
    expect(found()).toEqual(appended);
    j.close();
    const db = new Database(file);
    db.exec('DROP TABLE event_search');
    db.pragma('user_version = 6');
    db.close();
    const upgraded = reopen(file);
    expect(words.map((w) => [w, ids(upgraded.search(w, 200))])).toEqual(appended);
  });
});

describe('matchExpression', () => {
  it('quotes every word and drops the short ones', () => {
    expect(matchExpression('Walter  Chin')).toBe('"Walter" "Chin"');
    expect(matchExpression('say "hi"')).toBe('"say" """hi"""');
    expect(matchExpression('a be')).toBeNull();
  });
});
