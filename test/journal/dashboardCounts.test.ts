/**
 * The dashboard's counts kept as projections (events per hour, open anomalies by kind, severity
 * and initiator): they agree with a full recount after random appends, corrections, dismissals
 * and a rebuild; verify catches a count that does not; and migration 10 fills them for a
 * journal of version 8.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/journal';
import { dashboardFigures } from '../../electron/worker/handlers/dashboard';
import { journalWithSupervisor, play, step } from './histories';
import { correctedMissingPackage, rawConnection, reopen, sampleEvents, tempDir } from './helpers';

/** What the projections should hold, counted from the events and anomalies themselves. */
function recount(db: Database.Database) {
  const hours = db
    .prepare('SELECT instant FROM events')
    .pluck()
    .all()
    .reduce<Map<number, number>>((m, instant) => {
      const h = Math.floor((instant as number) / 3_600_000);
      return m.set(h, (m.get(h) ?? 0) + 1);
    }, new Map());
  const open = db
    .prepare(
      `SELECT a.kind || '/' || a.severity || '/' || e.initiator_id || '/' || coalesce(e.initiator_name, '') AS k, count(*) AS n
       FROM anomalies a JOIN events e ON e.seq = a.seq WHERE a.resolved_by_seq IS NULL GROUP BY k`,
    )
    .all() as { k: string; n: number }[];
  const flagged = db
    .prepare('SELECT status, count(*) AS n FROM orders WHERE open_anomalies > 0 AND status IS NOT NULL GROUP BY status')
    .all() as { status: string; n: number }[];
  return {
    hours: Object.fromEntries([...hours].sort((a, b) => a[0] - b[0])),
    open: Object.fromEntries(open.map((r) => [r.k, r.n]).sort()),
    flagged: Object.fromEntries(flagged.map((r) => [r.status, r.n]).sort()),
  };
}

function stored(db: Database.Database) {
  const hours = db.prepare('SELECT hour, events FROM event_hours ORDER BY hour').all() as {
    hour: number;
    events: number;
  }[];
  const open = db
    .prepare(
      "SELECT kind || '/' || severity || '/' || initiator_id || '/' || initiator_name AS k, count AS n FROM open_anomaly_counts",
    )
    .all() as { k: string; n: number }[];
  const flagged = db.prepare('SELECT status, count AS n FROM flagged_counts').all() as { status: string; n: number }[];
  return {
    hours: Object.fromEntries(hours.map((r) => [r.hour, r.events])),
    open: Object.fromEntries(open.map((r) => [r.k, r.n]).sort()),
    flagged: Object.fromEntries(flagged.map((r) => [r.status, r.n]).sort()),
  };
}

describe('the dashboard counts', () => {
  it('agree with a full recount after random appends, corrections and dismissals, and after a rebuild', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const file = path.join(tempDir(), 'random.sqlite');
        const journal = journalWithSupervisor(file);
        const db = rawConnection(file);
        try {
          play(journal, steps);
          const want = recount(db);
          expect(stored(db)).toEqual(want);
          expect(journal.verify()).toMatchObject({ ok: true });
          journal.rebuild();
          expect(stored(db)).toEqual(want);
          // The headline totals come from the projection: the same as counting the inbox.
          const open = journal.anomalies({ open: true, limit: 10_000 });
          expect(journal.anomalyTotals({ open: true }).total).toBe(open.length);
        } finally {
          db.close();
          journal.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('are checked by verify: an hour or an open count out of step is reported', () => {
    const file = path.join(tempDir(), 'tampered.sqlite');
    const journal = reopen(file);
    journal.appendBatch(sampleEvents('missing-package.ndjson'), 'samples');
    expect(journal.verify().ok).toBe(true);
    const db = rawConnection(file);
    db.exec('UPDATE event_hours SET events = events + 1 WHERE hour = (SELECT max(hour) FROM event_hours)');
    expect(journal.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/hourly event counts/) });
    journal.rebuild();
    expect(journal.verify().ok).toBe(true);
    db.exec(
      'UPDATE open_anomaly_counts SET count = count + 1 WHERE kind = (SELECT kind FROM open_anomaly_counts LIMIT 1)',
    );
    db.close();
    const report = journal.verify();
    expect(report).toMatchObject({ ok: false, problem: expect.stringMatching(/open anomaly counts/) });
    journal.rebuild();
    const again = rawConnection(file);
    again.exec("INSERT INTO flagged_counts(status, count) VALUES ('Teleported', 1)");
    again.close();
    expect(journal.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/open anomalies disagree/) });
  });

  it('are filled by the upgrade of a version-8 journal, in place, and kept from then on', () => {
    const journal = correctedMissingPackage();
    const file = journal.path;
    const before = dashboardFigures(journal);
    journal.close();
    // What version 8 had: none of migration 10's tables and index.
    const db = new Database(file);
    db.exec(
      'DROP TABLE event_hours; DROP TABLE open_anomaly_counts; DROP TABLE flagged_counts; DROP INDEX orders_flagged_by_status; DROP INDEX events_office; DROP INDEX anomalies_resolved',
    );
    db.pragma('user_version = 8');
    db.close();

    const upgraded = reopen(file);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(stored(check)).toEqual(recount(check));
    const indexes = check.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(indexes).toEqual(
      expect.arrayContaining(['orders_flagged_by_status', 'events_office', 'anomalies_resolved']),
    );
    expect(upgraded.verify().ok).toBe(true);
    expect(dashboardFigures(upgraded)).toEqual(before);
    // And appending after the upgrade keeps them in step.
    upgraded.appendBatch(
      sampleEvents('missing-package.ndjson').map((e, i) => ({
        ...e,
        event: { ...e.event, eventId: `again-${i}`, orderId: `again-${e.event.orderId}` },
      })),
      'again',
    );
    expect(stored(check)).toEqual(recount(check));
    check.close();
  });
});

describe('the dashboard', () => {
  it('shows the journal’s last day by default, and any date range from the hourly counts', () => {
    const file = path.join(tempDir(), 'range.sqlite');
    const journal = reopen(file);
    const events = sampleEvents('missing-package.ndjson');
    journal.appendBatch(events, 'samples');
    const instants = events.map((e) => e.instant);
    const newest = Math.max(...instants);
    const oldest = Math.min(...instants);

    const day = dashboardFigures(journal);
    expect(day.eventsPerHour).toHaveLength(24);
    expect(day.bucketHours).toBe(1);
    const lastHourEnd = (Math.floor(newest / 3_600_000) + 1) * 3_600_000;
    expect(day.range).toEqual({
      from: new Date(lastHourEnd - 24 * 3_600_000).toISOString(),
      to: new Date(lastHourEnd).toISOString(),
    });
    const inDay = instants.filter((t) => t >= lastHourEnd - 24 * 3_600_000).length;
    expect(day.eventsPerHour.reduce((n, h) => n + h.events, 0)).toBe(inDay);

    // A range covering every event counts every event, each in its own hour.
    const all = dashboardFigures(journal, {
      from: new Date(oldest).toISOString(),
      to: new Date(newest).toISOString(),
    });
    expect(all.eventsPerHour.reduce((n, h) => n + h.events, 0)).toBe(events.length);
    for (const bar of all.eventsPerHour) {
      const start = Date.parse(bar.hour);
      expect(bar.events).toBe(instants.filter((t) => t >= start && t < start + 3_600_000).length);
    }

    // A range before the first event: bars, all empty.
    const before = dashboardFigures(journal, {
      from: new Date(oldest - 10 * 86_400_000).toISOString(),
      to: new Date(oldest - 9 * 86_400_000).toISOString(),
    });
    expect(before.eventsPerHour.every((h) => h.events === 0)).toBe(true);

    // Two months: a bar a day, every event still counted once.
    const long = dashboardFigures(journal, {
      from: new Date(oldest - 40 * 86_400_000).toISOString(),
      to: new Date(newest + 20 * 86_400_000).toISOString(),
    });
    expect(long.bucketHours).toBe(24);
    expect(long.eventsPerHour.reduce((n, h) => n + h.events, 0)).toBe(events.length);

    expect(() => dashboardFigures(journal, { from: '2026-11-27T00:00:00Z', to: '2026-11-26T00:00:00Z' })).toThrow(
      /ends .* before it starts/,
    );
    expect(() => dashboardFigures(journal, { from: 'yesterday' })).toThrow(/not an ISO 8601 time/);
  });

  it('counts the open anomalies by kind and by initiator as the inbox lists them', () => {
    const journal = correctedMissingPackage();
    const open = journal.anomalies({ open: true, limit: 10_000 });
    const d = dashboardFigures(journal);
    const byKind = new Map<string, number>();
    const byWho = new Map<string, number>();
    for (const a of open) {
      byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
      byWho.set(a.initiatedBy.id, (byWho.get(a.initiatedBy.id) ?? 0) + 1);
    }
    expect(Object.fromEntries(d.openByKind.map((k) => [k.kind, k.count]))).toEqual(Object.fromEntries(byKind));
    expect(Object.fromEntries(d.openByInitiator.map((k) => [k.initiatorId, k.count]))).toEqual(
      Object.fromEntries(byWho),
    );
    for (const who of d.openByInitiator) {
      const named = open.find((a) => a.initiatedBy.id === who.initiatorId && a.initiatedBy.name !== undefined);
      expect(who.name).toBe(named?.initiatedBy.name);
    }
  });
});
