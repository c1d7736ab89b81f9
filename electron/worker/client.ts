/**
 * The main side of the journal worker: start it, call channels, hear pushes. The Electron main
 * process and the browser host use this same client, so both speak to the journal the same way.
 */
import type { Worker } from 'node:worker_threads';
import type { PushName } from '../../shared/contract/channels';
import type { LedgerResult } from '../../shared/contract/result';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol';
import type { FileKind } from '../../shared/contract/files';
import type { FolderPurpose } from '../../shared/contract/ipc';
import type { FileToGrant } from '../files/grants';
import { startWorker, workerStart, type WorkerStart } from './workerFile';
import type { KeyProtector } from '../export/keys';

/** The contract's result envelope (shared/contract/result). */
export type CallResult = LedgerResult;

type PushListener = (name: PushName, payload: unknown) => void;

export class JournalWorkerClient {
  private readonly pending = new Map<number, (result: CallResult) => void>();
  private readonly listeners = new Set<PushListener>();
  private nextId = 1;
  private exited = false;
  private journalPathNow: string;

  private constructor(
    private readonly worker: Worker,
    journalPath: string,
    private readonly protector: KeyProtector | undefined,
  ) {
    this.journalPathNow = journalPath;
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('exit', () => {
      this.exited = true;
      for (const resolve of this.pending.values()) {
        resolve({ ok: false, error: { code: 'internal', message: 'The journal worker stopped.' } });
      }
      this.pending.clear();
    });
  }

  /** Start a worker on `options.journalPath`; resolves once the journal is open, rejects with why it could not be. */
  static start(
    options: WorkerOptions,
    start: WorkerStart = workerStart(),
    protector?: KeyProtector,
  ): Promise<JournalWorkerClient> {
    const data: WorkerOptions = protector ? { ...options, sealedKeys: protector.kind } : options;
    const worker = startWorker(start, { workerData: data });
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready') {
          cleanup();
          resolve(new JournalWorkerClient(worker, message.journalPath, protector));
        } else if (message.type === 'fatal') {
          cleanup();
          reject(new Error(message.message));
        }
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the journal worker exited (code ${code}) before opening ${options.journalPath}`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  get journalPath(): string {
    return this.journalPathNow;
  }

  /** Call a contract channel in the name of a session; never rejects (failures are `{ ok: false }`). */
  call(channel: string, request: unknown, session: string): Promise<CallResult> {
    return this.send((id) => ({ type: 'call', id, channel, request, session }));
  }

  async open(path: string): Promise<CallResult> {
    const result = await this.send((id) => ({ type: 'open', id, path }));
    if (result.ok) this.journalPathNow = (result.response as { journalPath: string }).journalPath;
    return result;
  }

  /** Hand the worker files a window chose; answers their ids (`ChosenFile[]`) for the window. */
  grantFiles(session: string, kind: FileKind, files: FileToGrant[]): Promise<CallResult> {
    return this.send((id) => ({ type: 'grantFiles', id, session, kind, files }));
  }

  /** A folder a window's Supervisor picked in the main process's folder dialog (export or import). */
  setChosenFolder(session: string, purpose: FolderPurpose, folder: string): Promise<CallResult> {
    return this.send((id) => ({ type: 'setChosenFolder', id, session, purpose, folder }));
  }

  endSession(session: string): void {
    if (!this.exited) this.worker.postMessage({ type: 'endSession', session } satisfies ToWorker);
  }

  onPush(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Let running jobs stop after their batch, close the journal, end the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.send((id) => ({ type: 'close', id }));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
    if (!this.exited) await this.worker.terminate();
  }

  private send(message: (id: number) => ToWorker): Promise<CallResult> {
    if (this.exited) {
      return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The journal worker has stopped.' } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage(message(id));
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, response: message.response } : { ok: false, error: message.error });
    } else if (message.type === 'push') {
      for (const listener of this.listeners) listener(message.name, message.payload);
    } else if (message.type === 'keyProtector') {
      void this.protect(message.id, message.op, message.data);
    }
  }

  /** The worker's key sealing, done here where the keychain is; the key never leaves this process pair. */
  private async protect(id: number, op: 'seal' | 'unseal', data: string): Promise<void> {
    let answer: ToWorker;
    try {
      if (!this.protector) throw new Error('this process keeps no keychain for the signing key');
      const bytes = Buffer.from(data, 'base64');
      const out =
        op === 'seal'
          ? await this.protector.seal(bytes.toString('utf8'))
          : Buffer.from(await this.protector.unseal(bytes));
      answer = { type: 'keyProtected', id, ok: true, data: out.toString('base64') };
    } catch (err) {
      answer = { type: 'keyProtected', id, ok: false, message: (err as Error).message };
    }
    if (!this.exited) this.worker.postMessage(answer);
  }
}
