/**
 * What runs inside the journal worker, without the thread: the open journal and its services,
 * the sessions of the windows, the handlers, and the change watcher. `worker.ts` connects it to
 * `parentPort`; tests drive it directly.
 */
import { Journal } from '../journal';
import { TrainingDesk } from '../training/desk';
import { pushes, type PushName } from '../../shared/contract/channels';
import type { LedgerServices, Push, Session } from './handlers/context';
import { createHandlers, isChannelName, type ChannelHandler, type LedgerResult } from './handlers/dispatch';
import { consoleLogger, type Logger } from './handlers/errors';
import { SettingsStore } from '../settings/store';
import { checkedDestination, exportService } from './handlers/export';
import { ChangeWatcher } from './changes';
import { LedgerJobs } from './ledgerJobs';
import type { ImportWork } from './work';
import type { WorkerOptions } from './protocol';
import type { ChannelName } from '../../shared/contract/channels';
import { FolderWatcher, type FolderImportOutcome } from '../import/folderWatcher';
import { FileGrants, releaseFile, type FileToGrant } from '../files/grants';
import { openRegularFile } from '../files/open';
import type { ChosenFile, FileKind } from '../../shared/contract/files';
import type { FolderPurpose } from '../../shared/contract/ipc';
import { LedgerError, toLedgerError } from './handlers/errors';
import { ENDED_SESSION_KEPT_MS, endIfIdle } from './handlers/idle';
import { dirname } from 'node:path';
import { defaultKeyFolder, plainKeys, type KeyProtector } from '../export/keys';
import { userDataFolder } from '../paths';

/**
 * How often the journal is looked at for writes from outside this worker (the command line);
 * the worker's own writes are pushed as they commit (./changes).
 */
const OUTSIDE_WRITES_EVERY_MS = 2000;

/** How long after opening a journal the worker makes ahead what the first import would (`Journal.prepareWrites`). */
const PREPARE_WRITES_AFTER_MS = 1000;

export interface LedgerWorkerDeps {
  work: ImportWork;
  /** Where pushes go (to `parentPort`, or a test's list). */
  send: (name: PushName, payload: unknown) => void;
  log?: Logger;
  /** Told of every file the inbox took (imported and moved). */
  onInbox?: (outcome: FolderImportOutcome) => void;
  /** Now in ms (tests move it; default Date.now). */
  clock?: () => number;
  /** How the signing key is kept at rest (default: a PEM file only its owner may read). */
  keyProtector?: KeyProtector;
}

export class LedgerWorker {
  private services: LedgerServices;
  private watcher: ChangeWatcher;
  private readonly sessions = new Map<string, Session>();
  /** Calls under way per session. */
  private readonly inFlight = new Map<string, number>();
  private readonly handlers: Record<ChannelName, ChannelHandler>;
  private readonly settings: SettingsStore;
  private timer: NodeJS.Timeout | undefined;
  private inbox: FolderWatcher | undefined;
  private inboxFolder: string | null = null;

  constructor(
    private readonly options: WorkerOptions,
    private readonly deps: LedgerWorkerDeps,
  ) {
    this.settings = new SettingsStore(options.settingsFile);
    this.services = this.openServices(options.journalPath);
    this.watcher = new ChangeWatcher(this.services.journal, this.services.push);
    const handlerDeps: Parameters<typeof createHandlers>[0] = { services: () => this.services };
    if (options.validateResponses !== undefined) handlerDeps.validateResponses = options.validateResponses;
    if (deps.log) handlerDeps.log = deps.log;
    this.handlers = createHandlers(handlerDeps);
    this.timer = setInterval(() => {
      this.checkChanges();
      this.sweepSessions();
    }, OUTSIDE_WRITES_EVERY_MS);
    this.timer.unref();
    if (options.watchInbox) {
      this.settings.onChange(() => void this.watchInbox());
      void this.watchInbox();
    }
  }

  /** The inbox watcher now, if one runs (tests call its `scan()`). */
  get inboxWatcher(): FolderWatcher | undefined {
    return this.inbox;
  }

  /** (Re)start the inbox watcher on the folder of the settings. */
  async watchInbox(): Promise<void> {
    const folder = this.settings.get().inboxFolder;
    if (folder === this.inboxFolder && this.inbox) return;
    const old = this.inbox;
    this.inbox = undefined;
    this.inboxFolder = folder;
    await old?.stop();
    if (!folder) return;
    const log = this.deps.log ?? consoleLogger;
    this.inbox = new FolderWatcher({
      folder,
      // Each file is an ordinary import job: progress pushes, Cancel, and batches that let
      // the windows' requests through.
      importFile: async (path) => {
        const { journal, longJobs, work } = this.services;
        // Not through a link: nothing in the inbox may lead the read out of the folder.
        const file = openRegularFile(path, path, { noFollow: true });
        const jobId = longJobs.start('inbox', async (job) => {
          try {
            return { reports: [await work.importFile(journal, file, job)] };
          } finally {
            file.close();
          }
        });
        const result = await longJobs.whenFinished(jobId);
        if (!result?.ok) throw new Error(result?.error ?? 'the import did not finish');
        const report = result.reports[0];
        if (!report) throw new Error('the import was cancelled before it began');
        return report;
      },
      onOutcome: (o: FolderImportOutcome) => this.deps.onInbox?.(o),
      log: (message, error) => log(message, error),
    });
    this.inbox.start();
  }

  get journal(): Journal {
    return this.services.journal;
  }

  get settingsStore(): SettingsStore {
    return this.settings;
  }

  get longJobs(): LedgerJobs {
    return this.services.longJobs;
  }

  async call(channel: string, request: unknown, sessionId: string): Promise<LedgerResult> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'invalid-request', message: `There is no channel "${channel}".` } };
    }
    const session = this.session(sessionId);
    // A session is forgotten only between its calls: a sign-in still hashing keeps its session.
    this.inFlight.set(sessionId, (this.inFlight.get(sessionId) ?? 0) + 1);
    let result: LedgerResult;
    try {
      result = await this.handlers[channel](request, session);
    } finally {
      const left = (this.inFlight.get(sessionId) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(sessionId);
      else this.inFlight.set(sessionId, left);
    }
    this.forgetIfEmpty(session);
    // Whatever the call wrote (a correction, an operator) goes out to every window now.
    this.checkChanges();
    return result;
  }

  /** How many sessions the worker holds (tests: state is freed on sign-out and expiry). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /**
   * End the sessions whose windows went unused (a browser tab that was closed never calls
   * again), and forget what is left of them after a day. Runs on the worker's timer.
   */
  sweepSessions(): void {
    const now = this.services.clock();
    for (const session of [...this.sessions.values()]) {
      if (this.inFlight.has(session.id)) continue;
      endIfIdle(session, this.services);
      const stale = session.lastActive === undefined || now - session.lastActive >= ENDED_SESSION_KEPT_MS;
      if (session.operatorId === null && (!session.idleEnded || stale)) this.endSession(session.id);
    }
  }

  /** A session with nobody signed in and nothing to remember takes no memory between calls. */
  private forgetIfEmpty(session: Session): void {
    if (this.inFlight.has(session.id)) return;
    if (session.operatorId === null && !session.idleEnded && !session.practice) this.sessions.delete(session.id);
  }

  endSession(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.services.files.endSession(sessionId);
  }

  /**
   * Files a window chose, handed over by the main process (open dialog, confirmed drop) or the
   * browser host (upload): the window gets ids to name them by in `importFiles` / `loadRuleSetFile`.
   */
  grantFiles(sessionId: string, kind: FileKind, files: readonly FileToGrant[]): LedgerResult {
    try {
      // Only a window someone is signed in to chooses files (and an upload nobody may use is not kept).
      const operatorId = this.sessions.get(sessionId)?.operatorId ?? null;
      if (operatorId === null || !this.services.journal.getOperator(operatorId)) {
        throw new LedgerError('not-signed-in', 'Sign in first.');
      }
      return { ok: true, response: this.services.files.grant(sessionId, kind, files) satisfies ChosenFile[] };
    } catch (e) {
      for (const file of files) releaseFile(file);
      return { ok: false, error: toLedgerError(e, 'grantFiles', this.deps.log ?? consoleLogger) };
    }
  }

  /**
   * A folder from the main process's folder dialog (the one way a window sets one): the export
   * destination or the watched import folder, by `purpose`. Only a signed-in Supervisor's window,
   * not practising, and only an existing folder by its full path.
   */
  setChosenFolder(sessionId: string, purpose: FolderPurpose, folder: string): LedgerResult {
    try {
      const session = this.sessions.get(sessionId);
      if (session) endIfIdle(session, this.services);
      const operatorId = session?.operatorId ?? null;
      const operator = operatorId === null ? undefined : this.services.journal.getOperator(operatorId);
      if (!operator) throw new LedgerError('not-signed-in', 'Sign in first.');
      const what = purpose === 'export' ? 'the export destination' : 'the import folder';
      if (operator.role !== 'Supervisor' || session?.practice) {
        throw new LedgerError(
          'not-allowed',
          `Only a Supervisor may choose ${what}; ${operator.id} is a ${operator.role}.`,
        );
      }
      if (purpose === 'export') {
        const service = exportService(this.services);
        const settings = service.setSettings({ ...service.settings(), destination: checkedDestination(folder) });
        return { ok: true, response: settings };
      }
      if (purpose === 'import') {
        return { ok: true, response: this.settings.update({ inboxFolder: checkedDestination(folder) }) };
      }
      throw new LedgerError('invalid-request', 'There is no such folder to choose.');
    } catch (e) {
      return { ok: false, error: toLedgerError(e, 'setChosenFolder', this.deps.log ?? consoleLogger) };
    }
  }

  /** Close the journal and open another; every session is signed out (operators belong to a journal). */
  async open(path: string): Promise<void> {
    // Open the new one first: a file that is not a journal leaves the current one open.
    const next = this.openServices(path);
    this.watcher.stop();
    await this.closeServices();
    for (const session of this.sessions.values()) session.operatorId = null;
    this.services = next;
    this.watcher = new ChangeWatcher(next.journal, next.push);
    this.services.push('journalChanged', { lastSeq: next.journal.lastSeq(), orderIds: [], truncated: true });
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // Stop a running inbox import first: a cancelled file stays in the inbox for next time.
    this.services.longJobs.cancelAll();
    await this.inbox?.stop();
    this.inbox = undefined;
    this.watcher.stop();
    await this.closeServices();
  }

  /** Push journal changes now (between job batches, after calls, on the timer). */
  checkChanges(): void {
    try {
      this.watcher.check();
    } catch (e) {
      (this.deps.log ?? consoleLogger)('[worker] looking for journal changes failed', e);
    }
  }

  private session(id: string): Session {
    let session = this.sessions.get(id);
    if (!session) this.sessions.set(id, (session = { id, operatorId: null }));
    return session;
  }

  private openServices(journalPath: string): LedgerServices {
    const openOptions = this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {};
    const journal = Journal.open(journalPath, openOptions);
    // Once the windows' first requests have been answered, before an import is likely to ask for
    // it (44-67 ms at 1M events): in the next turn, it held up the first page of a window opened
    // with the app. An import that starts sooner makes it in its own first turn, as before.
    setTimeout(() => {
      try {
        journal.prepareWrites();
      } catch (e) {
        // The file busy or unreadable just then: the first import makes it in its own turn.
        (this.deps.log ?? consoleLogger)('[worker] making the key filter ahead failed', e);
      }
    }, PREPARE_WRITES_AFTER_MS).unref();
    const push: Push = (name, payload) => {
      // Pushes are checked like answers: a malformed one would break every window at once.
      const checked = pushes[name].safeParse(payload);
      if (!checked.success) {
        (this.deps.log ?? consoleLogger)(`[worker] push ${name} does not match its schema`, checked.error);
        return;
      }
      this.deps.send(name, checked.data);
    };
    const longJobs = new LedgerJobs(
      {
        progress: (p) => push('jobProgress', p),
        finished: (p) => push('jobFinished', p),
        batch: () => this.checkChanges(),
      },
      this.deps.log,
    );
    const desk = new TrainingDesk({ realJournalPath: journalPath, ...openOptions });
    const clock = this.deps.clock ?? Date.now;
    const files = new FileGrants(clock);
    const keys = { dir: this.keyDir(), protector: this.deps.keyProtector ?? plainKeys };
    const services = {
      journal,
      longJobs,
      desk,
      settings: this.settings,
      keys,
      workstationJournal: this.options.journalPath,
      push,
      work: this.deps.work,
      files,
      clock,
    };
    // Scheduled exports to corporate run here in the worker, beside the journal they read.
    exportService(services).start();
    return services;
  }

  /** The signing key's own folder: given, else beside the settings (the user data folder), never the journal's. */
  private keyDir(): string {
    if (this.options.keyDir !== undefined) return this.options.keyDir;
    const userData = this.options.settingsFile === null ? userDataFolder() : dirname(this.options.settingsFile);
    return defaultKeyFolder(userData);
  }

  private async closeServices(): Promise<void> {
    const { journal, longJobs, desk, files } = this.services;
    exportService(this.services).stop();
    files.clear();
    longJobs.cancelAll();
    await longJobs.idle();
    desk.close();
    journal.close();
  }
}
