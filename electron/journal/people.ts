/**
 * Who initiated what: the people named in the journal's events, one person's events in a time
 * range, and the office events that followed them up. `initiator_id` has no index of its own
 * (every index on `events` is paid for by every imported event), so these read by scanning:
 * a person's page in the app asks once, not per row.
 */
import type Database from 'better-sqlite3';
import type { PersonRecord } from '../../shared/contract/people';
import type { EventRecord } from '../../shared/contract/records';
import { anomalyOf, EVENT_COLUMNS, eventRecordOf, eventRowOf, type AnomalyRow, type EventRow } from './rows';
import { OFFICE_EVENT_TYPES } from '../../shared/events/envelope';

export interface ActivityQuery {
  initiatorId: string;
  /** Event times (ms since the epoch), inclusive. */
  fromInstant?: number;
  toInstant?: number;
  /** Keyset: only events before this seq (newest first paging). */
  beforeSeq?: number;
  limit?: number;
}

interface PersonRow {
  initiator_id: string;
  initiator_name: string | null;
  initiator_role: string;
  events: number;
  first_seq: number;
  last_seq: number;
  last_at: string;
}

export class PeopleReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /**
   * Everyone who initiated an event, by id (name and role of their latest event). `match`: only
   * those whose id is it, or whose name is it ignoring case.
   */
  people(match?: string): PersonRecord[] {
    const where = match === undefined ? '' : 'WHERE initiator_id = ? OR initiator_name = ? COLLATE NOCASE';
    // SQLite takes the bare columns of an aggregate query from the row of its max(seq).
    const rows = this.stmt(
      `SELECT initiator_id, initiator_name, initiator_role, count(*) AS events, min(seq) AS first_seq,
         max(seq) AS last_seq, timestamp AS last_at
       FROM events ${where} GROUP BY initiator_id ORDER BY initiator_id`,
    ).all(...(match === undefined ? [] : [match, match])) as PersonRow[];
    const flagged = new Map(
      (
        this.stmt(
          `SELECT e.initiator_id AS id, count(DISTINCT a.seq) AS n FROM anomalies a JOIN events e ON e.seq = a.seq
           GROUP BY e.initiator_id`,
        ).all() as { id: string; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    return rows.map((r) => {
      const p: PersonRecord = {
        id: r.initiator_id,
        role: r.initiator_role,
        events: r.events,
        flagged: flagged.get(r.initiator_id) ?? 0,
        firstSeq: r.first_seq,
        lastSeq: r.last_seq,
        lastAt: r.last_at,
      };
      if (r.initiator_name !== null) p.name = r.initiator_name;
      return p;
    });
  }

  /** A person's events, newest first, with their anomalies; at most `limit` (default: all). */
  activity(query: ActivityQuery): EventRecord[] {
    const where = ['initiator_id = ?'];
    const params: unknown[] = [query.initiatorId];
    if (query.fromInstant !== undefined) {
      where.push('instant >= ?');
      params.push(query.fromInstant);
    }
    if (query.toInstant !== undefined) {
      where.push('instant <= ?');
      params.push(query.toInstant);
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(query.beforeSeq);
    }
    params.push(query.limit ?? -1);
    const rows = (
      this.stmt(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`)
        .raw()
        .all(...params) as unknown[][]
    ).map(eventRowOf);
    return this.withAnomalies(rows);
  }

  /**
   * The corrections and dismissals that followed up the given events: those naming one of them
   * (`correctsEventId`, `dismissesEventId`) and those that resolved one of their anomalies.
   */
  followUps(events: readonly EventRecord[]): EventRecord[] {
    if (events.length === 0) return [];
    const ids = events.map((e) => e.eventId);
    const resolvers = events.flatMap((e) =>
      e.anomalies.flatMap((a) => (a.resolvedBySeq === null ? [] : [a.resolvedBySeq])),
    );
    const rows = (
      this.stmt(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE seq IN (SELECT value FROM json_each(?))
         UNION
         SELECT ${EVENT_COLUMNS} FROM events WHERE type IN ('StatusCorrected', 'AnomalyDismissed')
           AND seq > ? AND coalesce(json_extract(data, '$.correctsEventId'), json_extract(data, '$.dismissesEventId'))
             IN (SELECT value FROM json_each(?))
         ORDER BY seq`,
      )
        .raw()
        .all(JSON.stringify(resolvers), Math.min(...events.map((e) => e.seq)), JSON.stringify(ids)) as unknown[][]
    ).map(eventRowOf);
    return this.withAnomalies(rows);
  }

  /**
   * Office events after `afterSeq`, oldest first: corrections, dismissals, rule activations,
   * correction requests and their declines, operators disabled and passwords reset.
   */
  officeEventsAfter(afterSeq: number): EventRecord[] {
    const rows = (
      this.stmt(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq`,
      )
        .raw()
        .all(afterSeq, JSON.stringify(OFFICE_EVENT_TYPES)) as unknown[][]
    ).map(eventRowOf);
    return this.withAnomalies(rows);
  }

  private withAnomalies(rows: EventRow[]): EventRecord[] {
    if (rows.length === 0) return [];
    const anomalies = this.stmt(
      `SELECT id, seq, kind, severity, message, resolved_by_seq FROM anomalies
       WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(JSON.stringify(rows.map((r) => r.seq))) as AnomalyRow[];
    const bySeq = new Map<number, AnomalyRow[]>();
    for (const a of anomalies) bySeq.set(a.seq, [...(bySeq.get(a.seq) ?? []), a]);
    return rows.map((r) => eventRecordOf(r, (bySeq.get(r.seq) ?? []).map(anomalyOf)));
  }
}
