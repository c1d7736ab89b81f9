/** `digest --since TIME`: the shift handover — what happened in the journal since a time. */
import type { DigestRecord } from '../../../shared/contract/handover';
import { shiftDigest } from '../../handover/digest';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

export const digest: CliCommand = {
  name: 'digest',
  summary: 'the shift handover: anomalies, corrections, imports, refused lines and exports since a time',
  usage: 'usage: warehouse-ledger digest --since TIME [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { since: { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    if (values.since === undefined)
      throw new UsageError('say since when with --since TIME (like 2026-11-26T18:00:00-05:00)');
    const since = values.since;
    return withJournal(values.db, io, (journal) => {
      const d = shiftDigest(journal, since);
      io.out(values.json ? JSON.stringify(d) : digestText(d));
      return 0;
    });
  },
};

/** The digest for people, section by section; an empty section says so. */
export function digestText(d: DigestRecord): string {
  const out: string[] = [];
  const section = (title: string, lines: string[], empty: string) => {
    out.push('', title, ...(lines.length > 0 ? lines : [`  ${empty}`]));
  };
  out.push(`Handover since ${d.since} (journal seq ${d.sinceSeq} → ${d.headSeq})`);
  const n = d.newAnomalies.total;
  section(
    `New anomalies: ${n.error} error(s), ${n.warning} warning(s)`,
    d.newAnomalies.rows.length > 0
      ? [
          table(d.newAnomalies.rows, [
            { header: 'seq', value: (a) => a.seq, align: 'right' },
            { header: 'order', value: (a) => a.orderId },
            { header: 'severity', value: (a) => a.severity },
            { header: 'kind', value: (a) => a.kind },
            { header: 'by', value: (a) => a.initiatedBy.name ?? a.initiatedBy.id },
            { header: 'state', value: (a) => (a.open ? 'open' : 'resolved') },
          ]),
          ...(d.newAnomalies.truncated ? [`  (the newest ${d.newAnomalies.rows.length} listed)`] : []),
        ]
      : [],
    'none',
  );
  // One timeline: an operator added at 22:10 is read before a correction at 22:20, not after
  // every office event of the shift.
  const changes = [
    ...d.officeActions.map((a) => ({
      at: a.timestamp,
      line: `  ${a.timestamp}  ${a.by.name ?? a.by.id}${a.orderId === null ? '' : `  order ${a.orderId}`}: ${a.what} — "${a.reason}"`,
    })),
    ...d.operatorsAdded.map((o) => ({
      at: o.at,
      line: `  ${o.at}  ${o.name} (${o.role}, ${o.id}) added as an operator`,
    })),
  ];
  changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  section(
    'Corrections, requests, rule and operator changes',
    changes.map((c) => c.line),
    'none',
  );
  section(
    'Correction requests waiting',
    d.requestsWaiting.map(
      (r) =>
        `  ${r.timestamp}  ${r.requestedBy.name ?? r.requestedBy.id}  order ${r.orderId}: set to ${r.status} (corrects ${r.correctsEventId}) — "${r.reason}"`,
    ),
    'none',
  );
  section(
    'Imports',
    d.imports.map((i) => `  ${i.source}: ${i.events} event(s), seq ${i.fromSeq}–${i.toSeq}`),
    'none',
  );
  section(
    'Refused lines',
    d.refused.flatMap((f) => [
      `  ${f.file}: ${f.lines} line(s)`,
      ...f.first.map((l) => `    line ${l.line}: ${l.reason}`),
    ]),
    'none',
  );
  section(
    'Exports',
    d.exports.map((e) => `  ${e.at}  ${e.bundle}: seq ${e.fromSeq}–${e.toSeq} (${e.events} events)`),
    'none',
  );
  const a = d.anchoring;
  out.push(
    a.lastExport
      ? `  Last anchored: seq ${a.lastExport.toSeq} at ${a.lastExport.at}; ${a.unanchored} event(s) recorded since`
      : `  Never exported: ${a.unanchored} event(s) not yet with corporate`,
  );
  const c = d.carriedOver.total;
  section(
    `Carried over (flagged before, still open): ${c.error} error(s), ${c.warning} warning(s)`,
    d.carriedOver.rows.slice(0, 20).map((r) => `  seq ${r.seq}  order ${r.orderId}  ${r.severity}  ${r.kind}`),
    'none',
  );
  if (c.error + c.warning > 20)
    out.push(`  … and ${c.error + c.warning - 20} more (warehouse-ledger anomalies --open)`);
  return out.join('\n');
}
