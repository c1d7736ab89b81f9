/**
 * The journal worker thread's entry (bundled to dist-node/worker.js; under Electron, out/main/worker.js).
 * SQL runs here, off the main process's thread, as Signal Desktop does with its database: the
 * window's main thread never waits on the disk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerWorker } from './ledgerWorker';
import { importWork } from './importWork';
import { answerCall } from './answer';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol';
import type { KeyProtector } from '../export/keys';

const port = parentPort;
if (!port) throw new Error('electron/worker/worker.ts runs as a worker thread (see ./client.ts)');

const send = (message: FromWorker) => port.postMessage(message);
const options = workerData as WorkerOptions;

/** Sealing asked of the parent, which holds the keychain: one promise per request id. */
const sealing = new Map<number, { resolve: (data: string) => void; reject: (e: Error) => void }>();
let nextSealing = 1;
function askParent(op: 'seal' | 'unseal', data: Buffer): Promise<Buffer> {
  const id = nextSealing++;
  return new Promise<string>((resolve, reject) => {
    sealing.set(id, { resolve, reject });
    send({ type: 'keyProtector', id, op, data: data.toString('base64') });
  }).then((b64) => Buffer.from(b64, 'base64'));
}
const keyProtector: KeyProtector | undefined =
  options.sealedKeys === undefined
    ? undefined
    : {
        kind: options.sealedKeys,
        seal: (pem) => askParent('seal', Buffer.from(pem, 'utf8')),
        unseal: async (sealed) => (await askParent('unseal', sealed)).toString('utf8'),
      };

let worker: LedgerWorker;
try {
  worker = new LedgerWorker(options, {
    work: importWork,
    send: (name, payload) => send({ type: 'push', name, payload }),
    ...(keyProtector ? { keyProtector } : {}),
  });
  send({ type: 'ready', journalPath: worker.journal.path });
} catch (e) {
  send({ type: 'fatal', message: `Cannot open the journal ${options.journalPath}: ${(e as Error).message}` });
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'keyProtected': {
      const waiting = sealing.get(message.id);
      sealing.delete(message.id);
      if (message.ok) waiting?.resolve(message.data);
      else waiting?.reject(new Error(`the keychain refused: ${message.message}`));
      break;
    }
    case 'call':
      void answerCall(send, message.id, message.channel, () =>
        worker.call(message.channel, message.request, message.session),
      );
      break;
    case 'grantFiles':
      send({ type: 'result', id: message.id, ...worker.grantFiles(message.session, message.kind, message.files) });
      break;
    case 'setChosenFolder':
      send({
        type: 'result',
        id: message.id,
        ...worker.setChosenFolder(message.session, message.purpose, message.folder),
      });
      break;
    case 'endSession':
      worker.endSession(message.session);
      break;
    case 'open':
      worker.open(message.path).then(
        () => send({ type: 'result', id: message.id, ok: true, response: { journalPath: worker.journal.path } }),
        (e: unknown) =>
          send({
            type: 'result',
            id: message.id,
            ok: false,
            error: { code: 'refused', message: `Cannot open ${message.path}: ${(e as Error).message}` },
          }),
      );
      break;
    case 'close':
      void worker.close().finally(() => {
        send({ type: 'result', id: message.id, ok: true, response: null });
        port.close();
      });
      break;
  }
});
