import { plainKeys } from '../../electron/export/keys';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportSchedule } from '../../shared/contract/export';
import { nextRun, nextTimeOfDay, retryDelay, type Clock } from '../../electron/export/scheduler';
import { ExportService, type ExportFinished } from '../../electron/export/service';
import { readExportSettings } from '../../electron/export/settings';
import { SettingsStore } from '../../electron/settings/store';
import { freshJournal } from '../journal/helpers';
import { addOrders, scratch } from './helpers';

const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('nextRun', () => {
  const now = at(2026, 11, 27, 10, 30);

  it('never runs when the schedule is off', () => {
    expect(nextRun({ kind: 'off' }, null, now)).toBeNull();
    expect(nextRun({ kind: 'off' }, at(2026, 11, 1, 0, 0), now)).toBeNull();
  });

  it('every N hours: at once the first time, N hours after the last run, at once when that was missed', () => {
    const every4: ExportSchedule = { kind: 'every', hours: 4 };
    expect(nextRun(every4, null, now)).toEqual(now);
    expect(nextRun(every4, at(2026, 11, 27, 9, 0), now)).toEqual(at(2026, 11, 27, 13, 0));
    expect(nextRun(every4, at(2026, 11, 27, 6, 0), now)).toEqual(now);
  });

  it('daily at HH:MM: today if still ahead, else tomorrow; a missed run at once', () => {
    expect(nextRun({ kind: 'daily', at: '22:15' }, null, now)).toEqual(at(2026, 11, 27, 22, 15));
    expect(nextRun({ kind: 'daily', at: '06:00' }, null, now)).toEqual(at(2026, 11, 28, 6, 0));
    expect(nextRun({ kind: 'daily', at: '06:00' }, at(2026, 11, 27, 6, 0), now)).toEqual(at(2026, 11, 28, 6, 0));
    // Last ran the day before yesterday: today's 06:00 was missed.
    expect(nextRun({ kind: 'daily', at: '06:00' }, at(2026, 11, 25, 6, 0), now)).toEqual(now);
    // Exactly at the time: the next one is tomorrow's, never the same instant again.
    expect(nextTimeOfDay('10:30', now)).toEqual(at(2026, 11, 28, 10, 30));
  });

  it('is never in the past, and never later than one period after the last run or now', () => {
    const schedule = fc.oneof(
      fc.record({ kind: fc.constant('every' as const), hours: fc.integer({ min: 1, max: 168 }) }),
      fc.record({
        kind: fc.constant('daily' as const),
        at: fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
      }),
    );
    const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((t) => new Date(t));
    fc.assert(
      fc.property(schedule, fc.option(time, { nil: null }), time, (s, last, now) => {
        const due = nextRun(s, last, now)!;
        expect(due.getTime()).toBeGreaterThanOrEqual(now.getTime());
        const period = s.kind === 'every' ? s.hours * HOUR : 25 * HOUR;
        const from = Math.max(now.getTime(), last?.getTime() ?? now.getTime());
        expect(due.getTime()).toBeLessThanOrEqual(from + period);
        if (s.kind === 'daily' && due.getTime() !== now.getTime()) {
          expect(`${String(due.getHours()).padStart(2, '0')}:${String(due.getMinutes()).padStart(2, '0')}`).toBe(s.at);
        }
      }),
    );
  });
});

describe('retryDelay', () => {
  it('doubles from one minute and stops at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelay(n) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

/** A clock the test moves by hand: timers fire only in `advance`. */
class HandClock implements Clock {
  private timers = new Map<number, { due: number; fn: () => void }>();
  private next = 1;
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { due: this.t + ms, fn });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Move to `ms` later, firing the timers that fall due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].due;
      due[1].fn();
    }
    this.t = end;
  }
}

function service(destination: string | null, schedule: ExportSchedule) {
  const journal = freshJournal();
  addOrders(journal, 6);
  const dir = scratch('export-service-');
  const settings = new SettingsStore(path.join(dir, 'settings.json'));
  settings.update({ export: { destination, schedule, workstation: 'DOCK-5' } });
  const clock = new HandClock(at(2026, 11, 27, 8, 0).getTime());
  const events: ExportFinished[] = [];
  let waiting: ((e: ExportFinished) => void) | undefined;
  const svc = new ExportService({
    journal,
    settings,
    keys: { dir: path.join(dir, 'key'), protector: plainKeys },
    clock,
    finished: (e) => {
      events.push(e);
      waiting?.(e);
    },
  });
  const finished = () => new Promise<ExportFinished>((resolve) => (waiting = resolve));
  return { journal, settings, clock, svc, events, finished, dir };
}

describe('the export service and its scheduler', () => {
  it('retries an unusable destination with back-off, keeps the cursor, and the next good export has everything', async () => {
    const share = path.join(scratch(), 'share-not-mounted');
    const { journal, clock, svc, finished } = service(share, { kind: 'every', hours: 6 });
    svc.start();
    expect(svc.status().nextRun).toBe(clock.now().toISOString()); // never exported: at once

    let done = finished();
    clock.advance(0);
    let e = await done;
    expect(e.ok).toBe(false);
    expect(e.failure).toMatchObject({ attempts: 1, message: expect.stringMatching(/does not exist/) });
    expect(e.failure!.retryAt).toBe(new Date(clock.now().getTime() + MIN).toISOString());
    expect(journal.exportCursor()).toBe(0);

    done = finished();
    clock.advance(MIN);
    e = await done;
    expect(e.failure).toMatchObject({ attempts: 2 });
    expect(svc.status().nextRun).toBe(new Date(clock.now().getTime() + 2 * MIN).toISOString());
    expect(svc.status().failure).toMatchObject({ attempts: 2 });

    addOrders(journal, 2, 40);
    fs.mkdirSync(share); // the share is back
    done = finished();
    clock.advance(2 * MIN);
    e = await done;
    expect(e).toMatchObject({ ok: true, trigger: 'retry', result: { fromSeq: 1, toSeq: journal.lastSeq() } });
    const status = svc.status();
    expect(status.failure).toBeNull();
    expect(status.cursor).toBe(journal.lastSeq());
    expect(status.nextRun).toBe(new Date(clock.now().getTime() + 6 * HOUR).toISOString());
    expect(status.history).toHaveLength(1);
    svc.stop();
    expect(clock.pending).toBe(0);
  });

  it('exports hourly by default once a destination is set: the head is never left unanchored for long', async () => {
    const dest = scratch();
    const { journal, settings, clock, svc, finished } = service(null, { kind: 'off' });
    // A workstation whose settings name only the destination (nobody chose a schedule).
    settings.update({ export: { destination: dest } });
    expect(readExportSettings(settings).schedule).toEqual({ kind: 'every', hours: 1 });
    svc.start();
    const done = finished();
    clock.advance(0);
    expect((await done).ok).toBe(true);
    expect(svc.status().nextRun).toBe(new Date(clock.now().getTime() + HOUR).toISOString());
    addOrders(journal, 1, 70);
    const next = finished();
    clock.advance(HOUR);
    expect((await next).result).toMatchObject({ toSeq: journal.lastSeq() });
    svc.stop();
  });

  it('"Export now" exports at once, and with nothing new writes nothing', async () => {
    const dest = scratch();
    const { journal, svc, events } = service(dest, { kind: 'off' });
    svc.start();
    expect(svc.status().nextRun).toBeNull();
    const first = await svc.exportNow();
    expect(first).toMatchObject({ fromSeq: 1, toSeq: journal.lastSeq(), events: journal.lastSeq() });
    expect(await svc.exportNow()).toMatchObject({ bundle: null, events: 0 });
    expect(events.map((e) => e.trigger)).toEqual(['button', 'button']);
    expect(fs.readdirSync(dest)).toEqual([first.bundle]);
    expect(svc.status().publicKey).toMatch(/BEGIN PUBLIC KEY/);
  });

  it('says what is missing when no destination is set, and plans nothing', async () => {
    const { svc, clock } = service(null, { kind: 'every', hours: 1 });
    svc.start();
    expect(clock.pending).toBe(0);
    await expect(svc.exportNow()).rejects.toThrow(/no export destination is set/);
  });

  it('keeps its settings in the workstation settings file beside the others, and plans again when they change', () => {
    const { svc, settings, clock } = service(null, { kind: 'off' });
    settings.update({ inboxFolder: '/inbox' });
    svc.start();
    const dest = scratch();
    svc.setSettings({ destination: dest, schedule: { kind: 'daily', at: '18:30' }, workstation: 'DOCK-6' });
    expect(readExportSettings(settings)).toEqual({
      destination: dest,
      schedule: { kind: 'daily', at: '18:30' },
      workstation: 'DOCK-6',
    });
    expect(settings.get().inboxFolder).toBe('/inbox');
    expect(svc.status().nextRun).toBe(at(2026, 11, 27, 18, 30).toISOString());
    expect(clock.pending).toBe(1);
    expect(() =>
      svc.setSettings({ destination: dest, schedule: { kind: 'daily', at: '25:00' }, workstation: 'x' }),
    ).toThrow(/HH:MM/);
  });
});
