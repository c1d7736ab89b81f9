/**
 * When exports run on their own, and how failures are retried. `nextRun` and `retryDelay` are
 * pure; `ExportScheduler` holds one timer through an injected clock, so tests drive it by hand.
 */
import type { ExportSchedule } from '../../shared/contract/export';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The longest wait between two attempts at a failing destination. */
export const MAX_RETRY_MINUTES = 60;

/**
 * The next time an export is due: `null` when the schedule is off. A run missed while the app was
 * closed (or the machine asleep) is due at once; otherwise every N hours after the last run, or
 * the first HH:MM (local time) after it.
 */
export function nextRun(schedule: ExportSchedule, lastRun: Date | null, now: Date): Date | null {
  switch (schedule.kind) {
    case 'off':
      return null;
    case 'every': {
      if (!lastRun) return now;
      const due = new Date(lastRun.getTime() + schedule.hours * HOUR);
      return due <= now ? now : due;
    }
    case 'daily': {
      const due = nextTimeOfDay(schedule.at, lastRun ?? now);
      return lastRun && due <= now ? now : due;
    }
  }
}

/** The first local `HH:MM` strictly after `after` (a day that skips that time, at DST, gets the next one). */
export function nextTimeOfDay(at: string, after: Date): Date {
  const [h, m] = at.split(':').map(Number) as [number, number];
  for (let day = 0; day <= 2; day++) {
    const d = new Date(after.getFullYear(), after.getMonth(), after.getDate() + day, h, m, 0, 0);
    if (d > after && d.getHours() === h && d.getMinutes() === m) return d;
  }
  // Only reachable if the clock skips this time two days running: try again a day on.
  return new Date(after.getFullYear(), after.getMonth(), after.getDate() + 1, h, m, 0, 0);
}

/** 1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failure in a row, at most an hour. */
export function retryDelay(failures: number): number {
  const minutes = Math.min(2 ** Math.max(0, failures - 1), MAX_RETRY_MINUTES);
  return minutes * MINUTE;
}

export interface Clock {
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (fn, ms) => {
    // Timers over ~24.8 days overflow; waking up early just reschedules.
    const t = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
    t.unref?.();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerDeps {
  clock: Clock;
  schedule(): ExportSchedule;
  /** Whether an export can run at all (a destination is set, the journal is not a training one). */
  enabled(): boolean;
  /** When the last export attempt that succeeded ran (the journal's history at start-up). */
  lastRun(): Date | null;
  /** Run one export; a rejection is a failure to retry. */
  run(trigger: 'schedule' | 'retry'): Promise<unknown>;
}

/**
 * One timer: at the next scheduled run, or, after a failure, at the back-off retry. The caller
 * reports every outcome (scheduled or "Export now") through `succeeded` / `failed`.
 */
export class ExportScheduler {
  private timer: unknown;
  private dueAt: Date | null = null;
  private failures = 0;
  private last: Date | null;
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {
    this.last = deps.lastRun();
  }

  start(): void {
    this.stopped = false;
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /** When the timer fires next (null: not planned). */
  get nextRunAt(): Date | null {
    return this.dueAt;
  }

  get failuresInARow(): number {
    return this.failures;
  }

  /** The settings changed: plan again (and forget the back-off: the destination may be new). */
  reschedule(): void {
    this.failures = 0;
    this.plan();
  }

  succeeded(at: Date): void {
    this.failures = 0;
    this.last = at;
    this.plan();
  }

  /** A failure: the next attempt is the back-off retry. Returns when that will be (null: none planned). */
  failed(): Date | null {
    this.failures += 1;
    if (this.stopped || !this.deps.enabled()) return null;
    this.arm(new Date(this.deps.clock.now().getTime() + retryDelay(this.failures)), 'retry');
    return this.dueAt;
  }

  private plan(): void {
    this.clear();
    if (this.stopped || !this.deps.enabled()) return;
    const now = this.deps.clock.now();
    const due =
      this.failures > 0
        ? new Date(now.getTime() + retryDelay(this.failures))
        : nextRun(this.deps.schedule(), this.last, now);
    if (due) this.arm(due, this.failures > 0 ? 'retry' : 'schedule');
  }

  private arm(due: Date, trigger: 'schedule' | 'retry'): void {
    this.clear();
    this.dueAt = due;
    const wait = Math.max(0, due.getTime() - this.deps.clock.now().getTime());
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = undefined;
      if (this.deps.clock.now() < due) return this.arm(due, trigger); // woke early (long waits are split)
      this.dueAt = null;
      // The runner reports back through succeeded/failed, which plan the next timer.
      this.deps.run(trigger).catch(() => {});
    }, wait);
  }

  private clear(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.dueAt = null;
  }
}
