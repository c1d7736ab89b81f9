import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readCsvFile } from '../../electron/import/csv';
import { csvRow } from '../../shared/csv/write';
import { exportBundle } from '../../electron/export/exportBundle';
import { workstationKey } from '../../electron/export/keys';
import { manifestBytes, type Manifest } from '../../electron/export/manifest';
import { verifyExport } from '../../electron/export/verify';
import { Journal } from '../../electron/journal';
import { addOrders, copyBundle, scratch } from './helpers';
import os from 'node:os';

/**
 * Three bundles of one workstation and one of another, made once: the properties below damage
 * copies of them.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-verify-'));
let bundles: string[] = [];
let other: string;
let pub: string;
let otherPub: string;

beforeAll(async () => {
  const journal = Journal.open(path.join(root, 'journal.db'));
  const dest = path.join(root, 'dest');
  fs.mkdirSync(dest);
  const options = { destination: dest, workstation: 'DOCK-7', keyDir: path.join(root, 'key') };
  addOrders(journal, 15);
  const a = await exportBundle(journal, options);
  addOrders(journal, 5, 100);
  const b = await exportBundle(journal, options);
  addOrders(journal, 5, 200);
  const c = await exportBundle(journal, options);
  journal.close();
  bundles = [a, b, c].map((r) => r.path!);
  pub = (await workstationKey(options.keyDir)).publicKeyPem;

  const second = Journal.open(path.join(root, 'other.db'));
  addOrders(second, 4);
  const d = await exportBundle(second, { destination: dest, workstation: 'GATE-2', keyDir: path.join(root, 'key2') });
  second.close();
  other = d.path!;
  otherPub = (await workstationKey(path.join(root, 'key2'))).publicKeyPem;
  return () => fs.rmSync(root, { recursive: true, force: true });
});

const FILES = ['events.ndjson.gz', 'orders.csv', 'anomalies.csv', 'manifest.json', 'manifest.sig'];

describe('verifyExport', () => {
  it('accepts untouched bundles, each continuing the one before', async () => {
    expect(await verifyExport(bundles[0]!, pub)).toMatchObject({ ok: true, problems: [] });
    expect(await verifyExport(bundles[1]!, pub, bundles[0])).toMatchObject({ ok: true, problems: [] });
    expect(await verifyExport(bundles[2]!, pub, bundles[1])).toMatchObject({ ok: true, problems: [] });
  });

  it.each(FILES)('fails when any byte of %s is changed', async (file) => {
    const size = fs.statSync(path.join(bundles[1]!, file)).size;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: size - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, flip) => {
        const copy = copyBundle(bundles[1]!, scratch('export-damaged-'));
        const target = path.join(copy, file);
        const bytes = fs.readFileSync(target);
        bytes[pos] = bytes[pos]! ^ flip;
        fs.writeFileSync(target, bytes);
        const report = await verifyExport(copy, pub, bundles[0]);
        expect(report.ok).toBe(false);
        expect(report.problems.join('\n')).toMatch(/manifest|sha256|signature|changed|base64/);
      }),
      { numRuns: 15 },
    );
  });

  it.each(FILES)('fails naming %s when it is missing', async (file) => {
    const copy = copyBundle(bundles[0]!, scratch('export-missing-'));
    fs.rmSync(path.join(copy, file));
    const report = await verifyExport(copy, pub);
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(`${file} is missing`);
  });

  it('fails a file added to the bundle', async () => {
    const copy = copyBundle(bundles[0]!, scratch('export-extra-'));
    fs.writeFileSync(path.join(copy, 'notes.txt'), 'hello');
    expect((await verifyExport(copy, pub)).problems).toEqual(['notes.txt is in the bundle but not part of the format']);
  });

  it("fails with another workstation's key, saying so", async () => {
    const report = await verifyExport(bundles[0]!, otherPub);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/signed with another key/);
    expect((await verifyExport(other, pub)).ok).toBe(false);
    expect((await verifyExport(other, otherPub)).ok).toBe(true);
  });

  it('fails a wrong predecessor: a gap, an overlap, or another workstation', async () => {
    const gap = await verifyExport(bundles[2]!, pub, bundles[0]);
    expect(gap.problems.join('\n')).toMatch(/events are missing between them/);
    expect(gap.problems.join('\n')).toMatch(/start hash is not the previous bundle's end hash/);
    const overlap = await verifyExport(bundles[1]!, pub, bundles[1]);
    expect(overlap.problems.join('\n')).toMatch(/they overlap/);
    const foreign = await verifyExport(bundles[1]!, pub, other);
    expect(foreign.ok).toBe(false);
    expect(foreign.problems.join('\n')).toMatch(/previous bundle is from workstation GATE-2/);
  });

  it('recomputes the chain: an event changed and re-signed with the right key still fails', async () => {
    // Only the workstation could do this; the chain still gives it away, naming the line.
    const copy = copyBundle(bundles[1]!, scratch('export-resigned-'));
    const eventsFile = path.join(copy, 'events.ndjson.gz');
    const lines = zlib.gunzipSync(fs.readFileSync(eventsFile)).toString('utf8').split('\n');
    const e = JSON.parse(lines[2]!);
    e.data = { ...e.data, status: 'Delivered' };
    lines[2] = JSON.stringify(e);
    const gz = zlib.gzipSync(lines.join('\n'));
    fs.writeFileSync(eventsFile, gz);
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as Manifest;
    manifest.files['events.ndjson.gz'] = { sha256: createHash('sha256').update(gz).digest('hex'), bytes: gz.length };
    const bytes = manifestBytes(manifest);
    fs.writeFileSync(path.join(copy, 'manifest.json'), bytes);
    const key = (await workstationKey(path.join(root, 'key'))).privateKey;
    fs.writeFileSync(path.join(copy, 'manifest.sig'), sign(null, bytes, key).toString('base64') + '\n');
    const report = await verifyExport(copy, pub, bundles[0]);
    expect(report.problems).toEqual([
      `events.ndjson.gz line 3 (seq ${e.seq}): its hash does not match its content: the event was changed`,
    ]);
  });

  it('fails a key that is not Ed25519 and a folder that is not a bundle', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect((await verifyExport(bundles[0]!, rsa.toString())).problems.join('\n')).toMatch(/not an Ed25519 key/);
    expect((await verifyExport(path.join(root, 'nowhere'), pub)).problems.join('\n')).toMatch(/is not a bundle folder/);
  });
});

describe('CSV', () => {
  /** What a spreadsheet shows of a text the writer defused: the apostrophe it put in front. */
  const defused = (s: string) => (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) ? `'${s}` : s);

  it('reads back every row it writes, whatever the text (formula text with its apostrophe)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[=+\-@\t\r\n",a ]{0,6}$/)), {
            minLength: 1,
            maxLength: 6,
          }),
          { maxLength: 6 },
        ),
        (rows) => {
          const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0] === ''));
          const text = nonEmpty.map((r) => csvRow(r)).join('');
          expect(parse(text, { relax_column_count: true })).toEqual(nonEmpty.map((r) => r.map(defused)));
        },
      ),
    );
  });

  it("the verifier's reader counts records with line breaks inside quotes, and names the line of a broken one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-csv-'));
    try {
      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, csvRow(['a', 'b']) + csvRow(['two\r\nlines', 'x']) + csvRow(['3', '4']));
      const records: string[][] = [];
      for await (const r of readCsvFile(good)) records.push(r);
      expect(records).toEqual([
        ['a', 'b'],
        ['two\r\nlines', 'x'],
        ['3', '4'],
      ]);
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'a,b\r\n1,2\r\n3,"x"y\r\n');
      const read = async () => {
        for await (const _r of readCsvFile(bad)) void _r;
      };
      await expect(read()).rejects.toThrow(/line 3: field 2 has text after its closing quote/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
