/** importFile against real journals: the handbook's samples, every rejection, batches, cancel, retry. */
import { readFileSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, ImportFileError, retryRejectedLine } from '../../electron/import';
import { PARSE_CHUNK, TIMED_CHUNK } from '../../electron/import/importFile';
import { JournalStorageError } from '../../electron/journal/storage';
import type { Journal } from '../../electron/journal';
import { SAMPLES, tempFolder } from './tmp';

const tmp = tempFolder();
const sample = (name: string) => join(SAMPLES, name);

/** What a journal holds, without the fields that differ by when or from where it was imported. */
function contents(journal: Journal) {
  return {
    events: [...journal.iterateEvents()].map(({ recordedAt: _r, source: _s, ...e }) => e),
    orders: journal.orders({ limit: 10_000 }),
    anomalies: journal.anomalies({ limit: 10_000 }),
  };
}

const envelope = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    eventId: `e-${i}`,
    type: 'OrderCreated',
    orderId: `o-${i % 50}`,
    initiatedBy: { id: 'oms', role: 'System' },
    timestamp: `2026-11-26T08:00:00Z`,
    data: { lines: [{ sku: 'A', qty: 1 }] },
    ...extra,
  });

describe('importFile, NDJSON', () => {
  it('bad-lines.ndjson: 2 accepted, 1 duplicate, 1 blank, 9 rejected each for a different reason', async () => {
    const journal = tmp.journal();
    const report = await importFile(journal, sample('bad-lines.ndjson'));
    expect(report).toMatchObject({ accepted: 2, duplicates: 1, blank: 1, cancelled: false });
    expect(report.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 11, 12]);
    expect(new Set(report.rejected.map((r) => r.reason)).size).toBe(9);
    const reasons = report.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/^not JSON: /);
    expect(reasons[1]).toContain('eventId');
    expect(reasons[2]).toContain('TeleportOrder');
    expect(reasons[3]).toContain('yesterday afternoon');
    expect(reasons[4]).toContain('Teleported');
    expect(reasons[5]).toContain('itemQty');
    expect(reasons[6]).toContain('different content');
    expect(reasons[7]).toContain('not a JSON object');
    expect(reasons[8]).toContain('Janitor');

    // Every refused line is kept with its file, number, reason and raw text.
    const kept = journal.rejectedLines({ limit: 100 });
    expect(kept.map((r) => r.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 9, 11, 12]);
    const raw = readFileSync(sample('bad-lines.ndjson'), 'utf8').split('\n');
    const line4 = kept.find((r) => r.line === 4)!;
    expect(line4).toMatchObject({ file: sample('bad-lines.ndjson'), raw: raw[3] });

    // Again: the same report, and the refused lines are not kept twice (the conflicting one neither).
    const again = await importFile(journal, sample('bad-lines.ndjson'));
    expect(again.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 11, 12]);
    expect(journal.rejectedLines({ limit: 100 })).toHaveLength(9);
  });

  it('keeps the refused lines of a file once, whatever the spelling of its path (relative, absolute, a link, a copy)', async () => {
    const journal = tmp.journal();
    const original = sample('bad-lines.ndjson');
    const copy = tmp.file('copy-of-bad-lines.ndjson', readFileSync(original));
    const link = join(tmp.dir, 'link-to-bad-lines.ndjson');
    symlinkSync(original, link);
    const spellings = [
      original,
      relative(process.cwd(), original),
      `${dirname(original)}/./${basename(original)}`,
      link,
      copy,
    ];
    for (const path of spellings) {
      const report = await importFile(journal, path);
      expect(report.rejected).toHaveLength(9);
    }
    const kept = journal.rejectedLines({ limit: 100, includeFixed: true });
    expect(kept.map((r) => r.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 9, 11, 12]);
    expect(new Set(kept.map((r) => r.file))).toEqual(new Set([original]));
    // A line fixed since is not kept again either.
    const janitor = kept.find((r) => r.reason.includes('Janitor'))!;
    retryRejectedLine(journal, janitor.id, janitor.raw.replace('Janitor', 'TeamLead'));
    await importFile(journal, copy);
    expect(journal.rejectedLines({ limit: 100 })).toHaveLength(8);
    expect(journal.rejectedLines({ limit: 100, includeFixed: true })).toHaveLength(9);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const journal = tmp.journal();
    await importFile(journal, sample('missing-package.ndjson'));
    const before = contents(journal);
    const again = await importFile(journal, sample('missing-package.ndjson'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 23, rejected: [], anomalies: 0 });
    expect(contents(journal)).toEqual(before);
  });

  it('a file much larger than the batch imports whole, a transaction per batch, with progress', async () => {
    const total = 2_345;
    const lines = Array.from({ length: total }, (_, i) => envelope(i));
    lines.splice(1000, 0, '', '{oops');
    const path = tmp.file('big.ndjson', `${lines.join('\n')}\n`);
    const journal = tmp.journal();
    const progress: number[] = [];
    const report = await importFile(journal, path, {
      batchSize: 100,
      chunkBytes: 4096,
      onProgress: (done, size) => {
        expect(done).toBeLessThanOrEqual(size);
        progress.push(done);
      },
    });
    expect(report).toMatchObject({ accepted: total, duplicates: 0, blank: 1 });
    expect(report.rejected).toEqual([{ line: 1002, reason: expect.stringMatching(/^not JSON/) }]);
    expect(journal.eventCount()).toBe(total);
    expect(journal.lastSeq()).toBe(total);
    expect(progress.length).toBeGreaterThanOrEqual(total / 100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(readFileSync(path).length);
    // 49 of the 50 orders get a second OrderCreated: each one flagged, none lost.
    expect(journal.anomalies({ kind: 'duplicate-creation', limit: 10_000 })).toHaveLength(total - 50);
  });

  it('a transaction larger than a parse chunk: parsed and appended a chunk at a time, committed once, or not at all', async () => {
    const total = PARSE_CHUNK * 2 + 500;
    const path = tmp.file('one-transaction.ndjson', Array.from({ length: total }, (_, i) => envelope(i)).join('\n'));
    const journal = tmp.journal();
    let calls = 0;
    let failOn = 3;
    // The journal as importFile sees it, failing its third appendBatch like a full disk would.
    const failing = new Proxy(journal, {
      get(target, key, receiver) {
        if (key !== 'appendBatch') return Reflect.get(target, key, receiver) as unknown;
        return (...args: Parameters<Journal['appendBatch']>) => {
          calls += 1;
          if (calls === failOn)
            throw new JournalStorageError('disk-full', 'the disk is full', 'free some space', 'this batch');
          return target.appendBatch(...args);
        };
      },
    });
    const progress: number[] = [];
    const stopped = importFile(failing, path, { batchSize: total + 1, onProgress: (done) => progress.push(done) });
    await expect(stopped).rejects.toThrow(/the import stopped after line 0: .*Nothing of it was recorded/);
    // Two chunks were appended inside the transaction before the third failed: neither stayed.
    expect(calls).toBe(3);
    expect(journal.eventCount()).toBe(0);
    expect(progress).toEqual([]);

    failOn = 0;
    calls = 0;
    const report = await importFile(failing, path, { batchSize: total + 1, onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ accepted: total, duplicates: 0, rejected: [] });
    expect(calls).toBe(3);
    expect(progress).toHaveLength(1);
    expect(journal.lastSeq()).toBe(total);
    expect(journal.verify().ok).toBe(true);
  });

  it('a transaction bounded by time commits what it reached, and the lines it did not go in the next ones', async () => {
    // A budget of 0 ms: every transaction ends after its first TIMED_CHUNK lines.
    const total = TIMED_CHUNK * 3 + 50;
    const lines = Array.from({ length: total }, (_, i) => envelope(i));
    lines.splice(150, 0, '{oops');
    const path = tmp.file('timed.ndjson', `${lines.join('\n')}\n`);
    const timed = tmp.journal();
    const committed: number[] = [];
    let turns = 0;
    const report = await importFile(timed, path, {
      batchSize: 1000,
      transactionMs: 0,
      turn: async () => {
        turns += 1;
      },
      onProgress: () => committed.push(timed.lastSeq()),
    });
    expect(report).toMatchObject({ accepted: total, duplicates: 0, cancelled: false });
    expect(report.rejected).toEqual([{ line: 151, reason: expect.stringMatching(/^not JSON/) }]);
    // TIMED_CHUNK lines a transaction (one of them refused), a turn after each but the last.
    expect(committed).toEqual([100, 199, 299, 350]);
    expect(turns).toBe(3);
    const whole = tmp.journal();
    await importFile(whole, path);
    expect(contents(timed)).toEqual(contents(whole));
    expect(timed.verify().ok).toBe(true);
  });

  it('a transaction bounded by time that fails says which lines are recorded', async () => {
    const total = TIMED_CHUNK * 3;
    const path = tmp.file('timed-fail.ndjson', Array.from({ length: total }, (_, i) => envelope(i)).join('\n'));
    const journal = tmp.journal();
    let calls = 0;
    const failing = new Proxy(journal, {
      get(target, key, receiver) {
        if (key !== 'appendBatch') return Reflect.get(target, key, receiver) as unknown;
        return (...args: Parameters<Journal['appendBatch']>) => {
          if (++calls === 2)
            throw new JournalStorageError('disk-full', 'the disk is full', 'free some space', 'this batch');
          return target.appendBatch(...args);
        };
      },
    });
    const stopped = importFile(failing, path, { batchSize: 1000, transactionMs: 0 });
    await expect(stopped).rejects.toThrow(/the import stopped after line 100: .*Lines 1 to 100 are in the journal/);
    expect(journal.lastSeq()).toBe(TIMED_CHUNK);
  });

  it('cancel stops between batches, keeps what was committed, and a second import completes it', async () => {
    const path = tmp.file('cancel.ndjson', Array.from({ length: 1000 }, (_, i) => envelope(i)).join('\n'));
    const journal = tmp.journal();
    const controller = new AbortController();
    const report = await importFile(journal, path, {
      batchSize: 100,
      chunkBytes: 1024,
      signal: controller.signal,
      onProgress: (_d, _t, r) => {
        if (r.accepted >= 300) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.accepted).toBe(300);
    expect(journal.eventCount()).toBe(300);
    const rest = await importFile(journal, path, { batchSize: 100 });
    expect(rest).toMatchObject({ accepted: 700, duplicates: 300, cancelled: false });
    expect(journal.verify().ok).toBe(true);
  });

  it('caps the raw text kept of a huge refused line', async () => {
    const path = tmp.file('huge.ndjson', `{"eventId": "${'x'.repeat(200_000)}"\n`);
    const journal = tmp.journal();
    const report = await importFile(journal, path);
    expect(report.rejected).toHaveLength(1);
    const kept = journal.rejectedLines()[0]!;
    expect(kept.raw.length).toBeLessThan(70_000);
    expect(kept.raw.startsWith('{"eventId": "xxx')).toBe(true);
  });

  it('refuses office events and names what is wrong with each field', async () => {
    const bad = [
      envelope(1, { type: 'StatusCorrected', data: { status: 'Packed', reason: 'put it right now' } }),
      envelope(2, { orderId: '' }),
      envelope(3, { eventId: 'e'.repeat(129) }),
      envelope(4, { initiatedBy: { role: 'System' } }),
      envelope(5, { data: { lines: [] } }),
      envelope(6, { timestamp: '2026-11-26T08:00:00' }),
      envelope(7, { traceId: 't'.repeat(129) }),
    ];
    const journal = tmp.journal();
    const report = await importFile(journal, tmp.file('fields.ndjson', bad.join('\n')));
    expect(report.accepted).toBe(0);
    expect(report.rejected.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(report.rejected.map((r) => r.reason)).size).toBe(7);
    expect(report.rejected[0]!.reason).toContain('office event');
    expect(report.rejected[1]!.reason).toContain('orderId');
    expect(report.rejected[2]!.reason).toContain('eventId');
    expect(report.rejected[3]!.reason).toContain('initiatedBy');
    expect(report.rejected[4]!.reason).toContain('lines');
    expect(report.rejected[5]!.reason).toContain('timestamp');
    expect(report.rejected[6]!.reason).toContain('traceId');
  });

  it('refuses a line that is not UTF-8 instead of recording U+FFFD in its place, and records the others', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${envelope(1)}\n`),
      Buffer.from(`${envelope(2, { initiatedBy: { id: 'oms', name: 'Jos\xe9', role: 'System' } })}\n`, 'latin1'),
      Buffer.from(`${envelope(3)}\n`),
    ]);
    const journal = tmp.journal();
    const report = await importFile(journal, tmp.file('latin1.ndjson', bytes));
    const at =
      Buffer.from(envelope(2, { initiatedBy: { id: 'oms', name: 'Jos\xe9', role: 'System' } }), 'latin1').indexOf(
        0xe9,
      ) + 1;
    expect(report.accepted).toBe(2);
    expect(report.rejected).toEqual([{ line: 2, reason: expect.stringContaining(`is not valid UTF-8 at byte ${at}`) }]);
    expect(journal.event({ eventId: 'e-2' })).toBeUndefined();
    expect(journal.rejectedLines()[0]).toMatchObject({ line: 2, reason: expect.stringContaining('UTF-8') });
  });

  it('refuses data nested thousands of levels deep with its reason, and keeps the good lines of its batch', async () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const lines = [
      envelope(1),
      envelope(2).replace('"data":{', `"data":{"deep":${deep(5_000)},`),
      envelope(3),
      envelope(4).replace('"data":{', `"data":{"deep":${deep(200_000)},`),
      envelope(5),
    ];
    const journal = tmp.journal();
    const report = await importFile(journal, tmp.file('deep.ndjson', lines.join('\n')));
    expect(report.accepted).toBe(3);
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/^data is nested more than 32 levels deep/) },
      { line: 4, reason: expect.stringMatching(/^data is nested more than 32 levels deep/) },
    ]);
    expect(journal.rejectedLines().map((r) => r.line)).toEqual([2, 4]);
    // The same from CSV, where data is a column of JSON text.
    const header = 'eventId,type,orderId,traceId,timestamp,initiatedById,initiatedByName,initiatedByRole,data';
    const row = `d-1,CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,,System,"{""channel"":""x"",""deep"":${deep(5_000).replace(/"/g, '""')}}"`;
    const csv = await importFile(journal, tmp.file('deep.csv', `${header}\n${row}\n`));
    expect(csv.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/^data is nested more than 32 levels/) }]);
  });

  it('a UTF-16 file is one error naming its encoding, and nothing is recorded', async () => {
    const text = `${envelope(1)}\n${envelope(2)}\n`;
    const journal = tmp.journal();
    const path = tmp.file('utf16.ndjson', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expect(importFile(journal, path)).rejects.toThrow(ImportFileError);
    await expect(importFile(journal, path)).rejects.toThrow(/utf16\.ndjson: the file is UTF-16 \(little-endian\) text/);
    expect(journal.eventCount()).toBe(0);
    expect(journal.rejectedLines()).toEqual([]);
  });

  it('an unreadable file is one clear error naming it', async () => {
    const journal = tmp.journal();
    await expect(importFile(journal, join(tmp.dir, 'absent.ndjson'))).rejects.toThrow(ImportFileError);
    await expect(importFile(journal, join(tmp.dir, 'absent.ndjson'))).rejects.toThrow(/absent\.ndjson.*ENOENT/);
  });
});

describe('importFile, CSV', () => {
  it('missing-package.csv and .ndjson give identical journals; the CSV after the NDJSON is all duplicates', async () => {
    const fromNdjson = tmp.journal();
    const fromCsv = tmp.journal();
    await importFile(fromNdjson, sample('missing-package.ndjson'));
    const csv = await importFile(fromCsv, sample('missing-package.csv'));
    expect(csv).toMatchObject({ accepted: 23, duplicates: 0, rejected: [], anomalies: 2 });
    expect(contents(fromCsv)).toEqual(contents(fromNdjson));
    const again = await importFile(fromNdjson, sample('missing-package.csv'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 23, rejected: [] });
  });

  it('reads quoted commas and newlines, doubled quotes, a BOM, CRLF and columns in any order', async () => {
    const header = 'data,initiatedByRole,initiatedByName,initiatedById,timestamp,traceId,orderId,type,eventId';
    const rows = [
      `"{""customer"": ""Smith, Jones \\""& Co\\"""", ""lines"": [{""sku"": ""A"", ""qty"": 2}]}",System,,oms,2026-11-26T08:00:00Z,,o-1,OrderCreated,c-1`,
      '',
      `"{""channel"": ""letter""}",System,"Order webhook,\nEU",oms,2026-11-26T08:01:00Z,t-1,o-1,CustomerNotified,c-2`,
    ];
    const path = tmp.file('edge.csv', `\uFEFF${header}\r\n${rows.join('\r\n')}`);
    const journal = tmp.journal();
    const report = await importFile(journal, path);
    expect(report).toMatchObject({ accepted: 2, blank: 1, rejected: [] });
    const [created, notified] = journal.history('o-1');
    expect(created!.data).toEqual({ customer: 'Smith, Jones "& Co"', lines: [{ sku: 'A', qty: 2 }] });
    expect(created!.traceId).toBeUndefined();
    expect(created!.initiatedBy).toEqual({ id: 'oms', role: 'System' });
    expect(notified!.data).toEqual({ channel: 'letter' });
    // A line break inside quotes belongs to the field (a CRLF file's reads as \n).
    expect(notified!.initiatedBy.name).toBe('Order webhook,\nEU');
    expect(notified!.traceId).toBe('t-1');
  });

  it('refuses bad records with their line numbers and goes on', async () => {
    const header = 'eventId,type,orderId,traceId,timestamp,initiatedById,initiatedByName,initiatedByRole,data';
    const ok = (id: string) =>
      `${id},OrderCreated,o-1,,2026-11-26T08:00:00Z,oms,,System,"{""lines"": [{""sku"": ""A"", ""qty"": 1}]}"`;
    const lines = [
      header,
      ok('c-1'),
      'c-2,OrderCreated,o-1,,2026-11-26T08:00:00Z,oms,,System', // too few fields
      'c-3,CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,,System,{not json}',
      'c-4,CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,,System,"{}"x',
      'c-5,Custo"merNotified,o-1,,2026-11-26T08:00:00Z,oms,,System,{}',
      ok('c-6'),
      'c-7,CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,,System,"{""channel"": ',
      'still inside the open quote',
    ];
    const journal = tmp.journal();
    const report = await importFile(journal, tmp.file('bad.csv', lines.join('\n')));
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 8]);
    const reason = (line: number) => report.rejected.find((r) => r.line === line)!.reason;
    expect(reason(3)).toBe('has 8 fields, the header has 9');
    expect(reason(4)).toMatch(/^data column is not JSON/);
    expect(reason(5)).toContain('after its closing quote');
    expect(reason(6)).toContain('quote inside an unquoted value');
    expect(reason(8)).toContain('never closed');
  });

  it('keeps a CRLF inside a quoted field as CRLF: the same event from NDJSON and CSV is a duplicate, not a conflict', async () => {
    const event = {
      eventId: 'crlf-1',
      type: 'OrderCreated',
      orderId: 'o-crlf',
      initiatedBy: { id: 'oms', name: 'Order\r\nwebhook', role: 'System' },
      timestamp: '2026-11-26T08:00:00Z',
      data: { customer: 'Dock 4\r\nBay 2', lines: [{ sku: 'A', qty: 1 }] },
    };
    const header = 'eventId,type,orderId,traceId,timestamp,initiatedById,initiatedByName,initiatedByRole,data';
    const data = JSON.stringify(event.data).replace(/"/g, '""');
    const row = `crlf-1,OrderCreated,o-crlf,,2026-11-26T08:00:00Z,oms,"Order\r\nwebhook",System,"${data}"`;
    const journal = tmp.journal();
    await importFile(journal, tmp.file('crlf.ndjson', `${JSON.stringify(event)}\n`));
    const fromCsv = await importFile(journal, tmp.file('crlf.csv', `${header}\r\n${row}\r\n`));
    expect(fromCsv).toMatchObject({ accepted: 0, duplicates: 1, rejected: [] });
    const other = tmp.journal();
    await importFile(other, tmp.file('crlf-only.csv', `${header}\r\n${row}\r\n`));
    expect(other.history('o-crlf')[0]!.initiatedBy.name).toBe('Order\r\nwebhook');
    expect(other.history('o-crlf')[0]!.data).toEqual(event.data);
  });

  it('refuses a record with bytes that are not UTF-8, naming the line and byte, and records the others', async () => {
    const header = 'eventId,type,orderId,traceId,timestamp,initiatedById,initiatedByName,initiatedByRole,data';
    const row = (id: string, name: string) =>
      `${id},CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,${name},System,"{""channel"": ""letter""}"\n`;
    const bytes = Buffer.concat([
      Buffer.from(`${header}\n${row('u-1', 'Zoë')}`),
      Buffer.from(row('u-2', 'Zo\xeb'), 'latin1'),
      Buffer.from(`u-3,CustomerNotified,o-1,,2026-11-26T08:00:00Z,oms,"two\n`),
      Buffer.from('lin\xe9s",System,"{}"\n', 'latin1'),
      Buffer.from(row('u-4', 'Ok')),
    ]);
    const journal = tmp.journal();
    const report = await importFile(journal, tmp.file('latin1.csv', bytes));
    expect(report.accepted).toBe(2);
    expect(report.rejected).toEqual([
      {
        line: 3,
        reason: expect.stringMatching(`^is not valid UTF-8 at byte ${row('u-2', 'Zo\xeb').indexOf('\xeb') + 1} `),
      },
      { line: 4, reason: expect.stringMatching(/^its line 5 is not valid UTF-8 at byte 4 /) },
    ]);
    expect(journal.history('o-1').map((e) => e.initiatedBy.name)).toEqual(['Zoë', 'Ok']);
  });

  it("a header line that is not UTF-8 is the whole file's problem", async () => {
    const path = tmp.file(
      'head.csv',
      Buffer.from('eventId,type,orderId,timestamp,initiatedById,initiatedByRole,d\xe4ta\n', 'latin1'),
    );
    await expect(importFile(tmp.journal(), path)).rejects.toThrow(/line 1: the header is not valid UTF-8 at byte 63 /);
  });

  it('a header without a required column is one error for the whole file, and nothing is recorded', async () => {
    const path = tmp.file('nohead.csv', 'eventId,type,orderId,timestamp,initiatedById,data\nx,OrderCreated,o,,a,{}\n');
    const journal = tmp.journal();
    await expect(importFile(journal, path)).rejects.toThrow(/line 1: the header has no "initiatedByRole" column/);
    expect(journal.eventCount()).toBe(0);
  });

  it('knows a CSV by its header when the extension says nothing', async () => {
    const journal = tmp.journal();
    const text = readFileSync(sample('missing-package.csv'), 'utf8');
    const report = await importFile(journal, tmp.file('export.txt', text));
    expect(report).toMatchObject({ accepted: 23, rejected: [] });
  });
});

describe('retryRejectedLine', () => {
  it('records a fixed line and marks the rejected line as fixed by it', async () => {
    const journal = tmp.journal();
    await importFile(journal, sample('bad-lines.ndjson'));
    const janitor = journal.rejectedLines().find((r) => r.reason.includes('Janitor'))!;
    expect(() => retryRejectedLine(journal, janitor.id, janitor.raw)).toThrow(/line 12 is still refused: .*Janitor/);
    const fixed = janitor.raw.replace('Janitor', 'TeamLead');
    const result = retryRejectedLine(journal, janitor.id, fixed);
    expect(result).toMatchObject({ outcome: 'recorded', eventId: 's-2000001-07', seq: 3 });
    expect(journal.rejectedLines().some((r) => r.id === janitor.id)).toBe(false);
    expect(journal.rejectedLines({ includeFixed: true }).some((r) => r.id === janitor.id)).toBe(true);
    expect(() => retryRejectedLine(journal, janitor.id, fixed)).toThrow(/no rejected line/);
  });

  it('takes a fixed CSV row in the handbook column order', async () => {
    const journal = tmp.journal();
    await importFile(journal, tmp.file('one.ndjson', '{"eventId": "r-1", "type": "OrderCreated"}\n'));
    const [line] = journal.rejectedLines();
    const row = 'r-1,OrderCreated,o-9,,2026-11-26T08:00:00Z,oms,,System,"{""lines"": [{""sku"": ""A"", ""qty"": 1}]}"';
    expect(retryRejectedLine(journal, line!.id, row)).toMatchObject({ outcome: 'recorded', eventId: 'r-1' });
    expect(journal.order('o-9')?.status).toBe('Received');
  });
});
