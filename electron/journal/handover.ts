/**
 * The journal's side of the shift handover: anomalies on either side of a position, imports
 * after it and lines refused since a time. Positions are seqs (the events' primary key), so
 * each of these reads a range, not the whole journal.
 */
import type Database from 'better-sqlite3';
import type { AnomalyRecord } from '../../shared/contract/records';
import { ANOMALY_JOIN_COLUMNS, anomalyRecordOf, type AnomalyJoinRow } from './rows';

export interface ImportSummary {
  source: string;
  events: number;
  fromSeq: number;
  toSeq: number;
  lastRecordedAt: string;
}

export interface RefusedSummary {
  file: string;
  lines: number;
  first: { line: number; reason: string }[];
}

/** Which anomalies: flagged after a position, or flagged by it and still open now. */
export type AnomalySide = { after: number } | { openFrom: number };

/** The refused lines listed per file. */
const FIRST_REFUSED = 5;

export class HandoverReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private static where(side: AnomalySide): { sql: string; seq: number } {
    return 'after' in side
      ? { sql: 'a.seq > ?', seq: side.after }
      : { sql: 'a.seq <= ? AND a.resolved_by_seq IS NULL', seq: side.openFrom };
  }

  /** Newest first, at most `limit`. */
  anomalies(side: AnomalySide, limit: number): AnomalyRecord[] {
    const w = HandoverReader.where(side);
    const rows = this.stmt(
      `SELECT ${ANOMALY_JOIN_COLUMNS} FROM anomalies a JOIN events e ON e.seq = a.seq WHERE ${w.sql}
       ORDER BY a.id DESC LIMIT ?`,
    ).all(w.seq, limit) as AnomalyJoinRow[];
    return rows.map(anomalyRecordOf);
  }

  countAnomalies(side: AnomalySide): { error: number; warning: number } {
    const w = HandoverReader.where(side);
    const rows = this.stmt(`SELECT a.severity, count(*) AS n FROM anomalies a WHERE ${w.sql} GROUP BY a.severity`).all(
      w.seq,
    ) as { severity: string; n: number }[];
    const n = (s: string) => rows.find((r) => r.severity === s)?.n ?? 0;
    return { error: n('error'), warning: n('warning') };
  }

  /** Events recorded after `afterSeq` from files (not from operators), per source. */
  importsAfter(afterSeq: number): ImportSummary[] {
    const rows = this.stmt(
      `SELECT source, count(*) AS events, min(seq) AS from_seq, max(seq) AS to_seq, max(recorded_at) AS last_at
       FROM events WHERE seq > ? AND source NOT LIKE 'operator:%' GROUP BY source ORDER BY min(seq)`,
    ).all(afterSeq) as { source: string; events: number; from_seq: number; to_seq: number; last_at: string }[];
    return rows.map((r) => ({
      source: r.source,
      events: r.events,
      fromSeq: r.from_seq,
      toSeq: r.to_seq,
      lastRecordedAt: r.last_at,
    }));
  }

  /** Lines refused at or after `sinceIso` (an ISO time in UTC, as the journal stamps them), per file. */
  refusedSince(sinceIso: string): RefusedSummary[] {
    const rows = this.stmt(
      `SELECT file, line, reason, count(*) OVER (PARTITION BY file) AS lines,
         row_number() OVER (PARTITION BY file ORDER BY id) AS n
       FROM rejected_lines WHERE rejected_at >= ? ORDER BY id`,
    ).all(sinceIso) as { file: string; line: number; reason: string; lines: number; n: number }[];
    const byFile = new Map<string, RefusedSummary>();
    for (const r of rows) {
      let f = byFile.get(r.file);
      if (!f) byFile.set(r.file, (f = { file: r.file, lines: r.lines, first: [] }));
      if (r.n <= FIRST_REFUSED) f.first.push({ line: r.line, reason: r.reason });
    }
    return [...byFile.values()];
  }
}
