/** `corporate status`: per workstation, what corporate has received from it and what is open there. */
import type { Sql } from './db';

export interface WorkstationStatus {
  workstation: string;
  /** The fingerprint of the key its next bundle must be signed with. */
  keyFingerprint: string;
  bundles: number;
  events: number;
  /** The last seq received (0: nothing yet). */
  lastSeq: number;
  /** The last bundle received and when, or null. */
  lastBundle: string | null;
  lastReceivedAt: string | null;
  /** Open anomalies by kind, as of its last bundle. */
  openAnomalies: Record<string, number>;
}

export async function corporateStatus(db: Sql): Promise<WorkstationStatus[]> {
  const rows = await db.query<{
    name: string;
    key_fingerprint: string;
    bundles: number;
    events: number;
    last_seq: number;
    last_bundle: string | null;
    last_received_at: Date | null;
  }>(`
    SELECT w.name, w.key_fingerprint,
           count(b.id) AS bundles,
           coalesce(sum(b.events), 0) AS events,
           coalesce(max(b.to_seq), 0) AS last_seq,
           (SELECT name FROM bundles l WHERE l.workstation = w.name ORDER BY to_seq DESC LIMIT 1) AS last_bundle,
           max(b.received_at) AS last_received_at
      FROM workstations w LEFT JOIN bundles b ON b.workstation = w.name
     GROUP BY w.name, w.key_fingerprint
     ORDER BY w.name`);
  const open = await db.query<{ workstation: string; kind: string; n: number }>(
    'SELECT workstation, kind, count(*) AS n FROM anomalies WHERE open GROUP BY workstation, kind ORDER BY workstation, kind',
  );
  return rows.map((r) => ({
    workstation: r.name,
    keyFingerprint: r.key_fingerprint,
    bundles: r.bundles,
    events: r.events,
    lastSeq: r.last_seq,
    lastBundle: r.last_bundle,
    lastReceivedAt: r.last_received_at ? new Date(r.last_received_at).toISOString() : null,
    openAnomalies: Object.fromEntries(open.filter((o) => o.workstation === r.name).map((o) => [o.kind, o.n])),
  }));
}
