/**
 * Export as the app runs it, in the journal worker (off the UI thread): settings, the scheduler,
 * "Export now", the latest failure and the push after every attempt. One service per open journal.
 */
import type { ExportFailure, ExportResult, ExportSettings, ExportStatus } from '../../shared/contract/export';
import type { JournalApi } from '../journal/types';
import { ExportError } from './errors';
import { exportBundle, type ExportingJournal, type ExportOutcome } from './exportBundle';
import type { Journal } from '../journal';
import {
  adoptLegacyKey,
  currentPublicKey,
  KeyError,
  pendingPublicKey,
  workstationKey,
  type KeyProtector,
} from './keys';
import { rotateWorkstationKey } from './rotation';
import { ExportScheduler, systemClock, type Clock } from './scheduler';
import { readExportSettings, writeExportSettings, type SettingsFile } from './settings';

export type ExportTrigger = 'schedule' | 'retry' | 'button';

export interface ExportFinished {
  ok: boolean;
  trigger: ExportTrigger;
  result: ExportResult | null;
  failure: ExportFailure | null;
}

export interface ExportServiceDeps {
  journal: ExportingJournal & Pick<JournalApi, 'exportHistory' | 'path'> & Partial<Pick<Journal, 'verifyInTurns'>>;
  settings: SettingsFile;
  /** The workstation key's folder (its own folder in the user data folder) and how its private key is kept. */
  keys: { dir: string; protector: KeyProtector };
  clock?: Clock;
  /** Told after every attempt (the worker pushes `exportFinished`). */
  finished?: (event: ExportFinished) => void;
  /** Events written so far in the running export, now and then. */
  progress?: (done: number, total: number) => void;
}

const HISTORY_SHOWN = 50;

export class ExportService {
  private readonly scheduler: ExportScheduler;
  private readonly clock: Clock;
  private running: Promise<ExportOutcome> | null = null;
  private failure: ExportFailure | null = null;

  constructor(private readonly deps: ExportServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.scheduler = new ExportScheduler({
      clock: this.clock,
      schedule: () => this.settings().schedule,
      enabled: () => this.deps.journal.kind !== 'training' && this.settings().destination !== null,
      lastRun: () => {
        const last = this.deps.journal.exportHistory(1)[0];
        return last ? new Date(last.at) : null;
      },
      run: (trigger) => this.run(trigger),
    });
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  settings(): ExportSettings {
    return readExportSettings(this.deps.settings);
  }

  setSettings(settings: ExportSettings): ExportSettings {
    const saved = writeExportSettings(this.deps.settings, settings);
    this.failure = null;
    this.scheduler.reschedule();
    return saved;
  }

  status(): ExportStatus {
    const training = this.deps.journal.kind === 'training';
    return {
      settings: this.settings(),
      cursor: this.deps.journal.exportCursor(),
      lastSeq: this.deps.journal.lastSeq(),
      history: this.deps.journal.exportHistory(HISTORY_SHOWN),
      nextRun: this.scheduler.nextRunAt?.toISOString() ?? null,
      running: this.running !== null,
      failure: this.failure,
      training,
      // Never make a key for a journal that is never exported; the public half needs no unsealing.
      publicKey: training ? null : (currentPublicKey(this.deps.keys.dir)?.publicKeyPem ?? null),
      pendingKey: training ? null : (pendingPublicKey(this.deps.keys.dir)?.fingerprint ?? null),
    };
  }

  /** A new signing key, announced by the next export (signed by the current one). */
  async rotateKey(): Promise<{ fingerprint: string; publicKey: string }> {
    try {
      const next = await rotateWorkstationKey(this.deps.journal, this.deps.keys);
      return { fingerprint: next.fingerprint, publicKey: next.publicKeyPem };
    } catch (err) {
      throw err instanceof KeyError ? new ExportError('refused', err.message) : err;
    }
  }

  /** Make the key before the first export, so corporate can register it in advance (never after a loss). */
  async ensureKey(): Promise<void> {
    if (this.deps.journal.kind === 'training') return;
    this.adoptLegacyKey();
    if (currentPublicKey(this.deps.keys.dir)) return;
    await workstationKey(this.deps.keys.dir, {
      protector: this.deps.keys.protector,
      bundlesSigned: this.deps.journal.exportCount(),
    }).catch(() => {
      // A refusal (a lost key) is said by the export that needs the key.
    });
  }

  /** A key an older ledger kept beside the journal moves into the key's own folder (never copied and left). */
  private adoptLegacyKey(): void {
    adoptLegacyKey(this.deps.journal.path, this.deps.keys.dir, (text) => console.warn(`[export] ${text}`));
  }

  /** "Export now": one export at once (or the one already running). Rejects with what went wrong. */
  async exportNow(): Promise<ExportResult> {
    const r = await this.run('button');
    return { bundle: r.bundle, fromSeq: r.fromSeq, toSeq: r.toSeq, events: r.events };
  }

  /** One attempt; two at once share the first. Outcomes go to the scheduler, the failure and the push. */
  private run(trigger: ExportTrigger): Promise<ExportOutcome> {
    this.running ??= this.attempt(trigger);
    return this.running;
  }

  private async attempt(trigger: ExportTrigger): Promise<ExportOutcome> {
    // Start on the next turn, so `running` is set before anything below can finish.
    await Promise.resolve();
    const settings = this.settings();
    try {
      if (this.deps.journal.kind === 'training') {
        throw new ExportError('refused', 'this is a training journal: a training journal is never exported');
      }
      if (settings.destination === null) {
        throw new ExportError('refused', 'no export destination is set: choose a folder in the export settings');
      }
      const journal = this.deps.journal;
      this.adoptLegacyKey();
      const verifyInTurns = journal.verifyInTurns?.bind(journal);
      const outcome = await exportBundle(journal, {
        destination: settings.destination,
        workstation: settings.workstation,
        keyDir: this.deps.keys.dir,
        protector: this.deps.keys.protector,
        // The check before signing shares the worker with the windows, like verify does.
        ...(verifyInTurns
          ? { verifyJournal: () => verifyInTurns({ yieldTurn: () => new Promise((r) => setImmediate(r)) }) }
          : {}),
        now: () => this.clock.now(),
        ...(this.deps.progress ? { onProgress: this.deps.progress } : {}),
      });
      // No longer running before anyone hears of it: a listener may start the next one at once.
      this.running = null;
      this.failure = null;
      this.scheduler.succeeded(this.clock.now());
      this.deps.finished?.({ ok: true, trigger, result: resultOf(outcome), failure: null });
      return outcome;
    } catch (err) {
      this.running = null;
      const message = err instanceof Error ? err.message : String(err);

      const attempts = (this.failure?.attempts ?? 0) + 1;
      const retryAt = this.scheduler.failed();
      this.failure = { message, at: this.clock.now().toISOString(), attempts, retryAt: retryAt?.toISOString() ?? null };
      this.deps.finished?.({ ok: false, trigger, result: null, failure: this.failure });
      // A lost key is a refusal like any other, said in the export's own words.
      throw err instanceof KeyError ? new ExportError('refused', err.message) : err;
    }
  }
}

function resultOf(o: ExportOutcome): ExportResult {
  return { bundle: o.bundle, fromSeq: o.fromSeq, toSeq: o.toSeq, events: o.events };
}

const services = new WeakMap<object, ExportService>();

/**
 * The export service of an open journal, made on first use (the worker starts its scheduler when
 * it opens the journal, and stops it when it closes it).
 */
export function exportServiceFor(deps: ExportServiceDeps): ExportService {
  let service = services.get(deps.journal);
  if (!service) services.set(deps.journal, (service = new ExportService(deps)));
  return service;
}
