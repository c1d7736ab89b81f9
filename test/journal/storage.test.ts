/**
 * When the storage under the journal fails: a full disk during an import and during a correction
 * says so, what was recorded and what was not; a journal on read-only storage can still be read
 * and verified, and refuses a write saying why.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importFile, ImportStoppedError } from '../../electron/import';
import { correct } from '../../electron/worker/handlers/corrections';
import { toLedgerError } from '../../electron/worker/handlers/errors';
import { Journal } from '../../electron/journal';
import { quickCheck, startFileCheck } from '../../electron/journal/fileCheck';
import { JournalStorageError } from '../../electron/journal/storage';
import { channels } from '../../shared/contract/channels';
import { missingPackage } from '../corrections/history';
import { office, record } from '../corrections/journalHarness';
import { rawConnection, tempDir } from './helpers';

/**
 * Let the journal's file grow no further, as a full disk would (SQLite's max_page_count answers
 * SQLITE_FULL exactly where a full disk does); returns how to free the space again.
 */
function fillTheDisk(journal: Journal, { toTheLastPage = false } = {}): () => void {
  const db = (journal as unknown as { db: Database.Database }).db;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  if (toTheLastPage) {
    // Use up the free pages too, so that the next write needing a page finds none.
    const junk = db.prepare('INSERT INTO meta(key, value) VALUES (?, zeroblob(3000))');
    try {
      for (let i = 0; ; i++) junk.run(`filler-${i}`);
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_FULL') throw e;
    }
  }
  return () => db.pragma('max_page_count = 1073741823');
}

const line = (i: number) =>
  JSON.stringify({
    eventId: `full-${i}`,
    type: 'OrderCreated',
    orderId: `o-${i}`,
    initiatedBy: { id: 'oms', role: 'System' },
    timestamp: '2026-11-26T08:00:00Z',
    data: { customer: `Customer ${i} ${'x'.repeat(200)}`, lines: [{ sku: 'A', qty: 1 }] },
  });

describe('a full disk', () => {
  it('stops an import saying the disk is full, which lines are recorded and which are not; importing again completes it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.ndjson');
    fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => line(i)).join('\n'));
    const journal = Journal.open(path.join(dir, 'j.db'));
    let free: (() => void) | undefined;
    const run = importFile(journal, file, {
      batchSize: 500,
      onProgress: () => {
        free ??= fillTheDisk(journal);
      },
    });
    await expect(run).rejects.toThrow(ImportStoppedError);
    const err = (await run.catch((e: unknown) => e)) as ImportStoppedError;
    expect(err.message).toContain(
      'big.ndjson: the import stopped after line 500: the disk holding the journal is full.',
    );
    expect(err.message).toContain(
      'Lines 1 to 500 are in the journal (500 events recorded, 0 already there, 0 refused)',
    );
    expect(err.message).toContain('nothing from line 501 on was recorded');
    expect(err.message).not.toMatch(/cannot be read|SQLITE_FULL/);
    expect(journal.eventCount()).toBe(500);
    expect(journal.verify().ok).toBe(true);

    free!();
    const again = await importFile(journal, file);
    expect(again).toMatchObject({ accepted: 2500, duplicates: 500, rejected: [] });
    journal.close();
  });

  it('refuses a correction saying the disk is full and the correction was not recorded', () => {
    const { journal, mark } = office('real');
    record(journal, missingPackage());
    const request = channels.correct.request.parse({
      orderId: '1345693',
      status: 'Packed',
      // Long enough to need a page of its own: a short one could fit in a page's free space.
      reason: `Found physically at packing bench 3, still packed. ${'Checked with the team lead. '.repeat(200)}`,
      correctsEventId: '1345693-08',
      expectedSeq: 8,
    });
    const before = journal.lastSeq();
    fillTheDisk(journal, { toTheLastPage: true });
    let error: unknown;
    try {
      correct({ journal, operator: mark }, request);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalStorageError);
    expect(toLedgerError(error, 'correct', () => undefined)).toEqual({
      code: 'refused',
      message:
        'The disk holding the journal is full: the correction was not recorded; free some space on it and try again.',
    });
    expect(journal.lastSeq()).toBe(before);
  });
});

/** A verified journal file of one event, closed, and its page size. */
function soundJournalFile(): { file: string; pageSize: number } {
  const file = path.join(tempDir(), 'damaged.db');
  const journal = Journal.open(file);
  record(journal, missingPackage());
  expect(journal.verify().ok).toBe(true);
  journal.close();
  const db = rawConnection(file);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { file, pageSize };
}

/** A journal of one event whose b-tree `name` (a table's or an index's) has a damaged root page. */
function damagedJournalFile(name = 'events_by_order'): string {
  const { file, pageSize } = soundJournalFile();
  const db = rawConnection(file);
  const root = db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(name) as number;
  db.close();
  // The page type byte of the root page: no b-tree page has type 0.
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.from([0]), 0, 1, (root - 1) * pageSize + (root === 1 ? 100 : 0));
  fs.closeSync(fd);
  return file;
}

/** A journal of one event whose file holds one page more, held by no b-tree and not on the freelist. */
function journalFileWithAStrayPage(): string {
  const { file, pageSize } = soundJournalFile();
  const fd = fs.openSync(file, 'r+');
  const pages = fs.fstatSync(fd).size / pageSize;
  fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, pages * pageSize);
  // The page count in the file's header (valid, as the ledger's SQLite writes it: it is believed).
  const count = Buffer.alloc(4);
  count.writeUInt32BE(pages + 1);
  fs.writeSync(fd, count, 0, 4, 28);
  fs.closeSync(fd);
  return file;
}

/** quick_check of `file` in verify's thread and in a thread of its own, which must agree. */
function findingsBothWays(file: string): string[] {
  const db = rawConnection(file);
  try {
    const inVerify = quickCheck(db);
    const inThread = startFileCheck(db, { thread: true });
    expect(inThread.findings()).toEqual(inVerify);
    expect(inThread.ranIn()).toBe('thread');
    return inVerify;
  } finally {
    db.close();
  }
}

describe('a damaged journal file', () => {
  it('fails verify when a page verify does not read is damaged (SQLite quick_check)', () => {
    const damaged = Journal.open(damagedJournalFile());
    const report = damaged.verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: null });
    expect(report.problem).toMatch(/^the journal file is damaged \(SQLite's quick_check: /);
    damaged.close();
  });

  it('is found the same by the quick_check that runs beside verify in a thread (a large journal)', () => {
    expect(findingsBothWays(damagedJournalFile()).length).toBeGreaterThan(0);
    expect(findingsBothWays(soundJournalFile().file)).toEqual([]);
  });

  it("is found in the search index's own tables, whose module's check is left out", () => {
    for (const table of ['event_search_idx', 'event_search_data']) {
      const damaged = Journal.open(damagedJournalFile(table));
      const report = damaged.verify();
      expect(report).toMatchObject({ ok: false, firstBadSeq: null });
      expect(report.problem).toMatch(/^the journal file is damaged/);
      damaged.close();
    }
  });

  it('is found when a page of the file belongs to nothing: every page is accounted for', () => {
    const file = journalFileWithAStrayPage();
    expect(findingsBothWays(file)).toEqual([expect.stringMatching(/Page \d+: never used$/)]);
    const journal = Journal.open(file);
    const report = journal.verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: null });
    expect(report.problem).toMatch(/never used/);
    journal.close();
  });
});

describe('a verify at once', () => {
  it('reads with a small page cache and gives the journal its own back', () => {
    const journal = Journal.open(path.join(tempDir(), 'cache.db'));
    record(journal, missingPackage());
    const db = (journal as unknown as { db: Database.Database }).db;
    const before = db.pragma('cache_size', { simple: true }) as number;
    let during: number | undefined;
    expect(journal.verify(() => (during = db.pragma('cache_size', { simple: true }) as number)).ok).toBe(true);
    expect(during).toBeGreaterThan(before);
    expect(db.pragma('cache_size', { simple: true })).toBe(before);
    journal.close();
  });
});
