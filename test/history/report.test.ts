/**
 * The incident report, read back from the PDF as corporate would: the order's timeline, the flag
 * and who raised it, the correction with who, when and why, every hash, the chain's verification,
 * the export that anchors it and the workstation key's fingerprint. A tampered event shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workstationKey } from '../../electron/export/keys';
import { incidentFactsOf } from '../../electron/report/facts';
import { incidentPdf } from '../../electron/report/incidentPdf';
import { correctedMissingPackage, created, rawConnection, statusTo, tempDir } from '../journal/helpers';
import { run } from './cli';

const FONTS = `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/`;

async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data, isEvalSupported: false, standardFontDataUrl: FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  // Lines wrapped by the layout are joined again, so a sentence can be looked for whole.
  return pages.join('\n').replace(/\s+/g, ' ');
}

async function exportedNight() {
  const journal = correctedMissingPackage();
  const last = journal.lastSeq();
  const keyDir = tempDir();
  const key = await workstationKey(keyDir);
  journal.recordExport({
    bundle: 'ledger-0001',
    fromSeq: 1,
    toSeq: last,
    events: last,
    endHash: journal.chainHash(last),
    keyFingerprint: key.fingerprint,
    destination: '/corporate',
    at: '2026-11-27T07:00:00.000Z',
  });
  return { journal, keyDir, fingerprint: key.fingerprint };
}

describe('the incident report', () => {
  it('states the timeline, the flag, its correction, every hash, the verification and the anchor', async () => {
    const { journal, keyDir, fingerprint } = await exportedNight();
    const out = path.join(tempDir(), 'incident-1345693.pdf');
    const ran = await run(['report', 'order', '1345693', '--out', out, '--key-dir', keyDir, '--db', journal.path]);
    expect(ran.err).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.out).toContain('chain verified, anchored by ledger-0001');
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(new Uint8Array(bytes));
    expect(text).toContain('Incident report: order 1345693');
    expect(text).toContain('initiated by Walter Chin (wchin, TeamLead)');
    expect(text).toMatch(
      /Corrected to Packed by Sue Supervisor \(sup\) at \S+ \(seq \d+\)\. Reason: "Found on the packing bench"/,
    );
    for (const e of journal.history('1345693')) {
      expect(text).toContain(`hash ${journal.chainHash(e.seq)}`);
      expect(text).toContain(e.eventId);
    }
    expect(text).toContain(`The whole hash chain was verified: all ${journal.lastSeq()} events`);
    expect(text).toContain('Anchored by the export ledger-0001');
    expect(text).toContain(fingerprint);
  });

  it('without an export or a key it says so; an order it does not know is refused', async () => {
    const journal = correctedMissingPackage();
    journal.appendBatch([created('9'), statusTo('9', 'PendingPicking')], 'clean.ndjson');
    const facts = incidentFactsOf(journal, '9', { keyDir: tempDir(), generatedBy: 'test' });
    expect(facts.chain).toMatchObject({ scope: 'order', ok: true });
    const text = await pdfText(new Uint8Array(await incidentPdf(facts)));
    expect(text).toContain('No event of this order was flagged');
    expect(text).toContain('Not yet anchored');
    expect(text).toContain('(no export key on this workstation yet)');
    // The rule's arrow, in letters the PDF's fonts have.
    const shipped = await pdfText(
      new Uint8Array(await incidentPdf(incidentFactsOf(journal, '1345701', { keyDir: tempDir(), generatedBy: 't' }))),
    );
    expect(shipped).toContain(
      'Picking -> Shipped is not an allowed change (still open) Nothing has been done about it yet',
    );

    const out = path.join(tempDir(), 'x.pdf');
    const unknown = await run(['report', 'order', 'nope', '--out', out, '--db', journal.path]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('order "nope" is not in the journal');
    expect(fs.existsSync(out)).toBe(false);
    const noOut = await run(['report', 'order', '1345693', '--db', journal.path]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out FILE.pdf');
  });

  it('a tampered event is named in the report, and the command exits 1', async () => {
    const { journal, keyDir } = await exportedNight();
    const walter = journal.event({ eventId: 's-1345693-08' })!;
    const db = rawConnection(journal.path);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ? WHERE seq = ?').run('{"status":"Packed"}', walter.seq);
    db.close();
    const out = path.join(tempDir(), 'tampered.pdf');
    const quick = await run([
      'report',
      'order',
      '1345693',
      '--order-only',
      '--out',
      out,
      '--key-dir',
      keyDir,
      '--db',
      journal.path,
    ]);
    expect(quick.code).toBe(1);
    const text = await pdfText(new Uint8Array(fs.readFileSync(out)));
    expect(text).toContain(`hash ${journal.chainHash(walter.seq)} DOES NOT MATCH ITS CONTENT`);
    expect(text).toContain(`the hash stored with seq ${walter.seq} is not the hash of its content`);
  });

  it('pdfkit is loaded when a report is made, not by the start of the worker or the command line', () => {
    // Loading pdfkit took 180–350 ms; a static import in a bundle runs it before anything is answered.
    for (const bundle of ['dist-node/worker.js', 'dist-node/cli.js']) {
      const text = fs.readFileSync(bundle, 'utf8');
      expect(text, bundle).not.toMatch(/^import\s[^;]*from\s*["']pdfkit["']/m);
      expect(text, bundle).toMatch(/import\(["']pdfkit["']\)/);
    }
  });
});
