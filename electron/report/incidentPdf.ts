/**
 * The incident report as a PDF (pdfkit, no browser): one generator for the command line and the
 * app. Written for a reader at corporate who files it and checks it against the export bundles:
 * every hash in full, in a fixed-width face, and nothing that depends on the screen it was made on.
 *
 * pdfkit's built-in fonts cover Windows-1252 only, so the text stays within it (no arrows).
 */
import type PDFKitDocument from 'pdfkit';
import type { IncidentFacts, ReportEventRecord } from '../../shared/contract/report';

const MARGIN = 50;
const GREY = '#555555';
const RED = '#a40000';

/**
 * The report's PDF, in memory (a few pages: written to a file or handed to a window whole).
 * pdfkit is loaded on the first report, not with the module: loading it (its fonts inflated, its
 * tables built) took 180–350 ms, which every start of the journal's worker and every command of
 * the command line paid before answering anything.
 */
export async function incidentPdf(facts: IncidentFacts): Promise<Buffer> {
  const { default: PDFDocument }: { default: typeof PDFKitDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Incident report: order ${facts.orderId}`,
      Author: facts.generatedBy,
      Subject: 'Warehouse Ledger incident report',
      Creator: 'Warehouse Ledger',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  write(doc, facts);
  doc.end();
  return done;
}

/**
 * Text as the built-in fonts can show it: arrows and dashes spelled in Windows-1252, anything
 * else outside it as "?" (a name in another script would otherwise come out as wrong letters).
 */
export function pdfSafe(text: string): string {
  return text
    .replace(/[→⇒]/g, '->')
    .replace(/[←]/g, '<-')
    .replace(/[‐‑‒]/g, '-')
    .replace(/[^\t\n\x20-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, '?');
}

function write(doc: PDFKit.PDFDocument, f: IncidentFacts): void {
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor('black')
      .text(pdfSafe(text), MARGIN, undefined, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const line = (text: string, color = 'black') => doc.fillColor(color).text(pdfSafe(text), { width });
  const mono = (text: string) =>
    doc.font('Courier').fontSize(8).fillColor(GREY).text(pdfSafe(text), { width }).font('Helvetica').fontSize(10);

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(pdfSafe(`Incident report: order ${f.orderId}`), { width });
  doc.font('Helvetica').fontSize(10).fillColor(GREY);
  line(
    `Generated ${f.generatedAt} by ${f.generatedBy}, from the journal ${f.journalPath} (${f.headSeq} events).`,
    GREY,
  );

  heading('The order');
  const o = f.order;
  line(`Status now: ${o.status ?? '(none)'}${o.customer ? `, customer ${o.customer}` : ''}.`);
  line(`Lines: ${o.lines.map((l) => `${l.qty} x ${l.sku}`).join(', ') || '(none)'}.`);
  line(
    `${o.eventCount} events, the last at seq ${o.lastSeq}; ${o.openAnomalies} open anomal${o.openAnomalies === 1 ? 'y' : 'ies'}.`,
  );

  const flagged = f.events.filter((e) => e.event.anomalies.length > 0);
  heading('Flagged events and what was done');
  if (flagged.length === 0) line('No event of this order was flagged.');
  for (const e of flagged) flaggedEntry(doc, e, line);

  heading('Timeline');
  for (const e of f.events) timelineEntry(doc, e, line, mono);

  heading('Verification');
  const c = f.chain;
  if (c.scope === 'journal') {
    line(
      c.ok
        ? `The whole hash chain was verified: all ${c.events} events' hashes recomputed and found intact.`
        : `The hash chain does NOT verify: ${c.problem ?? 'a hash differs'} (first bad seq ${c.firstBadSeq ?? '?'}).`,
      c.ok ? 'black' : RED,
    );
  } else {
    line(
      c.ok
        ? `Each of the order's ${c.events} events was checked: its stored hash is the hash of its content and of the previous event's hash. (Run "warehouse-ledger verify" for the whole chain.)`
        : `An event of this order does NOT verify: ${c.problem ?? ''}.`,
      c.ok ? 'black' : RED,
    );
  }
  if (f.anchor) {
    line(
      `Anchored by the export ${f.anchor.bundle} (seq ${f.anchor.fromSeq} to ${f.anchor.toSeq}, ${f.anchor.events} events, completed ${f.anchor.at}): the order's latest event is in that bundle, whose signed manifest corporate holds.`,
    );
  } else {
    line("Not yet anchored: the order's latest event has not been exported to corporate.", RED);
  }
  line(`Workstation key fingerprint (sha256 of the public key):`);
  mono(f.keyFingerprint ?? '(no export key on this workstation yet)');
}

function flaggedEntry(
  doc: PDFKit.PDFDocument,
  e: ReportEventRecord,
  line: (text: string, color?: string) => unknown,
): void {
  const ev = e.event;
  const who = ev.initiatedBy.name
    ? `${ev.initiatedBy.name} (${ev.initiatedBy.id}, ${ev.initiatedBy.role})`
    : `${ev.initiatedBy.id} (${ev.initiatedBy.role})`;
  doc.font('Helvetica-Bold');
  line(
    `Seq ${ev.seq}, ${ev.type}${typeof ev.data.status === 'string' ? ` to ${ev.data.status}` : ''}, at ${ev.timestamp}, initiated by ${who}`,
  );
  doc.font('Helvetica');
  for (const a of ev.anomalies)
    line(`  ${a.severity}: ${a.kind}: ${a.message}${a.open ? ' (still open)' : ''}`, a.open ? RED : 'black');
  for (const u of e.followUps) {
    const by = u.by.name ? `${u.by.name} (${u.by.id})` : u.by.id;
    const what = u.type === 'StatusCorrected' ? `Corrected to ${u.status ?? '?'}` : 'Dismissed as a false alarm';
    line(`  ${what} by ${by} at ${u.timestamp} (seq ${u.seq}). Reason: "${u.reason}"`);
  }
  if (e.followUps.length === 0) line('  Nothing has been done about it yet.', RED);
  doc.moveDown(0.4);
}

function timelineEntry(
  doc: PDFKit.PDFDocument,
  e: ReportEventRecord,
  line: (text: string, color?: string) => unknown,
  mono: (text: string) => unknown,
): void {
  const ev = e.event;
  const by = ev.initiatedBy.name ?? ev.initiatedBy.id;
  const what =
    typeof ev.data.status === 'string'
      ? ` ${ev.data.status}`
      : typeof ev.data.itemSku === 'string'
        ? ` ${String(ev.data.itemQty)} x ${ev.data.itemSku}`
        : '';
  if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
  doc.font('Helvetica-Bold');
  line(
    `${ev.seq}. ${ev.timestamp}  ${ev.type}${what}  by ${by} (${ev.initiatedBy.role})${ev.anomalies.length > 0 ? '  [flagged]' : ''}`,
  );
  doc.font('Helvetica');
  line(
    `   event ${ev.eventId}, recorded ${ev.recordedAt} from ${ev.source}; status after: ${e.statusAfter ?? '(none)'}`,
    GREY,
  );
  mono(`   hash ${e.hash}${e.hashOk ? '' : '  DOES NOT MATCH ITS CONTENT'}`);
  mono(`   prev ${e.prevHash}`);
  doc.moveDown(0.2);
}
