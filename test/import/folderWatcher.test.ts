import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '../../shared/contract/records';
import { FolderWatcher, type FolderImportOutcome } from '../../electron/import/folderWatcher';
import { LedgerWorker } from '../../electron/worker/ledgerWorker';
import { importWork } from '../../electron/worker/importWork';
import { HANDBOOK_SAMPLES } from '../samples';

const SAMPLES = HANDBOOK_SAMPLES;

const report = (file: string, accepted: number, rejected = 0): ImportReport => ({
  file,
  accepted,
  duplicates: 0,
  blank: 0,
  rejected: Array.from({ length: rejected }, (_, i) => ({ line: i + 1, reason: 'bad' })),
  anomalies: 0,
  cancelled: false,
});

describe('the inbox watcher', () => {
  let dir: string;
  let imported: string[];
  let outcomes: FolderImportOutcome[];
  let watcher: FolderWatcher;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-inbox-'));
    imported = [];
    outcomes = [];
    watcher = new FolderWatcher({
      folder: dir,
      importFile: async (path) => {
        imported.push(path);
        if (path.endsWith('broken.csv')) throw new Error('the header has no "eventId" column');
        return path.includes('junk') ? report(path, 0, 3) : report(path, 2);
      },
      onOutcome: (o) => outcomes.push(o),
    });
  });
  afterEach(async () => {
    await watcher.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file once its size has stopped changing, then moves it to processed/', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, '{"a":1}\n');
    await watcher.scan();
    expect(imported).toEqual([]); // seen once: maybe still being written
    appendFileSync(file, '{"b":2}\n');
    await watcher.scan();
    expect(imported).toEqual([]); // it grew: still being written
    await watcher.scan();
    expect(imported).toEqual([file]);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(join(dir, 'processed'))).toEqual(['events.ndjson']);
    await watcher.scan();
    await watcher.scan();
    expect(imported).toHaveLength(1); // once only
  });

  it('moves a file with no usable line, or one that cannot be read at all, to rejected/', async () => {
    writeFileSync(join(dir, 'junk.ndjson'), 'not json\n');
    writeFileSync(join(dir, 'broken.csv'), 'a,b\n');
    await watcher.scan();
    await watcher.scan();
    expect(readdirSync(join(dir, 'rejected')).sort()).toEqual(['broken.csv', 'junk.ndjson']);
    expect(outcomes.find((o) => o.file.endsWith('broken.csv'))?.error).toMatch(/eventId/);
  });

  it('leaves other files and folders alone, and never overwrites an earlier file of the same name', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    mkdirSync(join(dir, 'processed'));
    writeFileSync(join(dir, 'processed', 'day.csv'), 'old');
    writeFileSync(join(dir, 'day.csv'), 'new');
    await watcher.scan();
    await watcher.scan();
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(readdirSync(join(dir, 'processed')).sort()).toEqual(['day (2).csv', 'day.csv']);
  });

  it('never follows a link planted in the inbox to a file elsewhere', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'ledger-outside-'));
    try {
      writeFileSync(join(outside, 'export-key.pem'), 'PRIVATE KEY');
      symlinkSync(join(outside, 'export-key.pem'), join(dir, 'key.ndjson'));
      symlinkSync(outside, join(dir, 'folder.csv'));
      await watcher.scan();
      await watcher.scan();
      expect(imported).toEqual([]);
      expect(readdirSync(dir).sort()).toEqual(['folder.csv', 'key.ndjson']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('the inbox in the journal worker', () => {
  it('imports files that were there before it started into the journal, and tells of the new errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-inbox-worker-'));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    // Dropped while the app was closed.
    writeFileSync(join(inbox, 'night.ndjson'), '');
    appendFileSync(join(inbox, 'night.ndjson'), readFileSync(join(SAMPLES, 'missing-package.ndjson'), 'utf8'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ inboxFolder: inbox }));
    const pushes: { name: string; payload: unknown }[] = [];
    const outcomes: FolderImportOutcome[] = [];
    const worker = new LedgerWorker(
      { journalPath: join(dir, 'journal.db'), settingsFile: join(dir, 'settings.json'), watchInbox: true },
      { work: importWork, send: (name, payload) => pushes.push({ name, payload }), onInbox: (o) => outcomes.push(o) },
    );
    try {
      await waitUntil(() => worker.inboxWatcher !== undefined);
      await worker.inboxWatcher!.scan();
      await worker.inboxWatcher!.scan();
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]!.movedTo).toBe(join(inbox, 'processed', 'night.ndjson'));
      expect(worker.journal.eventCount()).toBe(outcomes[0]!.report!.accepted);
      expect(pushes.some((p) => p.name === 'newErrorAnomalies')).toBe(true);
      expect(pushes.some((p) => p.name === 'jobFinished')).toBe(true);
    } finally {
      await worker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function waitUntil(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setImmediate(r));
  if (!ok()) throw new Error('condition never became true');
}
